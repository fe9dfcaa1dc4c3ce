import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTabBuilt, TAB_DIST, tabIsStale } from '../../scripts/build-tab.js';

/** The tab's bundle: built when missing or stale, and small enough for Teams mobile (< 150 KB gzipped). */
describe('tab build', () => {
  let stamp: Awaited<ReturnType<typeof ensureTabBuilt>>;
  beforeAll(async () => {
    stamp = await ensureTabBuilt();
  });

  it('writes the pages, scripts and styles the server serves, and is then up to date', () => {
    for (const file of ['index.html', 'config.html', 'app.js', 'config.js', 'styles.css'])
      expect(existsSync(join(TAB_DIST, file)), file).toBe(true);
    expect(tabIsStale()).toBe(false);
    expect(stamp.inputs).toContain('src/updates/status-update.input.ts');
  });

  it('keeps each JavaScript bundle under 150 KB gzipped', () => {
    console.log(`tab bundle gzipped: ${JSON.stringify(stamp.gzipBytes)}`);
    expect(stamp.gzipBytes['app.js']).toBeLessThan(150 * 1024);
    expect(stamp.gzipBytes['config.js']).toBeLessThan(150 * 1024);
  });

  it('loads the scripts as modules from the same folder (no external hosts)', () => {
    const html = readFileSync(join(TAB_DIST, 'index.html'), 'utf8');
    expect(html).toContain('<script type="module" src="app.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
  });
});
