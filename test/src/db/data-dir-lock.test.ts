import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir, StoreLockedError } from '../../../src/db/data-dir-lock.js';

const dir = () => mkdtempSync(join(tmpdir(), 'pp-lock-'));

describe('embedded store lock', () => {
  it('refuses a data directory another live process holds, saying what to do', () => {
    const dataDir = dir();
    writeFileSync(join(dataDir, 'practice-pulse.pid'), String(process.ppid));
    expect(() => lockDataDir(dataDir)).toThrow(StoreLockedError);
    expect(() => lockDataDir(dataDir)).toThrow(/in use by process \d+ .*Stop it first, or use PostgreSQL/);
  });

  it('takes over a lock left by a process that died, and releases it', () => {
    const dataDir = dir();
    const file = join(dataDir, 'practice-pulse.pid');
    writeFileSync(file, '999999999');
    const release = lockDataDir(dataDir);
    expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(file)).toBe(false);
  });
});
