import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { onCleanup } from './cleanup.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface StartOptions {
  /** Short label used in errors and log file names. */
  name: string;
  /** Entry point, absolute or relative to the repository root; a `.ts` one runs through tsx. */
  script: string;
  /** Options for Node itself, before the entry point (e.g. V8 heap sizing). */
  nodeOptions?: string[];
  args?: string[];
  env: Record<string, string>;
  port: number;
  /** Path answered with 200 once the process is ready. */
  readyPath: string;
  timeoutMs: number;
}

export interface RunningProcess {
  pid: number;
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 on the ready path. */
  readyMs: number;
  logPath: string;
  rssMb(): number;
  stop(): Promise<void>;
}

let logDir: string | undefined;
const running = new Set<() => Promise<void>>();

/** Stops every process still running (after a scenario failed or ran out of time). */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
}

/** Resident set size of a process in MB (Linux /proc, else `ps`). */
export function rssMb(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(status, 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  }
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

/** Child logs live in a temp folder for the run; a failure quotes their last lines, so the folder goes at the end. */
function logFolder(): string {
  if (!logDir) {
    const dir = mkdtempSync(join(tmpdir(), 'pp-bench-logs-'));
    logDir = dir;
    onCleanup(() => {
      rmSync(dir, { recursive: true, force: true });
      logDir = undefined;
    });
  }
  return logDir;
}

function tail(path: string, lines = 15): string {
  return existsSync(path) ? readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

let guard: Promise<string> | undefined;

/** exit-with-parent.ts as plain JavaScript, to preload into processes that do not run through tsx. */
function parentGuard(): Promise<string> {
  guard ??= (async () => {
    const outfile = join(repoRoot, 'node_modules', '.cache', 'practice-pulse-bench', 'exit-with-parent.mjs');
    await build({
      entryPoints: [join(repoRoot, 'bench', 'support', 'exit-with-parent.ts')],
      outfile,
      format: 'esm',
      platform: 'node',
      logLevel: 'silent',
    });
    return outfile;
  })();
  return guard;
}

/**
 * Starts an entry point as its own Node process and waits until it answers 200; the process stops by itself
 * if the bench dies (exit-with-parent.ts).
 * why: `node --import tsx` rather than the `tsx` binary, which would put a wrapper process between us and the
 * server and make its pid (and so its RSS) the wrong one.
 */
export async function startProcess(options: StartOptions): Promise<RunningProcess> {
  const logPath = join(logFolder(), `${options.name}-${options.port}.log`);
  const loader = options.script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const preload = ['--import', pathToFileURL(await parentGuard()).href];
  const log = openSync(logPath, 'a');
  const started = performance.now();
  const nodeArgs = [...(options.nodeOptions ?? []), ...loader, ...preload];
  const child = spawn(process.execPath, [...nodeArgs, options.script, ...(options.args ?? [])], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const stop = async () => {
    unregister();
    running.delete(stop);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 10_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 2_000);
    }
  };
  const unregister = onCleanup(stop);
  running.add(stop);
  const baseUrl = `http://127.0.0.1:${options.port}`;
  try {
    const readyMs = await waitUntilReady(child, `${baseUrl}${options.readyPath}`, started, options.timeoutMs);
    return { pid: child.pid!, baseUrl, readyMs, logPath, rssMb: () => rssMb(child.pid!), stop };
  } catch (error) {
    await stop();
    throw new Error(
      `${options.name}: ${(error as Error).message}\n--- last lines of ${logPath}\n${tail(logPath)}`,
    );
  }
}

async function waitUntilReady(child: ChildProcess, url: string, started: number, timeoutMs: number) {
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.ok) return performance.now() - started;
    } catch {
      // why: connection refused until the server listens; keep polling until the deadline.
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not ready at ${url} within ${timeoutMs} ms`);
}
