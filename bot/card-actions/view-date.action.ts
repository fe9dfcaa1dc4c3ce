import { buildApprovalCard, dateDecisionDataSchema, VIEW_DATE_VERB } from '../../cards/approval.card.js';
import { canOnAction } from '../../src/access/viewer.js';
import { programmeLeads } from '../../src/people/people.repository.js';
import { findActionById } from '../../src/plan/action.repository.js';
import { findDateRequest } from '../../src/updates/date-request.repository.js';
import { defineCardAction } from './card-action.js';
import { notOnRosterCard, refusalCard } from './update-replies.js';

/**
 * The refresh of an approval card (Teams asks when a lead views it): the request as it stands, so a card
 * another lead already decided shows the decision instead of live buttons.
 */
export const viewDateAction = defineCardAction({
  verb: VIEW_DATE_VERB,
  schema: dateDecisionDataSchema,
  async run(turn, data) {
    if (!turn.viewer) return notOnRosterCard();
    const { db } = turn.app;
    const request = await findDateRequest(db, turn.orgId, data.requestId);
    const action = request && (await findActionById(db, turn.orgId, request.actionId));
    if (!request || !action || !(await canOnAction(db, turn.viewer, action, 'approveDate'))) {
      return refusalCard({ message: 'Only programme leads can see this request.' });
    }
    const leads = await programmeLeads(db, turn.orgId);
    const refreshFor = leads.flatMap((l) => (l.aad_object_id ? [l.aad_object_id] : []));
    return buildApprovalCard({ request, action, refreshFor }, turn.now, turn.app.config.TIME_ZONE);
  },
});
