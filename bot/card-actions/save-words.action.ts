import { SAVE_WORDS_VERB, saveWordsDataSchema } from '../../cards/confirm-words.card.js';
import { recordStatusUpdate } from '../../src/updates/status-update.service.js';
import { defineCardAction } from './card-action.js';
import { notOnRosterCard, recordedReply, refusalCard } from './update-replies.js';

/** *Save* on a plain-text answer's confirmation: records exactly what the card showed. */
export const saveWordsAction = defineCardAction({
  verb: SAVE_WORDS_VERB,
  schema: saveWordsDataSchema,
  async run(turn, data) {
    if (!turn.viewer) return notOnRosterCard();
    const result = await recordStatusUpdate(
      turn.app.db,
      turn.viewer,
      {
        actionId: data.actionId,
        rag: data.done ? 'green' : data.rag,
        percent: data.done ? 100 : data.percent,
        narrative: data.narrative,
        idempotencyKey: `words:${data.submitKey}`,
      },
      turn.now,
      { kind: data.done ? 'done' : 'update' },
    );
    if (result.kind === 'refused') return refusalCard(result);
    return recordedReply(turn, result, result.kind === 'recorded' ? result.before.percent : null, undefined);
  },
});
