import type { FailureKind } from './delivery.table.js';
import type { SendFailure } from './message-sender.js';

export interface RetryOptions {
  /** Attempts (claims) before a retryable failure becomes permanent. */
  maxAttempts: number;
  /** First backoff delay; doubles each attempt. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 300_000 };

export type FailureDecision =
  | { kind: 'retry'; delayMs: number; throttled: boolean }
  | { kind: 'permanent'; failure: FailureKind; reason: string };

// why: Teams answers 403 when the user blocked the bot or the app was removed, 404 when the conversation is gone.
const permanentReasons: Record<number, string> = {
  403: 'bot blocked or app removed',
  404: 'conversation not found',
};
const retryableStatuses = new Set([408, 412, 500, 502, 503, 504]);

/** Decides what a failed send means: wait and retry (honouring Retry-After on 429), or give up for good. */
export function decideFailure(
  error: SendFailure,
  attempts: number,
  options: RetryOptions,
  random: () => number = Math.random,
): FailureDecision {
  const { status } = error;
  if (status !== undefined && permanentReasons[status])
    return { kind: 'permanent', failure: 'unreachable', reason: permanentReasons[status] };
  // why: a 429 means "later", not "broken", so it gets a longer allowance than errors before giving up.
  if (status === 429 && attempts < options.maxAttempts * 4) {
    const delayMs = error.retryAfterMs ?? backoffDelay(attempts, options, random);
    return { kind: 'retry', delayMs, throttled: true };
  }
  // why: no status means Teams never answered (refused connection, reset, timeout): worth another try.
  const retryable = status === undefined || status === 429 || status === 401 || retryableStatuses.has(status);
  if (!retryable)
    return {
      kind: 'permanent',
      failure: 'rejected',
      reason: `rejected by Teams (${status}): ${error.message}`,
    };
  if (attempts >= options.maxAttempts) {
    const what = status === undefined ? (error.code ?? error.message) : `HTTP ${status}`;
    return {
      kind: 'permanent',
      failure: 'gave_up',
      reason: `gave up after ${attempts} attempts (last: ${what})`,
    };
  }
  return { kind: 'retry', delayMs: backoffDelay(attempts, options, random), throttled: false };
}

/** Exponential backoff with full jitter: uniform in [base·2^(n-1) / 2, base·2^(n-1)], capped. */
export function backoffDelay(
  attempts: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
