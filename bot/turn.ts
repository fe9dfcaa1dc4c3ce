import { CardFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../cards/card-kit.js';
import type { Viewer } from '../src/access/viewer.js';
import type { AppContext } from '../src/app-context.js';
import { localDate } from '../src/calendar/iso-date.js';

/** One incoming activity, with who sent it as the server knows them. */
export interface BotTurn {
  ctx: TurnContext;
  app: AppContext;
  orgId: string;
  /** The roster person matching the sender's Entra object id; undefined if they are not on the roster. */
  viewer: Viewer | undefined;
  now: Date;
  /** Today's date in the plan's time zone. */
  today: string;
}

export function makeTurn(
  ctx: TurnContext,
  app: AppContext,
  orgId: string,
  viewer: Viewer | undefined,
): BotTurn {
  const now = app.clock.now();
  return { ctx, app, orgId, viewer, now, today: localDate(now, app.config.TIME_ZONE) };
}

export function cardActivity(card: AdaptiveCard) {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

export async function replyCard(turn: BotTurn, card: AdaptiveCard): Promise<void> {
  await turn.ctx.sendActivity(cardActivity(card));
}
