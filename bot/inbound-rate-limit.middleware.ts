import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import { InboundRateLimit } from '../src/access/inbound-rate-limit.js';
import type { AppContext } from '../src/app-context.js';
import { tenantOf } from './conversation-capture.js';

export const SLOW_DOWN =
  "You're sending messages faster than I can keep up with. Please slow down and try again in a minute.";

/**
 * Per-person limit on what people send (messages and card taps), checked in memory before any store work.
 * Over the limit: one "slow down" answer, then silence for messages; card taps always get an answer (Teams
 * waits for one) that leaves the card as it was.
 */
export function inboundRateLimit(app: AppContext): Middleware {
  const limiter = new InboundRateLimit(app.config.INBOUND_BURST, app.config.INBOUND_PER_MINUTE);
  return {
    async onTurn(ctx: TurnContext, next: () => Promise<void>): Promise<void> {
      const { type, from } = ctx.activity;
      if (type !== ActivityTypes.Message && type !== ActivityTypes.Invoke) return next();
      const key = `${tenantOf(ctx.activity) ?? '-'}:${from?.aadObjectId ?? from?.id ?? '-'}`;
      const admission = limiter.take(key, app.clock.now().getTime());
      if (admission === 'admit') return next();
      if (admission === 'warn') app.log.warn({ activityId: ctx.activity.id, type }, 'inbound rate limit hit');
      if (type === ActivityTypes.Invoke) {
        // why: an Action.Execute answered with an activity message shows it to the person and keeps the card.
        await ctx.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: {
            status: 200,
            body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: SLOW_DOWN },
          },
        });
      } else if (admission === 'warn') {
        await ctx.sendActivity(SLOW_DOWN);
      }
    },
  };
}
