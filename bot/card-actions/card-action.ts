import type { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import type { BotTurn } from '../turn.js';

/**
 * A card button's server side: one file each, registered in card-actions/index.ts. The data is parsed with
 * `schema` before `run` sees it; who may act is decided inside `run` from `turn.viewer`, never from the data.
 * The card returned replaces the card that was tapped.
 */
export interface CardAction<S extends z.ZodType = z.ZodType> {
  verb: string;
  schema: S;
  run(turn: BotTurn, data: z.infer<S>): Promise<AdaptiveCard>;
}

/** Keeps each action's data type tied to its schema while storing them in one list. */
export function defineCardAction<S extends z.ZodType>(action: CardAction<S>): CardAction {
  return action as unknown as CardAction;
}
