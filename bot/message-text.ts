import { type Activity, TurnContext } from 'botbuilder';

/**
 * The command text of a message: the bot's @mention removed (in channels and group chats Teams puts
 * `<at>practice-pulse</at>` in the text), whitespace folded, trimmed.
 */
export function messageText(activity: Partial<Activity>): string {
  const text = activity.entities?.length ? TurnContext.removeRecipientMention(activity) : activity.text;
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
