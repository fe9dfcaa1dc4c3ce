import { type Activity, ActivityTypes, TestAdapter, type TurnContext } from 'botbuilder';
import type { CardAction } from '../../bot/card-actions/card-action.js';
import { cardActions as defaultCardActions } from '../../bot/card-actions/index.js';
import { commands, matchCommand } from '../../bot/commands/index.js';
import { PracticePulseBot } from '../../bot/practice-pulse.bot.js';
import type { AppContext } from '../../src/app-context.js';

/** Who sends an activity in a test: a roster person's Entra object id, in which kind of conversation. */
export interface Sender {
  aadObjectId?: string;
  name?: string;
  tenantId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  conversationId?: string;
  teamId?: string;
}

/** Records card replacements (botbuilder's TestAdapter.updateActivity records nothing). */
class TeamsTestAdapter extends TestAdapter {
  readonly updates: Partial<Activity>[] = [];
  override async updateActivity(_ctx: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.updates.push(activity);
  }
}

let counter = 0;

/** Drives the real bot with Teams-shaped activities and returns what it sent. */
export function botHarness(app: AppContext, orgId: string, cardActions: CardAction[] = defaultCardActions) {
  const adapter = new TeamsTestAdapter();
  const bot = new PracticePulseBot(app, { commands, match: matchCommand, cardActions });

  function activity(sender: Sender, extra: Partial<Activity>): Partial<Activity> {
    const type = sender.conversationType ?? 'personal';
    const conversationId = sender.conversationId ?? `${type}-${sender.aadObjectId ?? 'anon'}`;
    return {
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      id: `activity-${++counter}`,
      from: {
        id: `29:${sender.aadObjectId ?? 'anon'}`,
        name: sender.name ?? 'Tester',
        aadObjectId: sender.aadObjectId,
      },
      recipient: { id: '28:bot', name: 'practice-pulse' },
      conversation: {
        id: conversationId,
        conversationType: type,
        tenantId: sender.tenantId ?? orgId,
        isGroup: type !== 'personal',
        name: '',
      },
      channelData: {
        tenant: { id: sender.tenantId ?? orgId },
        ...(type === 'channel'
          ? {
              team: { id: sender.teamId ?? 'team-1' },
              channel: { id: conversationId, name: 'Programme Board' },
            }
          : {}),
      },
      ...extra,
    };
  }

  async function run(incoming: Partial<Activity>) {
    adapter.activeQueue.length = 0;
    adapter.updates.length = 0;
    await adapter.processActivity(incoming, (ctx) => bot.run(ctx));
    const sent = adapter.activeQueue.splice(0);
    return {
      replies: sent.filter((a) => a.type === ActivityTypes.Message),
      invokeResponse: sent.find((a) => a.type === 'invokeResponse')?.value as
        | { status: number; body: { statusCode: number; type: string; value: unknown } }
        | undefined,
      updates: [...adapter.updates],
    };
  }

  return {
    adapter,
    /** A typed message. */
    say: (text: string, sender: Sender = {}) => run(activity(sender, { type: ActivityTypes.Message, text })),
    /** An Action.Submit (fallback) from a card the bot sent earlier. */
    submit: (value: Record<string, unknown>, sender: Sender = {}, replyToId = 'card-1') =>
      run(activity(sender, { type: ActivityTypes.Message, value, replyToId })),
    /** An Action.Execute: Teams' adaptiveCard/action invoke. */
    execute: (verb: string, data: Record<string, unknown>, sender: Sender = {}) =>
      run(
        activity(sender, {
          type: ActivityTypes.Invoke,
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        }),
      ),
    /** Any other activity (installationUpdate, conversationUpdate …). */
    raw: (extra: Partial<Activity>, sender: Sender = {}) => run(activity(sender, extra)),
  };
}

/** The Adaptive Card content of a sent activity. */
export function cardOf(
  activity: Partial<Activity> | undefined,
): Record<string, unknown> & { body: unknown[] } {
  const content = activity?.attachments?.[0]?.content;
  if (!content) throw new Error(`no card in activity: ${JSON.stringify(activity)?.slice(0, 300)}`);
  return content as Record<string, unknown> & { body: unknown[] };
}

/** All text of a card, flattened, for assertions about what a person reads. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'text' || k === 'title' || k === 'value' || k === 'label') && typeof v === 'string')
          out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}
