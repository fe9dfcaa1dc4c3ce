import type { CardAction } from './card-action.js';
import { pulseCardActions } from './pulse-submit.action.js';
import { updateCardActions } from './update-actions.js';

/** Every card verb the bot answers. Register a new card action with one line here. */
export const cardActions: CardAction[] = [...pulseCardActions, ...updateCardActions];
