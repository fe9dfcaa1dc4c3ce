import { describe, expect, it } from 'vitest';
import { backoffDelay, decideFailure, defaultRetryOptions } from '../../../src/delivery/delivery-policy.js';
import { parseRetryAfter, SendFailure } from '../../../src/delivery/message-sender.js';
import { checkPayloadSize, PayloadTooLargeError } from '../../../src/delivery/payload-size.js';
import { tenantShare } from '../../../src/delivery/worker-registry.js';

const options = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe('decideFailure', () => {
  it.each([
    [403, 'bot blocked or app removed'],
    [404, 'conversation not found'],
  ])('%i is permanent: %s', (status, reason) => {
    expect(decideFailure(new SendFailure('x', status), 1, options)).toEqual({
      kind: 'permanent',
      failure: 'unreachable',
      reason,
    });
  });

  it.each([408, 412, 500, 502, 503, 504, 401])('%i is retried with backoff', (status) => {
    const decision = decideFailure(new SendFailure('x', status), 1, options, () => 0.5);
    expect(decision).toEqual({ kind: 'retry', delayMs: 75, throttled: false });
  });

  it('retries network errors (no status) and gives up after the last attempt', () => {
    const refused = new SendFailure('connect ECONNREFUSED', undefined, 'ECONNREFUSED');
    expect(decideFailure(refused, 4, options).kind).toBe('retry');
    expect(decideFailure(refused, 5, options)).toEqual({
      kind: 'permanent',
      failure: 'gave_up',
      reason: 'gave up after 5 attempts (last: ECONNREFUSED)',
    });
  });

  it('honours Retry-After on 429, beyond the usual attempt limit', () => {
    const throttled = new SendFailure('slow down', 429, undefined, 7_000);
    expect(decideFailure(throttled, 12, options)).toEqual({ kind: 'retry', delayMs: 7_000, throttled: true });
    expect(decideFailure(throttled, 20, options).kind).toBe('permanent');
  });

  it('treats other 4xx as rejected for good', () => {
    expect(decideFailure(new SendFailure('bad card', 400), 1, options)).toMatchObject({
      kind: 'permanent',
      failure: 'rejected',
    });
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt with jitter in the upper half, capped', () => {
    expect(backoffDelay(1, options, () => 0)).toBe(50);
    expect(backoffDelay(1, options, () => 1)).toBe(100);
    expect(backoffDelay(3, options, () => 1)).toBe(400);
    expect(backoffDelay(30, options, () => 1)).toBe(1_000);
    expect(backoffDelay(1, defaultRetryOptions, () => 1)).toBe(1_000);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    ['2', 2_000],
    ['0.25', 250],
    [' 10 ', 10_000],
    ['Thu, 01 Jan 1970 00:00:05 GMT', 5_000],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
    ['-3', undefined],
  ])('%s → %s ms', (value, expected) => {
    expect(parseRetryAfter(value, 0)).toBe(expected);
  });
});

describe('checkPayloadSize', () => {
  const card = (text: string) => ({
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text }] },
      },
    ],
  });

  it('accepts an ordinary card', () => {
    expect(() => checkPayloadSize(card('Action 3a is due on Friday.'))).not.toThrow();
  });

  it('names the card and its size when the card is over 28 KB', () => {
    expect(() => checkPayloadSize(card('x'.repeat(30_000)))).toThrow(
      /card 1 is 29\.\d KB of JSON; Teams accepts at most 27\.3 KB/,
    );
  });

  it('refuses a message over 40 KB in total', () => {
    const big = { ...card('ok'), text: 'y'.repeat(41_000) };
    expect(() => checkPayloadSize(big)).toThrow(PayloadTooLargeError);
  });
});

describe('tenantShare', () => {
  it('shares the limit in whole requests, leaving room for replies in conversations', () => {
    expect(tenantShare(50, 1)).toBe(49);
    expect(tenantShare(50, 2)).toBe(24);
    expect(tenantShare(50, 3)).toBe(16);
    expect(tenantShare(50, 100)).toBe(1);
  });
});
