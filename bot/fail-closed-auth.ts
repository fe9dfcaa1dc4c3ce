import {
  type Activity,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  StatusCodes,
} from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationError } from 'botframework-connector';
import type { Logger } from '../src/shared/logger.js';

/** Longest wait for Bot Framework signing keys before a request is refused as unauthenticated. */
export const KEY_FETCH_TIMEOUT_MS = 5_000;

/**
 * botbuilder's token validation, made to fail closed and fast. botbuilder answers 500 (with the network error
 * in the body) when it cannot fetch the Bot Framework signing keys, and waits as long as the network does; a
 * token that cannot be verified is unauthenticated, so this answers 401 within KEY_FETCH_TIMEOUT_MS instead.
 */
export class FailClosedAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly log: Logger,
    private readonly timeoutMs = KEY_FETCH_TIMEOUT_MS,
  ) {
    super(options);
  }

  override authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.failClosed(super.authenticateRequest(activity, authHeader), activity.id);
  }

  override authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    return this.failClosed(super.authenticateStreamingRequest(authHeader, channelIdHeader), undefined);
  }

  private async failClosed<T>(check: Promise<T>, activityId: string | undefined): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('signing keys not fetched in time')), this.timeoutMs);
    });
    try {
      return await Promise.race([check, timeout]);
    } catch (error) {
      if (error instanceof AuthenticationError) throw error;
      // why: the token could not be verified (keys unreachable); refuse it like any other unverifiable token.
      this.log.warn({ err: error, activityId }, 'inbound token could not be verified: refused');
      throw new AuthenticationError(
        'Unauthorized: the token could not be verified',
        StatusCodes.UNAUTHORIZED,
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
