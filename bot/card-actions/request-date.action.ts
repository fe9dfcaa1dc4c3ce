import {
  buildDateRequestCard,
  REQUEST_DATE_VERB,
  requestDateDataSchema,
} from '../../cards/date-request.card.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { dateRequestMessages } from '../../cards/reminder-messages.js';
import { canOnAction } from '../../src/access/viewer.js';
import { longDate } from '../../src/calendar/iso-date.js';
import { findActionById } from '../../src/plan/action.repository.js';
import { requestNewDate } from '../../src/updates/date-request.service.js';
import { NOT_YOURS } from '../../src/updates/status-update.js';
import { defineCardAction } from './card-action.js';
import { notOnRosterCard, refusalCard, reminderAfter } from './update-replies.js';

/** *Send for approval* on the new-date form: stored, leads asked; the owner is told it waits for approval. */
export const requestDateAction = defineCardAction({
  verb: REQUEST_DATE_VERB,
  schema: requestDateDataSchema,
  async run(turn, data) {
    if (!turn.viewer) return notOnRosterCard();
    const action = await findActionById(turn.app.db, turn.orgId, data.actionId);
    // why: an input problem shows the form (with the action) again, and the service checks input first.
    if (!action || !(await canOnAction(turn.app.db, turn.viewer, action, 'requestDate')))
      return refusalCard({ message: NOT_YOURS });
    const result = await requestNewDate(
      turn.app.db,
      turn.viewer,
      {
        actionId: data.actionId,
        newDate: data.newDate ?? '',
        reason: data.reason ?? '',
        idempotencyKey: data.submitKey,
      },
      {
        now: turn.now,
        today: turn.today,
        messages: dateRequestMessages(turn.app.config.TIME_ZONE, turn.now),
      },
    );
    if (result.kind === 'refused') {
      if (result.reason !== 'invalid') return refusalCard(result);
      const values = {
        ...(data.newDate ? { newDate: data.newDate } : {}),
        ...(data.reason ? { reason: data.reason } : {}),
      };
      return buildDateRequestCard({
        action,
        today: turn.today,
        reminderId: data.reminderId,
        key: data.submitKey ?? `${action.id}:${turn.now.getTime()}`,
        values,
        problem: result.message,
      });
    }
    const line = `${action.ref}: new date ${longDate(result.request.requestedDate)} requested, waiting for approval`;
    return (
      (await reminderAfter(turn, data.reminderId, { line })) ??
      buildNoticeCard({
        title: 'Waiting for approval',
        lines: [`${line}.`, 'The programme leads have been asked; I will tell you their decision here.'],
      })
    );
  },
});
