import { Agent, request } from 'node:http';
import type { LoadLength, LoadResult, LoadTarget } from './load.js';

/** One request's outcome: latency from when it was due, and whether it got the real answer. */
interface Outcome {
  ms: number;
  status: number | 'error';
  accepted: boolean;
}

function send(target: LoadTarget, agent: Agent, dueAt: number, timeoutMs: number): Promise<Outcome> {
  const body = target.body();
  return new Promise((resolve) => {
    const done = (status: number | 'error', text = '') => {
      const ok = typeof status === 'number' && status >= 200 && status < 300;
      resolve({ ms: performance.now() - dueAt, status, accepted: ok && (target.accept?.(text) ?? true) });
    };
    const req = request(
      target.url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(res.statusCode ?? 0, Buffer.concat(chunks).toString()));
        res.on('error', () => done('error'));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => done('error'));
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;

/**
 * An open-loop load: one request every 1/rate s, evenly spaced, on at most `connections` kept-alive sockets.
 * Latency is counted from when a request was due, not from when a socket was free (why: a slow server must
 * not slow the load down and hide its own queueing — the coordinated omission wrk2 avoids the same way).
 */
export async function steadyLoad(
  target: LoadTarget,
  length: LoadLength,
  rate: number,
  connections: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const interval = 1000 / rate;
  const count = Math.round(length.durationSeconds * rate);
  const start = performance.now();
  const pending: Promise<Outcome>[] = [];
  for (let i = 0; i < count; i++) {
    const dueAt = start + i * interval;
    const wait = dueAt - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(target, agent, dueAt, 10_000));
  }
  const outcomes = await Promise.all(pending);
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const codes = new Map<string, number>();
  for (const o of outcomes) {
    const code =
      o.status === 'error'
        ? 'error'
        : o.accepted || o.status >= 300
          ? String(o.status)
          : 'not the real answer';
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  const succeeded = outcomes.filter((o) => o.accepted).length;
  return {
    requestsPerSecond: succeeded / Math.max(seconds, length.durationSeconds),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    succeeded,
    failed: outcomes.length - succeeded,
    statusCodes: [...codes].map(([code, n]) => `${code}×${n}`).join(' '),
  };
}
