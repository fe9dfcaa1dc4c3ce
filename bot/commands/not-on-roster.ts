import { buildNoticeCard } from '../../cards/notice.card.js';
import { type BotTurn, replyCard } from '../turn.js';

/** The answer for people the roster does not know: polite, and with no plan data. */
export async function replyNotOnRoster(turn: BotTurn): Promise<void> {
  await replyCard(
    turn,
    buildNoticeCard({
      title: "I don't know you yet",
      lines: [
        "You are not on the improvement programme's roster, so I have nothing to show you.",
        'If you should be, ask the programme office to add you.',
      ],
    }),
  );
}
