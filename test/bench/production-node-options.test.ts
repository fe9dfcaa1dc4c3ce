import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { productionNodeOptions } from '../../bench/support/practice-pulse.js';

describe('production Node options', () => {
  it('the bench reads them from start:prod, and the Dockerfile starts the bot with the same', () => {
    const options = productionNodeOptions();
    expect(options).toContain('--max-semi-space-size=4');
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync('Dockerfile', 'utf8'))?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...options, 'dist/src/index.js']);
  });
});
