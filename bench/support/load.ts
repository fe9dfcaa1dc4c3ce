import autocannon, { type Options } from 'autocannon';
import { steadyLoad } from './steady-load.js';

/** An HTTP endpoint and the JSON body of each request (a new one per request, e.g. a fresh activity id). */
export interface LoadTarget {
  url: string;
  body(): string;
  /** Whether a 2xx answer's body is the real answer (not, say, a refusal); unset: any 2xx counts. */
  accept?(body: string): boolean;
}

export interface LoadResult {
  /** Successful (2xx and accepted) responses per second over the run. */
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  succeeded: number;
  /** Non-2xx answers, 2xx answers not accepted, connection errors and timeouts. */
  failed: number;
  statusCodes: string;
}

export interface LoadLength {
  durationSeconds: number;
}

async function run(target: LoadTarget, options: Omit<Options, 'url' | 'requests'>): Promise<LoadResult> {
  const { pathname, search, origin } = new URL(target.url);
  let rejected = 0;
  const accept = target.accept;
  const result = await autocannon({
    ...options,
    url: origin,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: `${pathname}${search}`,
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: target.body() }),
        ...(accept
          ? {
              onResponse: (status: number, body: string) => {
                if (status >= 200 && status < 300 && !accept(body)) rejected++;
              },
            }
          : {}),
      },
    ],
  });
  const succeeded = result['2xx'] - rejected;
  const codes = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${code}×${count}`);
  return {
    requestsPerSecond: result.duration > 0 ? succeeded / result.duration : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    succeeded,
    failed: result.non2xx + result.errors + result.timeouts + rejected,
    statusCodes: [...codes, ...(rejected ? [`not the real answer×${rejected}`] : [])].join(' '),
  };
}

/** As fast as the server answers, with this many requests in flight: throughput; latency here is queueing. */
export function saturate(target: LoadTarget, length: LoadLength, connections = 50): Promise<LoadResult> {
  return run(target, { connections, duration: length.durationSeconds });
}

/**
 * A fixed offered load: `rate` requests per second, evenly spaced, on at most `connections` sockets — the
 * latency people would see. why: not autocannon's overallRate, which lets each connection send its share at
 * the start of every second, so all connections fire together and the figure is the time to drain a burst
 * of `connections` requests (queueing again) rather than a request's latency at that rate.
 */
export function offer(
  target: LoadTarget,
  length: LoadLength,
  rate = 100,
  connections = 50,
): Promise<LoadResult> {
  return steadyLoad(target, length, rate, connections);
}

/**
 * Waits until the server has worked off what the last run left queued (autocannon stops sending, the server
 * does not stop handling): two health answers in a row under 50 ms, or 15 s at most.
 */
export async function waitUntilIdle(healthUrl: string): Promise<void> {
  const deadline = performance.now() + 15_000;
  let quick = 0;
  while (quick < 2 && performance.now() < deadline) {
    const t0 = performance.now();
    const response = await fetch(healthUrl, { signal: AbortSignal.timeout(15_000) });
    await response.arrayBuffer();
    quick = performance.now() - t0 < 50 ? quick + 1 : 0;
    if (quick < 2) await new Promise((r) => setTimeout(r, 50));
  }
}
