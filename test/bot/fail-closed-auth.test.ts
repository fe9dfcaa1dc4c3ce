import { AuthenticationError } from 'botframework-connector';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor.js';
import { generateKeyPair, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { FailClosedAuthentication } from '../../bot/fail-closed-auth.js';
import { captureLogs } from '../support/log-capture.js';

const CHANNEL_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
const keyCache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, unknown> })
  .openIdMetadataCache;

const activity = {
  type: 'message',
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/uk/',
} as never;

async function channelToken() {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT({ serviceurl: 'https://smba.trafficmanager.net/uk/' })
    .setProtectedHeader({ alg: 'RS256', kid: 'any' })
    .setIssuer('https://api.botframework.com')
    .setAudience('app-1')
    .setExpirationTime('5m')
    .sign(privateKey);
}

describe('FailClosedAuthentication', () => {
  afterEach(() => keyCache.delete(CHANNEL_METADATA));

  const auth = (timeoutMs: number, log = captureLogs().log) =>
    new FailClosedAuthentication(
      { MicrosoftAppId: 'app-1', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'MultiTenant' },
      log,
      timeoutMs,
    );

  it('refuses with a 401 AuthenticationError when the signing keys never arrive (a network black hole)', async () => {
    // why: stands in for a key fetch that hangs; botbuilder alone would wait as long as the network does.
    keyCache.set(CHANNEL_METADATA, { getKey: () => new Promise(() => undefined) });
    const logs = captureLogs();
    const started = Date.now();
    const error = await auth(200, logs.log)
      .authenticateRequest(activity, `Bearer ${await channelToken()}`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).statusCode).toBe(401);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(logs.text()).toContain('inbound token could not be verified');
    expect(logs.text()).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
  });

  it('turns a key fetch that fails into a 401, not a 500 with the network error', async () => {
    keyCache.set(CHANNEL_METADATA, { getKey: () => Promise.reject(new Error('getaddrinfo ENOTFOUND')) });
    const error = await auth(5_000)
      .authenticateRequest(activity, `Bearer ${await channelToken()}`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).not.toContain('ENOTFOUND');
  });

  it("keeps botbuilder's own refusals as they are (no token: 401)", async () => {
    const error = await auth(5_000)
      .authenticateRequest(activity, '')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).statusCode).toBe(401);
  });
});
