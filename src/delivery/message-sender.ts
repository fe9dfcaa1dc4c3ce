/**
 * The port the delivery worker sends through. `bot/proactive-sender.ts` implements it with botbuilder;
 * tests may use the real one against the fake connector. Nothing here knows botbuilder.
 */

export type SendTarget =
  /** A stored conversation (botbuilder's ConversationReference, as captured). */
  | { kind: 'conversation'; reference: Record<string, unknown> }
  /** A roster person with no personal conversation yet: the 1:1 is created first. */
  | { kind: 'person'; tenantId: string; serviceUrl: string; aadObjectId: string };

export interface SendRequest {
  orgId: string;
  target: SendTarget;
  /** A Bot Framework message activity. */
  activity: Record<string, unknown>;
}

export interface SendReceipt {
  activityId: string;
  conversationId: string;
  /** The reference of a conversation created for this send, to store for next time. */
  createdReference?: Record<string, unknown>;
}

/** A send that did not go through, described by what Teams (or the network) answered. */
export class SendFailure extends Error {
  override name = 'SendFailure';
  constructor(
    message: string,
    /** HTTP status, when Teams answered. */
    readonly status?: number,
    /** Network error code (ECONNREFUSED, ETIMEDOUT…), when it did not. */
    readonly code?: string,
    /** From Retry-After, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface MessageSender {
  /** Sends one activity; throws SendFailure when Teams or the network refuses. */
  send(request: SendRequest): Promise<SendReceipt>;
}

/** Retry-After as delta-seconds (decimals accepted) or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!/^[A-Za-z]{3}, \d/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
