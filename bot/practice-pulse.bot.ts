import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  CardFactory,
  type InvokeResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import { buildHelpCard } from '../cards/help.card.js';
import { buildNoticeCard } from '../cards/notice.card.js';
import type { AppContext } from '../src/app-context.js';
import { RecentConversations } from '../src/conversations/recent-conversations.js';
import type { CardAction } from './card-actions/card-action.js';
import { dispatchCardAction } from './card-actions/dispatch.js';
import type { BotCommand } from './commands/command.js';
import { messageText } from './message-text.js';
import { type BotTurn, cardActivity, replyCard } from './turn.js';
import { admitTurn } from './turn-gate.js';

export interface BotRoutes {
  commands: BotCommand[];
  /** The command chosen for a text, if any. */
  match(text: string): { command: BotCommand; match: RegExpExecArray } | undefined;
  cardActions: CardAction[];
}

const WELCOME =
  'Hello! I keep the improvement plan moving. Action owners get reminders here and can update in a tap; social workers get short, anonymous Health Check pulses.';

// why: a channel or group chat is read by everyone in it; someone's actions and roster entry are theirs alone.
const ONLY_IN_PERSONAL_CHAT = buildNoticeCard({
  title: "Let's do that in our 1:1 chat",
  lines: [
    'Your actions and updates are shown only in your personal chat with me, not where others can read them.',
  ],
});

/** Longest typed message handled; anything longer is answered with help rather than parsed. */
const MAX_TEXT = 4_000;

/** Routes Teams activities to commands and card actions; holds no business rules. */
export class PracticePulseBot extends TeamsActivityHandler {
  /** Conversations stored a moment ago, so a busy chat does not rewrite its reference on every message. */
  private readonly recent = new RecentConversations();

  constructor(
    private readonly app: AppContext,
    private readonly routes: BotRoutes,
  ) {
    super();
    this.onMessage(async (ctx, next) => {
      const turn = await admitTurn(ctx, this.app, this.recent);
      if (turn) await this.handleMessage(turn);
      await next();
    });
    this.onInstallationUpdateAdd(async (ctx, next) => {
      const turn = await admitTurn(ctx, this.app, this.recent);
      if (turn) await replyCard(turn, this.help(WELCOME));
      await next();
    });
    this.onMembersAdded(async (ctx, next) => {
      // why: Teams sends conversationUpdate when the bot joins a team or chat; keep the reference for digests.
      const botJoined = ctx.activity.membersAdded?.some((m) => m.id === ctx.activity.recipient?.id);
      if (botJoined) await admitTurn(ctx, this.app, this.recent);
      await next();
    });
  }

  private help(intro: string) {
    return buildHelpCard(
      this.routes.commands.map((c) => ({ usage: c.usage, summary: c.summary })),
      intro,
    );
  }

  private async handleMessage(turn: BotTurn): Promise<void> {
    const activity = turn.ctx.activity;
    // why: clients without universal actions send the Action.Submit fallback as a message whose value is the data.
    if (activity.value && !activity.text) return this.handleSubmit(turn, activity.value);
    const text = messageText(activity);
    const routed = text.length <= MAX_TEXT ? this.routes.match(text) : undefined;
    if (!routed) return replyCard(turn, this.help("Sorry, I didn't understand that."));
    if (routed.command.personalOnly && activity.conversation?.conversationType !== 'personal') {
      return replyCard(turn, ONLY_IN_PERSONAL_CHAT);
    }
    await routed.command.run(turn, routed.match);
  }

  private async handleSubmit(turn: BotTurn, value: unknown): Promise<void> {
    const result = await dispatchCardAction(this.routes.cardActions, turn, value);
    const replyTo = turn.ctx.activity.replyToId;
    if (replyTo) {
      await turn.ctx.updateActivity({ ...cardActivity(result.card), id: replyTo });
      return;
    }
    await replyCard(turn, result.card);
  }

  protected override async onInvokeActivity(ctx: TurnContext): Promise<InvokeResponse> {
    // why: only Action.Execute is implemented; botbuilder's own handlers for the other invokes (message
    // extensions, file consent …) crash on a malformed value, so they are answered 501 before reaching them.
    if (ctx.activity.name !== 'adaptiveCard/action') return { status: 501 };
    return super.onInvokeActivity(ctx);
  }

  protected override async onAdaptiveCardInvoke(
    ctx: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const turn = await admitTurn(ctx, this.app, this.recent);
    if (!turn) {
      return {
        statusCode: 403,
        type: 'application/vnd.microsoft.error',
        value: { code: 'Forbidden', message: 'Not allowed' } as never,
      };
    }
    const data = { ...(invokeValue.action?.data ?? {}), verb: invokeValue.action?.verb };
    const result = await dispatchCardAction(this.routes.cardActions, turn, data);
    return { statusCode: 200, type: CardFactory.contentTypes.adaptiveCard, value: result.card as never };
  }
}
