import { z } from 'zod';
import { longDate } from '../src/calendar/iso-date.js';
import type { ActionView } from '../src/plan/action-view.js';
import type { DueStatus } from '../src/plan/due-status.js';
import { MAX_BLOCKERS, MAX_EVIDENCE_URL, MAX_NARRATIVE } from '../src/updates/status-update.input.js';
import { statusLine } from './action.card.js';
import {
  type AdaptiveCard,
  adaptiveCard,
  type CardElement,
  escapeText,
  firstLine,
  heading,
  text,
} from './card-kit.js';
import { button, SHOW_REMINDER_VERB } from './update-buttons.js';

export const SUBMIT_UPDATE_VERB = 'update.submit';

/** A whole number from 0 to 100, as typed: what the percent field accepts before the server checks it again. */
export const PERCENT_PATTERN = '^(100|[1-9]?[0-9])$';

/**
 * A submitted form, as loose as the card can send it (inputs arrive as strings); the service checks the
 * values themselves, so a mistake comes back as the form with the message instead of a dead end.
 */
export const submitUpdateDataSchema = z.object({
  actionId: z.uuid('This card refers to an action that does not exist.'),
  mode: z.enum(['update', 'done', 'help']),
  reminderId: z.uuid().optional(),
  submitKey: z.string().min(1).max(100).optional(),
  rag: z.string().max(20).optional(),
  percent: z.union([z.string().max(20), z.number()]).optional(),
  narrative: z.string().optional(),
  evidenceUrl: z.string().optional(),
  blockers: z.string().optional(),
});
export type SubmitUpdateData = z.infer<typeof submitUpdateDataSchema>;

export interface UpdateFormView {
  action: ActionView;
  due: DueStatus;
  mode: 'update' | 'done' | 'help';
  reminderId?: string | undefined;
  key: string;
  /** Values to start with: what was typed before a problem, or what plain words said. */
  values?: {
    rag?: string;
    percent?: number | string;
    narrative?: string;
    evidenceUrl?: string;
    blockers?: string;
  };
  /** Shown above the form after a rejected submit. */
  problem?: string;
}

const TITLES = { update: 'Update', done: 'Mark as done', help: 'Ask for help' } as const;

function inputs(view: UpdateFormView): CardElement[] {
  const v = view.values ?? {};
  const narrative = (label: string, required: boolean) => ({
    type: 'Input.Text',
    id: 'narrative',
    label,
    isMultiline: true,
    maxLength: MAX_NARRATIVE,
    value: v.narrative ?? '',
    ...(required ? { isRequired: true, errorMessage: 'Say briefly what shows it.' } : {}),
  });
  const evidence = {
    type: 'Input.Text',
    id: 'evidenceUrl',
    label: 'Evidence link (optional)',
    style: 'Url',
    maxLength: MAX_EVIDENCE_URL,
    regex: '^https?://\\S+$',
    errorMessage: 'A web address starting with https://',
    value: v.evidenceUrl ?? '',
  };
  const blockers = (label: string, required: boolean) => ({
    type: 'Input.Text',
    id: 'blockers',
    label,
    isMultiline: true,
    maxLength: MAX_BLOCKERS,
    value: v.blockers ?? '',
    ...(required ? { isRequired: true, errorMessage: 'Say what help you need.' } : {}),
  });
  if (view.mode === 'done')
    return [narrative('What was delivered (the evidence it is done)', true), evidence];
  if (view.mode === 'help') return [blockers('What help do you need, and from whom?', true)];
  return [
    {
      type: 'Input.ChoiceSet',
      id: 'rag',
      label: 'Status',
      style: 'expanded',
      isRequired: true,
      errorMessage: 'Choose a status.',
      value: v.rag ?? view.action.rag ?? 'green',
      choices: [
        { title: 'Green (on track)', value: 'green' },
        { title: 'Amber (at risk)', value: 'amber' },
        { title: 'Red (off track)', value: 'red' },
      ],
    },
    {
      // why: hosts that draw Input.Number as a Fluent spin button (the Agents Playground) read its value as NaN,
      // so a form holding one could never be submitted; a text input checked by pattern works in every host,
      // and the server checks the number again.
      type: 'Input.Text',
      id: 'percent',
      label: 'Percent complete (0 to 100)',
      isRequired: true,
      regex: PERCENT_PATTERN,
      maxLength: 3,
      errorMessage: 'A whole number from 0 to 100.',
      value: String(v.percent ?? view.action.percent ?? 0),
    },
    narrative('What has happened', false),
    evidence,
    blockers('Blockers (optional)', false),
  ];
}

/** The update, done or help form, shown in place of the card that was tapped. */
export function buildUpdateFormCard(view: UpdateFormView, now: Date): AdaptiveCard {
  const { action, due } = view;
  const body: CardElement[] = [
    heading(`${TITLES[view.mode]}: ${action.ref}`),
    text(escapeText(firstLine(action.text)), { spacing: 'None' }),
    text(`Due ${longDate(action.dueDate)} · ${due.label} · Last update: ${statusLine(action, now)}`, {
      isSubtle: true,
      spacing: 'None',
    }),
  ];
  if (view.problem) body.push(text(escapeText(view.problem), { color: 'Attention', weight: 'Bolder' }));
  body.push(...inputs(view));
  const data = {
    actionId: action.id,
    mode: view.mode,
    submitKey: view.key,
    ...(view.reminderId ? { reminderId: view.reminderId } : {}),
  };
  const actions = [
    button(view.mode === 'help' ? 'Send' : 'Submit', SUBMIT_UPDATE_VERB, data, { style: 'positive' }),
  ];
  if (view.reminderId) {
    actions.push(
      button('Back', SHOW_REMINDER_VERB, { reminderId: view.reminderId }, { associatedInputs: 'none' }),
    );
  }
  return adaptiveCard(body, actions);
}
