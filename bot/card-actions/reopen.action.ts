import { z } from 'zod';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { REOPEN_VERB } from '../../cards/update-buttons.js';
import { reopenAction } from '../../src/updates/reopen.service.js';
import { defineCardAction } from './card-action.js';
import { notOnRosterCard, refusalCard } from './update-replies.js';

/** *Reopen* on a completed action's card (programme leads): open again, amber. */
export const reopenCardAction = defineCardAction({
  verb: REOPEN_VERB,
  schema: z.object({ actionId: z.uuid('This card refers to an action that does not exist.') }),
  async run(turn, data) {
    if (!turn.viewer) return notOnRosterCard();
    const result = await reopenAction(turn.app.db, turn.viewer, data.actionId, turn.now);
    if (result.kind === 'refused') return refusalCard(result);
    return buildNoticeCard({
      title: `${result.action.ref} reopened`,
      lines: ['It is open again, amber, and its owners will be reminded as its due date nears.'],
    });
  },
});
