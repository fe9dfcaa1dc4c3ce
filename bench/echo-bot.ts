import {
  ActivityHandler,
  type AdaptiveCardInvokeResponse,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import restify from 'restify';

/**
 * The reference for the inbound benchmark: the smallest botbuilder bot (the BotBuilder-Samples echo bot shape,
 * CloudAdapter + restify, no auth). A typed message is echoed through the connector; a card action is answered
 * with a one-line card in the invoke response, as a card submit is. Run as its own process: PORT=… tsx this.
 */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(context: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    return {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: {
        type: 'AdaptiveCard',
        version: '1.5',
        body: [
          { type: 'TextBlock', text: `Echo: ${JSON.stringify(context.activity.value ?? {}).length} bytes` },
        ],
      },
    };
  }
}

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT: expected the port to listen on');

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  process.stderr.write(`echo bot turn error: ${error.message}\n`);
  await context.sendActivity('The echo bot failed.');
};
const bot = new EchoBot();

const server = restify.createServer({ name: 'echo-bot' });
server.use(restify.plugins.bodyParser());
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/api/health', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.server.closeAllConnections();
});
