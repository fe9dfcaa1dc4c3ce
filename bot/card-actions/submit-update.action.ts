import { buildHelpRequestCard } from '../../cards/help-request.card.js';
import { cardMessage } from '../../cards/reminder-messages.js';
import {
  buildUpdateFormCard,
  SUBMIT_UPDATE_VERB,
  type SubmitUpdateData,
  submitUpdateDataSchema,
} from '../../cards/update-form.card.js';
import { canOnAction } from '../../src/access/viewer.js';
import { enqueueMessage } from '../../src/delivery/outbox.repository.js';
import { programmeLeads } from '../../src/people/people.repository.js';
import { findActionById } from '../../src/plan/action.repository.js';
import type { ActionView } from '../../src/plan/action-view.js';
import { dueStatus } from '../../src/plan/due-status.js';
import type { StatusUpdateInput } from '../../src/updates/status-update.input.js';
import { NOT_YOURS } from '../../src/updates/status-update.js';
import { type RecordOptions, recordStatusUpdate } from '../../src/updates/status-update.service.js';
import type { BotTurn } from '../turn.js';
import { defineCardAction } from './card-action.js';
import { notOnRosterCard, recordedReply, refusalCard } from './update-replies.js';

// why: Teams sends every card input as a string ("60"), and an untouched Input.Number as "".
const toPercent = (v: string | number | undefined) =>
  typeof v === 'string' && v.trim() !== '' ? Number(v) : v;

/** The form's fields as the service's input: Done is green at 100%; a call for help keeps the last status. */
function inputOf(data: SubmitUpdateData, action: ActionView | undefined): StatusUpdateInput {
  const base = { actionId: data.actionId, idempotencyKey: data.submitKey };
  if (data.mode === 'done') {
    return { ...base, rag: 'green', percent: 100, narrative: data.narrative, evidenceUrl: data.evidenceUrl };
  }
  if (data.mode === 'help') {
    return { ...base, rag: action?.rag ?? 'amber', percent: action?.percent ?? 0, blockers: data.blockers };
  }
  return {
    ...base,
    rag: data.rag as StatusUpdateInput['rag'],
    percent: toPercent(data.percent) as number,
    narrative: data.narrative,
    evidenceUrl: data.evidenceUrl,
    blockers: data.blockers,
  };
}

/** What the form's mode asks for and the data lacks, checked before anything is recorded. */
function modeProblem(data: SubmitUpdateData): string | undefined {
  if (data.mode === 'done' && !data.narrative?.trim())
    return 'Say what was delivered: the evidence that it is done.';
  if (data.mode === 'help' && !data.blockers?.trim()) return 'Say what help you need.';
  return undefined;
}

/** The action, when the sender may update it (the form is shown again only to them). */
async function updatable(turn: BotTurn, actionId: string): Promise<ActionView | undefined> {
  const action = await findActionById(turn.app.db, turn.orgId, actionId);
  return action && (await canOnAction(turn.app.db, turn.viewer, action, 'updateAction')) ? action : undefined;
}

/** Tells the programme leads, in the same transaction as the help update. */
function helpNotice(turn: BotTurn): RecordOptions['alsoInTransaction'] {
  return async (trx, update, action) => {
    const card = buildHelpRequestCard(
      { action, askedBy: turn.viewer?.person.display_name ?? '', help: update.blockers ?? '' },
      turn.now,
    );
    for (const lead of await programmeLeads(trx, turn.orgId)) {
      const intent = {
        key: `help:${update.id}:${lead.id}`,
        kind: 'notice',
        target: { personId: lead.id },
        activity: cardMessage(card),
      };
      await enqueueMessage(trx, turn.orgId, intent, turn.now);
    }
  };
}

/** Submit on the update, done or help form: records it, or shows the form again with what to fix. */
export const submitUpdateAction = defineCardAction({
  verb: SUBMIT_UPDATE_VERB,
  schema: submitUpdateDataSchema,
  async run(turn, data) {
    if (!turn.viewer) return notOnRosterCard();
    const problem = modeProblem(data);
    // why: only a call for help (it keeps the last status) or a form to show again needs the action first;
    // an update or done goes straight to the service, which reads and checks it in its transaction.
    const needsAction = problem !== undefined || data.mode === 'help';
    const action = needsAction ? await updatable(turn, data.actionId) : undefined;
    if (needsAction && !action) return refusalCard({ message: NOT_YOURS });
    if (problem && action) return formAgain(turn, data, action, problem);
    const kind = data.mode === 'update' ? 'update' : data.mode;
    const result = await recordStatusUpdate(turn.app.db, turn.viewer, inputOf(data, action), turn.now, {
      kind,
      ...(kind === 'help' ? { alsoInTransaction: helpNotice(turn) } : {}),
    });
    if (result.kind === 'refused' && result.reason === 'invalid') {
      const shown = action ?? (await updatable(turn, data.actionId));
      return shown ? formAgain(turn, data, shown, result.message) : refusalCard({ message: NOT_YOURS });
    }
    if (result.kind === 'refused') return refusalCard(result);
    const before = result.kind === 'recorded' ? result.before.percent : null;
    return recordedReply(turn, result, before, data.reminderId);
  },
});

function formAgain(turn: BotTurn, data: SubmitUpdateData, action: ActionView, problem: string) {
  const values = {
    ...(data.rag ? { rag: data.rag } : {}),
    ...(data.percent !== undefined ? { percent: data.percent } : {}),
    ...(data.narrative ? { narrative: data.narrative } : {}),
    ...(data.evidenceUrl ? { evidenceUrl: data.evidenceUrl } : {}),
    ...(data.blockers ? { blockers: data.blockers } : {}),
  };
  return buildUpdateFormCard(
    {
      action,
      due: dueStatus(action.dueDate, action.state, turn.today),
      mode: data.mode,
      reminderId: data.reminderId,
      key: data.submitKey ?? `${action.id}:${turn.now.getTime()}`,
      values,
      problem,
    },
    turn.now,
  );
}
