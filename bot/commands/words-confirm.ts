import type { AdaptiveCard } from '../../cards/card-kit.js';
import { buildConfirmWordsCard } from '../../cards/confirm-words.card.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import type { ActionView } from '../../src/plan/action-view.js';
import { newId } from '../../src/shared/ids.js';
import { parseWords } from '../../src/updates/parse-words.js';
import { MAX_NARRATIVE } from '../../src/updates/status-update.input.js';

export const TOO_LONG = buildNoticeCard({
  title: 'Nothing was recorded',
  tone: 'error',
  lines: [
    `That is longer than an update can be (${MAX_NARRATIVE.toLocaleString('en-GB')} characters). Please shorten it.`,
  ],
});

/** The confirmation of what plain words would record on an action: RAG and percent carried unless the words say. */
export function confirmWordsCard(action: ActionView, words: string): AdaptiveCard {
  if (action.state !== 'open') {
    return buildNoticeCard({
      title: 'Nothing was recorded',
      lines: [`${action.ref} is ${action.state}, so it takes no more updates.`],
    });
  }
  const parsed = parseWords(words);
  return buildConfirmWordsCard({
    action,
    rag: parsed.rag ?? action.rag ?? 'green',
    percent: parsed.percent ?? action.percent ?? 0,
    done: parsed.done,
    narrative: parsed.narrative,
    fromWords: { rag: parsed.rag !== undefined, percent: parsed.percent !== undefined },
    key: newId(),
  });
}
