import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Store } from '../../src/db/connect.js';
import { testDatabaseUrl } from './store-settings.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first output line matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGTERM, then the worker's counts as it printed them on its way out. */
  stop(): Promise<Record<string, number>>;
}

/** The URL of the test store's own schema, for a child process to share it. */
export async function schemaUrl(store: Store): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  const url = new URL(testDatabaseUrl());
  url.searchParams.set('options', `-c search_path=${rows[0]!.schema}`);
  return url.toString();
}

/**
 * Starts test/support/delivery-worker.process.ts as a child process, through tsx, or the JavaScript
 * `compiled` from it (the bench's, which starts faster).
 */
export function startWorkerProcess(env: Record<string, string>, compiled?: string): WorkerProcess {
  const args = compiled ? [compiled] : ['--import', 'tsx', 'test/support/delivery-worker.process.ts'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let buffer = '';
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters])
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
    }
  });
  const waitFor = (pattern: RegExp, timeoutMs = 15_000) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return resolve(seen);
      const timer = setTimeout(
        () => reject(new Error(`worker never printed ${pattern}: ${errors}`)),
        timeoutMs,
      );
      const done = (line: string) => {
        clearTimeout(timer);
        resolve(line);
      };
      waiters.push({ pattern, resolve: done });
    });
  return {
    child,
    lines,
    waitFor,
    async stop() {
      child.kill('SIGTERM');
      const line = await waitFor(/^counts /);
      return JSON.parse(line.slice('counts '.length)) as Record<string, number>;
    },
  };
}
