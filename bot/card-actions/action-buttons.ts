import type { CardElement } from '../../cards/card-kit.js';
import { actionCardButtons } from '../../cards/update-buttons.js';
import { canOnAction } from '../../src/access/viewer.js';
import type { ActionView } from '../../src/plan/action-view.js';
import { newId } from '../../src/shared/ids.js';
import type { BotTurn } from '../turn.js';

/** The buttons the viewer may use on an `action <ref>` card: the five answers while open, Reopen for leads. */
export async function actionButtonsFor(turn: BotTurn, action: ActionView): Promise<CardElement[]> {
  const { db } = turn.app;
  if (action.state === 'withdrawn') return [];
  return actionCardButtons(
    action.id,
    {
      update: action.state === 'open' && (await canOnAction(db, turn.viewer, action, 'updateAction')),
      reopen: action.state === 'complete' && (await canOnAction(db, turn.viewer, action, 'reopenAction')),
    },
    newId(),
  );
}
