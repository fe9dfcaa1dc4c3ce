import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { Config } from '../src/config/config.schema.js';
import type { Logger } from '../src/shared/logger.js';
import { withCachedConnectors } from './connector-clients.js';
import { FailClosedAuthentication } from './fail-closed-auth.js';

/**
 * The Bot Framework adapter. With BOT_ID and its secret set it validates every inbound token; without them
 * (local runs against the Agents Playground) it accepts unauthenticated activities.
 */
export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.BOT_ID ?? '',
    MicrosoftAppPassword: config.SECRET_BOT_PASSWORD ?? '',
    // why: botbuilder insists on an app id for SingleTenant; local runs have none and need MultiTenant's no-auth path.
    MicrosoftAppType: config.BOT_ID ? config.BOT_TYPE : 'MultiTenant',
    MicrosoftAppTenantId: config.BOT_TENANT_ID ?? '',
  };
  const adapter = new CloudAdapter(withCachedConnectors(new FailClosedAuthentication(options, log)));
  adapter.onTurnError = async (ctx, error) => {
    log.error(
      {
        err: error,
        activityId: ctx.activity.id,
        conversationId: ctx.activity.conversation?.id,
        type: ctx.activity.type,
      },
      'turn failed',
    );
    // why: an invoke must be answered with an invoke response, not a message; botbuilder answers 500 for it.
    if (ctx.activity.type === 'message') {
      await ctx.sendActivity(
        'Sorry, something went wrong on my side. Nothing was changed; please try again in a minute.',
      );
    }
  };
  return adapter;
}

/** The app id to pass to proactive calls; botbuilder needs a non-empty one even locally. */
export function botAppId(config: Config): string {
  return config.BOT_ID ?? 'practice-pulse-local';
}
