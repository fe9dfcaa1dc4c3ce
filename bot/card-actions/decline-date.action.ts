import { DECLINE_DATE_VERB, dateDecisionDataSchema } from '../../cards/approval.card.js';
import { defineCardAction } from './card-action.js';
import { decideDate } from './decide-date.js';

/** *Decline* on a new-date approval card (programme leads only, with a reason): the owner is told why. */
export const declineDateAction = defineCardAction({
  verb: DECLINE_DATE_VERB,
  schema: dateDecisionDataSchema,
  run: (turn, data) => decideDate(turn, data, 'decline'),
});
