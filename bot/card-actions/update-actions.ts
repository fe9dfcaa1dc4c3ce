import { approveDateAction } from './approve-date.action.js';
import type { CardAction } from './card-action.js';
import { chooseWordsAction } from './choose-words.action.js';
import { declineDateAction } from './decline-date.action.js';
import { onTrackAction } from './on-track.action.js';
import { reopenCardAction } from './reopen.action.js';
import { requestDateAction } from './request-date.action.js';
import { saveWordsAction } from './save-words.action.js';
import { showActionAction } from './show-action.action.js';
import { showHistoryAction } from './show-history.action.js';
import { showReminderAction } from './show-reminder.action.js';
import { submitUpdateAction } from './submit-update.action.js';
import { updateFormAction } from './update-form.action.js';
import { viewDateAction } from './view-date.action.js';

/** The reminder, update, approval, plain-text answer and show-an-action verbs (registered in index.ts with one line). */
export const updateCardActions: CardAction[] = [
  onTrackAction,
  updateFormAction,
  submitUpdateAction,
  showReminderAction,
  requestDateAction,
  approveDateAction,
  declineDateAction,
  viewDateAction,
  saveWordsAction,
  chooseWordsAction,
  reopenCardAction,
  showActionAction,
  showHistoryAction,
];
