import { APPROVE_DATE_VERB, dateDecisionDataSchema } from '../../cards/approval.card.js';
import { defineCardAction } from './card-action.js';
import { decideDate } from './decide-date.js';

/** *Approve* on a new-date approval card (programme leads only): the due date moves, the owner is told. */
export const approveDateAction = defineCardAction({
  verb: APPROVE_DATE_VERB,
  schema: dateDecisionDataSchema,
  run: (turn, data) => decideDate(turn, data, 'approve'),
});
