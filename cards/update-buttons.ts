import { z } from 'zod';
import type { CardElement } from './card-kit.js';

/** Verbs of the update buttons on reminder and action cards. */
export const ON_TRACK_VERB = 'update.ontrack';
export const OPEN_FORM_VERB = 'update.form';
export const SHOW_REMINDER_VERB = 'reminder.show';
export const REOPEN_VERB = 'action.reopen';

export const FORM_MODES = ['update', 'done', 'help', 'date'] as const;
export type FormMode = (typeof FORM_MODES)[number];

/**
 * What every update button carries: the action, the reminder card it sits on (if any), and a one-use key
 * when not on a reminder (a reminder's buttons need none: see answerKey).
 */
export const buttonDataSchema = z.object({
  actionId: z.uuid('This card refers to an action that does not exist.'),
  reminderId: z.uuid().optional(),
  // why: not `key`: the Agents Playground fails every action whose data has a `key` ("Cannot assign to read only
  // property 'key'") and sends nothing.
  submitKey: z.string().min(1).max(100).optional(),
});
export type ButtonData = z.infer<typeof buttonDataSchema>;

/** The idempotency key of an answer: one per reminder card and action, or the key the card carried. */
export function answerKey(data: ButtonData): string | undefined {
  return data.submitKey ?? (data.reminderId ? `${data.reminderId}:${data.actionId}` : undefined);
}

export const openFormDataSchema = buttonDataSchema.extend({
  mode: z.enum(FORM_MODES),
  /** Carried from a plain-text answer's *Edit*: the form starts with what the words said. */
  rag: z.enum(['red', 'amber', 'green']).optional(),
  percent: z.coerce.number().int().min(0).max(100).optional(),
  narrative: z.string().max(2_000).optional(),
});

export const showReminderDataSchema = z.object({ reminderId: z.uuid() });

/**
 * An Action.Execute (universal action) with an explicit Action.Submit fallback carrying the same data and
 * verb. why: Teams clients without universal actions use the fallback; the bot dispatches both the same way.
 */
export function button(title: string, verb: string, data: Record<string, unknown>, extra: CardElement = {}) {
  const payload = { verb, ...data };
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: payload,
    fallback: { type: 'Action.Submit', title, data: payload },
    ...extra,
  };
}

/** The five answers to a reminder, for one action: On track, Update, Done, Need help, Request new date. */
export function updateButtons(data: ButtonData): CardElement[] {
  const d = { ...data };
  return [
    button('On track', ON_TRACK_VERB, d, { style: 'positive' }),
    button('Update', OPEN_FORM_VERB, { ...d, mode: 'update' }),
    button('Done', OPEN_FORM_VERB, { ...d, mode: 'done' }),
    button('Need help', OPEN_FORM_VERB, { ...d, mode: 'help' }),
    button('Request new date', OPEN_FORM_VERB, { ...d, mode: 'date' }),
  ];
}

/** The buttons the `action <ref>` card offers, by what the viewer may do with the action. */
export function actionCardButtons(
  actionId: string,
  allowed: { update: boolean; reopen: boolean },
  /** One per card shown, so a double tap on it records one update. */
  key: string,
): CardElement[] {
  if (allowed.reopen) return [button('Reopen', REOPEN_VERB, { actionId })];
  return allowed.update ? updateButtons({ actionId, submitKey: key }) : [];
}

/** Teams shows at most this many users a card refreshes for (the refresh model's limit). */
export const MAX_REFRESH_USERS = 60;

/**
 * A universal-actions `refresh`: when one of `userIds` views the card, Teams asks the bot (verb, data) for the
 * current card. why: a card already sent (another lead's approval, the owner's reminder) cannot be edited
 * through the outbox, but a refresh shows it as it stands now. The Agents Playground ignores it.
 */
export function refreshFor(verb: string, data: Record<string, unknown>, userIds: string[]) {
  if (userIds.length === 0) return {};
  return {
    refresh: {
      action: { type: 'Action.Execute', verb, data: { verb, ...data } },
      userIds: userIds.slice(0, MAX_REFRESH_USERS),
    },
  };
}
