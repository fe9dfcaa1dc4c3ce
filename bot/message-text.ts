import { type Activity, TurnContext } from 'botbuilder';

/**
 * The command text of a message: the bot's @mention removed (in channels and group chats Teams puts
 * `<at>practice-pulse</at>` in the text), NUL characters dropped, whitespace folded, trimmed.
 */
export function messageText(activity: Partial<Activity>): string {
  const text = activity.entities?.length ? TurnContext.removeRecipientMention(activity) : activity.text;
  // why: U+0000 is not text (PostgreSQL refuses it); drop it rather than fail a command that stores words.
  return (text ?? '').replaceAll('\u0000', '').replace(/\s+/g, ' ').trim();
}
