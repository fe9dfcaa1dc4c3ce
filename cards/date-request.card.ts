import { z } from 'zod';
import { addDays, type IsoDate, longDate } from '../src/calendar/iso-date.js';
import type { ActionView } from '../src/plan/action-view.js';
import { MAX_REASON } from '../src/updates/date-request.js';
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

export const REQUEST_DATE_VERB = 'date.request';

/** Loose on purpose: the service checks the date and reason and the form comes back with the message. */
export const requestDateDataSchema = z.object({
  actionId: z.uuid('This card refers to an action that does not exist.'),
  reminderId: z.uuid().optional(),
  submitKey: z.string().min(1).max(100).optional(),
  newDate: z.string().max(40).optional(),
  reason: z.string().optional(),
});

export interface DateRequestFormView {
  action: ActionView;
  today: IsoDate;
  reminderId?: string | undefined;
  key: string;
  values?: { newDate?: string; reason?: string };
  problem?: string;
}

/** Asks for the new date and why; the programme leads approve or decline it. */
export function buildDateRequestCard(view: DateRequestFormView): AdaptiveCard {
  const { action } = view;
  const body: CardElement[] = [
    heading(`Request a new date: ${action.ref}`),
    text(escapeText(firstLine(action.text)), { spacing: 'None' }),
    text(`Due now: ${longDate(action.dueDate)}. A programme lead approves the new date.`, { isSubtle: true }),
  ];
  if (view.problem) body.push(text(escapeText(view.problem), { color: 'Attention', weight: 'Bolder' }));
  body.push(
    {
      type: 'Input.Date',
      id: 'newDate',
      label: 'New due date',
      min: addDays(view.today, 1),
      isRequired: true,
      errorMessage: 'Choose a date after today.',
      value: view.values?.newDate ?? '',
    },
    {
      type: 'Input.Text',
      id: 'reason',
      label: 'Why does the date need to move?',
      isMultiline: true,
      maxLength: MAX_REASON,
      isRequired: true,
      errorMessage: 'Say why the date needs to move.',
      value: view.values?.reason ?? '',
    },
  );
  const data = {
    actionId: action.id,
    submitKey: view.key,
    ...(view.reminderId ? { reminderId: view.reminderId } : {}),
  };
  const actions = [button('Send for approval', REQUEST_DATE_VERB, data, { style: 'positive' })];
  if (view.reminderId) {
    actions.push(
      button('Back', SHOW_REMINDER_VERB, { reminderId: view.reminderId }, { associatedInputs: 'none' }),
    );
  }
  return adaptiveCard(body, actions);
}
