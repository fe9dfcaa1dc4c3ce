import { answerKey, buttonDataSchema, ON_TRACK_VERB } from '../../cards/update-buttons.js';
import { findActionById } from '../../src/plan/action.repository.js';
import { NOT_YOURS } from '../../src/updates/status-update.js';
import { recordStatusUpdate } from '../../src/updates/status-update.service.js';
import { defineCardAction } from './card-action.js';
import { notOnRosterCard, recordedReply, refusalCard } from './update-replies.js';

/** *On track* in one tap: green, percent unchanged, nothing to fill in. */
export const onTrackAction = defineCardAction({
  verb: ON_TRACK_VERB,
  schema: buttonDataSchema,
  async run(turn, data) {
    if (!turn.viewer) return notOnRosterCard();
    const action = await findActionById(turn.app.db, turn.orgId, data.actionId);
    if (!action) return refusalCard({ message: NOT_YOURS });
    const result = await recordStatusUpdate(
      turn.app.db,
      turn.viewer,
      {
        actionId: action.id,
        rag: 'green',
        percent: action.percent ?? 0,
        idempotencyKey: answerKey(data) && `${answerKey(data)}:on_track`,
      },
      turn.now,
      { kind: 'on_track' },
    );
    if (result.kind === 'refused') return refusalCard(result);
    const before = result.kind === 'recorded' ? result.before.percent : result.update.percent;
    return recordedReply(turn, result, before, data.reminderId);
  },
});
