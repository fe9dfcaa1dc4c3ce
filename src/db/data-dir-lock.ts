import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * The embedded store is one process's alone: a second process opening the same data directory (the CLI while
 * the bot runs) would corrupt it. Takes a pid lock file, replacing one left by a process that has died.
 * Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'practice-pulse.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new StoreLockedError(
          `The embedded store in ${dataDir} is in use by process ${holder} (the running bot?). Stop it first, or use PostgreSQL (DATABASE_URL) to run the bot and the command line together.`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new StoreLockedError(`Could not lock the embedded store in ${dataDir}`);
}
