import {
  CloudAdapter,
  type ConversationParameters,
  type ConversationReference,
  TurnContext,
} from 'botbuilder';
import {
  type MessageSender,
  parseRetryAfter,
  SendFailure,
  type SendReceipt,
  type SendRequest,
} from '../src/delivery/message-sender.js';
import {
  type BotFrameworkAuthentication,
  unwrapAuthentication,
  withCachedConnectors,
} from './connector-clients.js';

/**
 * Sends outbox messages through botbuilder's proactive API: continueConversationAsync with the stored
 * reference, or createConversationAsync for a person's first 1:1. Failures become SendFailure with
 * Teams' status and Retry-After, for the delivery worker to decide on.
 */
export class ProactiveSender implements MessageSender {
  private readonly adapter: CloudAdapter;

  /**
   * @param auth the bot's authentication (the same one the inbound adapter uses).
   * @param botAppId BOT_ID; locally any non-empty placeholder, because botbuilder's proactive paths fail on ''.
   */
  constructor(
    auth: BotFrameworkAuthentication,
    private readonly botAppId: string,
  ) {
    this.adapter = new CloudAdapter(withoutConnectorRetries(auth));
  }

  /** A sender using the same authentication as the bot's inbound adapter. */
  static fromAdapter(adapter: CloudAdapter, botAppId: string): ProactiveSender {
    // why: CloudAdapter keeps its authentication protected; the sender needs it to build its own connector clients.
    const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication })
      .botFrameworkAuthentication;
    return new ProactiveSender(auth, botAppId);
  }

  async send(request: SendRequest): Promise<SendReceipt> {
    try {
      const { target } = request;
      if (target.kind === 'conversation')
        return await this.continueAndSend(
          target.reference as Partial<ConversationReference>,
          request.activity,
        );
      return await this.createAndSend(
        target.serviceUrl,
        target.tenantId,
        target.aadObjectId,
        request.activity,
      );
    } catch (error) {
      throw toSendFailure(error);
    }
  }

  private async continueAndSend(
    reference: Partial<ConversationReference>,
    activity: object,
  ): Promise<SendReceipt> {
    let receipt: SendReceipt | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      const sent = await context.sendActivity(activity);
      receipt = { activityId: sent?.id ?? '', conversationId: context.activity.conversation.id };
    });
    if (!receipt?.activityId)
      throw new SendFailure('Teams accepted the message but returned no activity id', 502);
    return receipt;
  }

  private async createAndSend(
    serviceUrl: string,
    tenantId: string,
    aadObjectId: string,
    activity: object,
  ): Promise<SendReceipt> {
    // why: Teams creates (or returns the existing) 1:1 from the member's Entra object id and the tenant.
    const parameters = {
      isGroup: false,
      bot: { id: `28:${this.botAppId}`, name: '' },
      members: [{ id: aadObjectId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    let receipt: SendReceipt | undefined;
    // why: no audience (undefined) lets botbuilder use its default channel scope for the token.
    const audience = undefined as unknown as string;
    await this.adapter.createConversationAsync(
      this.botAppId,
      'msteams',
      serviceUrl,
      audience,
      parameters,
      async (context) => {
        // why: the create event's id is the conversation id, not a message to reply to: leave it out.
        const { activityId: _unused, ...reference } = TurnContext.getConversationReference(context.activity);
        const sent = await context.sendActivity(activity);
        receipt = {
          activityId: sent?.id ?? '',
          conversationId: context.activity.conversation.id,
          createdReference: {
            ...reference,
            conversation: { ...reference.conversation, conversationType: 'personal' },
            user: { id: aadObjectId, aadObjectId },
          },
        };
      },
    );
    if (!receipt?.activityId)
      throw new SendFailure('Teams accepted the message but returned no activity id', 502);
    return receipt;
  }
}

/**
 * why: the connector client retries 429 and 5xx itself (3 times, seconds apart) and hides them from us;
 * the delivery worker must see every answer to pace the tenant, honour Retry-After and record attempts.
 */
function withoutConnectorRetries(auth: BotFrameworkAuthentication): BotFrameworkAuthentication {
  // why: its own clients, not the inbound adapter's (they keep botbuilder's retries for replies in a turn).
  return withCachedConnectors(unwrapAuthentication(auth), (client) => {
    const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
    pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
  });
}

interface Pipeline {
  removePolicy(options: { name: string }): unknown;
}

interface RestErrorShape {
  message?: string;
  statusCode?: number;
  code?: string;
  response?: { headers?: { get(name: string): string | undefined } };
}

function toSendFailure(error: unknown): SendFailure {
  if (error instanceof SendFailure) return error;
  const e = (error ?? {}) as RestErrorShape;
  const retryAfter = parseRetryAfter(e.response?.headers?.get('retry-after'), Date.now());
  const code = typeof e.code === 'string' ? e.code : undefined;
  return new SendFailure(e.message ?? String(error), e.statusCode, code, retryAfter);
}
