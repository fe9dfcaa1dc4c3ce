import type { AdaptiveCard } from '../../cards/card-kit.js';
import { buildDateRequestCard } from '../../cards/date-request.card.js';
import { answerKey, OPEN_FORM_VERB, openFormDataSchema } from '../../cards/update-buttons.js';
import { buildUpdateFormCard } from '../../cards/update-form.card.js';
import { canOnAction } from '../../src/access/viewer.js';
import { findActionById } from '../../src/plan/action.repository.js';
import { dueStatus } from '../../src/plan/due-status.js';
import { newId } from '../../src/shared/ids.js';
import { NOT_YOURS } from '../../src/updates/status-update.js';
import type { BotTurn } from '../turn.js';
import { defineCardAction } from './card-action.js';
import { notOnRosterCard, refusalCard } from './update-replies.js';

type FormRequest = {
  actionId: string;
  mode: 'update' | 'done' | 'help' | 'date';
  reminderId?: string | undefined;
  key?: string | undefined;
  values?: { rag?: string; percent?: number; narrative?: string };
};

/** The form for an action, for the viewer, or a refusal: shared by the card buttons and the typed commands. */
export async function formCardFor(turn: BotTurn, request: FormRequest): Promise<AdaptiveCard> {
  if (!turn.viewer) return notOnRosterCard();
  const action = await findActionById(turn.app.db, turn.orgId, request.actionId);
  const capability = request.mode === 'date' ? 'requestDate' : 'updateAction';
  if (!action || !(await canOnAction(turn.app.db, turn.viewer, action, capability))) {
    return refusalCard({ message: NOT_YOURS });
  }
  if (action.state !== 'open')
    return refusalCard({ message: `${action.ref} is ${action.state}, so it takes no more updates.` });
  const key = answerKey(request) ?? newId();
  if (request.mode === 'date') {
    return buildDateRequestCard({
      action,
      today: turn.today,
      reminderId: request.reminderId,
      key: `${key}:date`,
    });
  }
  return buildUpdateFormCard(
    {
      action,
      due: dueStatus(action.dueDate, action.state, turn.today),
      mode: request.mode,
      reminderId: request.reminderId,
      key: `${key}:${request.mode}`,
      ...(request.values ? { values: request.values } : {}),
    },
    turn.now,
  );
}

/** *Update*, *Done*, *Need help*, *Request new date* and a plain-text answer's *Edit*: the form in place. */
export const updateFormAction = defineCardAction({
  verb: OPEN_FORM_VERB,
  schema: openFormDataSchema,
  async run(turn, data) {
    const values = {
      ...(data.rag ? { rag: data.rag } : {}),
      ...(data.percent !== undefined ? { percent: data.percent } : {}),
      ...(data.narrative ? { narrative: data.narrative } : {}),
    };
    return formCardFor(turn, { ...data, ...(Object.keys(values).length ? { values } : {}) });
  },
});
