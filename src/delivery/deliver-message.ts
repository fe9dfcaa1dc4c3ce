import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { ClaimedMessage } from './claim.repository.js';
import { markFailed, markSent, scheduleRetry } from './delivery.repository.js';
import { decideFailure, type RetryOptions } from './delivery-policy.js';
import { resolveTarget, saveCreatedConversation } from './delivery-target.js';
import { type MessageSender, SendFailure } from './message-sender.js';
import { checkPayloadSize, PayloadTooLargeError } from './payload-size.js';

export type Outcome = 'sent' | 'retry' | 'throttled' | 'failed' | 'released';

/** Go, and say when Teams answered (the pacer counts the request until a second after); or put it back. */
export type Turn = { answered: () => void } | { laterMs: number };

export interface DeliveryContext {
  db: Kysely<DB>;
  sender: MessageSender;
  clock: Clock;
  logger: Logger;
  retry: RetryOptions;
  /** A send with no answer by then counts as failed and is retried (kept well inside the lease). */
  sendTimeoutMs: number;
  random: () => number;
  /**
   * Waits for this message's pacing slot, or says how long to put it back for (the worker is stopping, or
   * a 429 pause would outlast the lease).
   */
  waitTurn(message: ClaimedMessage, conversationKey: string, requests: number): Promise<Turn>;
  /** A 429 pauses the conversation and tenant for everyone in this worker. */
  pause(orgId: string, conversationKey: string, untilMs: number): void;
}

/** How long a message waits for the bot to be installed before it fails, and how often it looks again. */
export const WAIT_FOR_INSTALL_MS = 24 * 3600_000;
export const WAIT_RECHECK_MS = 10 * 60_000;

/** One claimed message, start to finish: cheap checks, pacing, send, then record the outcome. */
export async function deliverMessage(ctx: DeliveryContext, message: ClaimedMessage): Promise<Outcome> {
  const { db, clock } = ctx;
  if (message.attempts > ctx.retry.maxAttempts * 4) {
    const reason = `claimed ${message.attempts} times without an answer (worker stopped while sending)`;
    await markFailed(db, message, { kind: 'gave_up', reason, status: null });
    return 'failed';
  }
  try {
    checkPayloadSize(message.payload);
  } catch (error) {
    if (!(error instanceof PayloadTooLargeError)) throw error;
    await markFailed(db, message, { kind: 'rejected', reason: error.message, status: null });
    ctx.logger.error({ outboxId: message.id, orgId: message.orgId }, error.message);
    return 'failed';
  }
  const resolved = await resolveTarget(db, message);
  if (!resolved.ok) {
    // why: a council's users get the app over days; a message waits a day for the first install, then fails.
    if (resolved.waits && clock.now().getTime() - message.createdAt.getTime() < WAIT_FOR_INSTALL_MS) {
      const at = new Date(clock.now().getTime() + WAIT_RECHECK_MS);
      await scheduleRetry(db, message, { at, status: null, error: resolved.reason, uncount: true });
      return 'released';
    }
    await markFailed(db, message, { kind: 'unreachable', reason: resolved.reason, status: null });
    return 'failed';
  }
  const turn = await ctx.waitTurn(message, resolved.pacingKey, resolved.requests);
  if ('laterMs' in turn) {
    await scheduleRetry(db, message, {
      at: new Date(clock.now().getTime() + turn.laterMs),
      status: null,
      error: 'released unsent',
      uncount: true,
    });
    return 'released';
  }
  let receipt: Awaited<ReturnType<MessageSender['send']>>;
  try {
    const request = { orgId: message.orgId, target: resolved.target, activity: message.payload };
    receipt = await withTimeout(ctx.sender.send(request), ctx.sendTimeoutMs);
  } catch (error) {
    turn.answered();
    return recordFailure(ctx, message, resolved.pacingKey, asSendFailure(error));
  }
  turn.answered();
  await markSent(db, message.id, receipt, clock.now());
  await saveCreatedConversation(db, message, receipt, clock.now());
  return 'sent';
}

async function recordFailure(
  ctx: DeliveryContext,
  message: ClaimedMessage,
  conversationKey: string,
  failure: SendFailure,
): Promise<Outcome> {
  const decision = decideFailure(failure, message.attempts, ctx.retry, ctx.random);
  const status = failure.status ?? null;
  const log = {
    outboxId: message.id,
    orgId: message.orgId,
    status,
    code: failure.code,
    attempts: message.attempts,
  };
  if (decision.kind === 'permanent') {
    await markFailed(ctx.db, message, { kind: decision.failure, reason: decision.reason, status });
    ctx.logger.warn(log, `delivery failed for good: ${decision.reason}`);
    return 'failed';
  }
  if (decision.throttled) ctx.pause(message.orgId, conversationKey, Date.now() + decision.delayMs);
  const at = new Date(ctx.clock.now().getTime() + decision.delayMs);
  await scheduleRetry(ctx.db, message, { at, status, error: failure.message });
  ctx.logger.info({ ...log, delayMs: decision.delayMs }, 'delivery will be retried');
  return decision.throttled ? 'throttled' : 'retry';
}

/** why: a hung connection must not hold the claim past its lease, or another worker would send it too. */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SendFailure(`no answer from Teams within ${ms} ms`, undefined, 'ETIMEDOUT')),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function asSendFailure(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  return new SendFailure(error instanceof Error ? error.message : String(error));
}
