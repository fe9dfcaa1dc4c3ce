import type { FailedRecipient } from '../delivery/delivery-status.js';
import { WAITING_FOR_INSTALL } from '../delivery/delivery-target.js';

/**
 * Why a recipient cannot be reached, in words a programme lead can act on: a person who blocked the bot
 * needs a conversation, a roster entry without a Teams account needs the roster fixed. The delivery layer
 * records a status (403/404 from Teams) or, when it never tried, the reason it could not.
 */
export function unreachableWhy(r: Pick<FailedRecipient, 'kind' | 'status' | 'reason'>): string {
  if (r.status === 403)
    return r.kind === 'person' ? 'has blocked the bot or removed the app' : 'removed the bot';
  if (r.status === 404) return 'the conversation no longer exists';
  if (r.reason === WAITING_FOR_INSTALL) return 'the app is not installed in Teams yet';
  if (/no Teams identity/.test(r.reason)) return 'no Teams account on the roster';
  if (/no longer on the roster/.test(r.reason)) return 'no longer on the roster';
  if (/reference no longer stored/.test(r.reason)) return 'the conversation no longer exists';
  return r.reason;
}
