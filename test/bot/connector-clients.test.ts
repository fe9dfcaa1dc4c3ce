import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { createAdapter } from '../../bot/adapter.js';
import {
  type BotFrameworkAuthentication,
  unwrapAuthentication,
  withCachedConnectors,
} from '../../bot/connector-clients.js';
import { ProactiveSender } from '../../bot/proactive-sender.js';
import { testConfig } from '../support/test-app.js';

const SERVICE = 'https://smba.trafficmanager.net/uk/';
const claims = (appId: string) => new ClaimsIdentity([{ type: 'aud', value: appId }], true);
const clientOf = (auth: BotFrameworkAuthentication, appId: string, serviceUrl = SERVICE) =>
  auth.createConnectorFactory(claims(appId)).create(serviceUrl, 'https://api.botframework.com');

/** The names of a connector client's HTTP policies. */
const policies = (client: unknown) =>
  (client as { client: { pipeline: { getOrderedPolicies(): { name: string }[] } } }).client.pipeline
    .getOrderedPolicies()
    .map((p) => p.name);

describe('withCachedConnectors', () => {
  it('keeps one client per app id, service URL and audience, across turns', async () => {
    const auth = withCachedConnectors(new ConfigurationBotFrameworkAuthentication({}));
    const first = await clientOf(auth, 'bot-a');
    expect(await clientOf(auth, 'bot-a')).toBe(first);
    expect(await clientOf(auth, 'bot-b')).not.toBe(first);
    expect(await clientOf(auth, 'bot-a', 'https://smba.trafficmanager.net/emea/')).not.toBe(first);
  });

  it('keeps the client of the factory an inbound request authenticates with, and the user token client', async () => {
    const auth = withCachedConnectors(new ConfigurationBotFrameworkAuthentication({}));
    const activity = { type: 'message', channelId: 'msteams', serviceUrl: SERVICE } as never;
    const turn = async () => {
      const checked = await auth.authenticateRequest(activity, '');
      return checked.connectorFactory?.create(SERVICE, checked.audience);
    };
    const first = await turn();
    expect(first).toBeDefined();
    expect(await turn()).toBe(first);
    const token = await auth.createUserTokenClient(claims('bot-a'));
    expect(await auth.createUserTokenClient(claims('bot-a'))).toBe(token);
    expect(await auth.createUserTokenClient(claims('bot-b'))).not.toBe(token);
  });

  it('prepares each new client once; a client that could not be built is tried again', async () => {
    const real = new ConfigurationBotFrameworkAuthentication({});
    let fail = true;
    const flaky = new Proxy(real, {
      get(target, property) {
        if (property !== 'createConnectorFactory') return Reflect.get(target, property, target);
        return (c: ClaimsIdentity) => {
          const factory = target.createConnectorFactory(c);
          return {
            create: (url: string, aud?: string) =>
              fail ? Promise.reject(new Error('no')) : factory.create(url, aud),
          };
        };
      },
    });
    const prepared: unknown[] = [];
    const auth = withCachedConnectors(flaky, (client) => prepared.push(client));
    await expect(clientOf(auth, 'bot-a')).rejects.toThrow('no');
    fail = false;
    const client = await clientOf(auth, 'bot-a');
    expect(await clientOf(auth, 'bot-a')).toBe(client);
    expect(prepared).toEqual([client]);
  });

  it('passes everything else to the real authentication, which it can give back', async () => {
    const real = new ConfigurationBotFrameworkAuthentication({});
    const auth = withCachedConnectors(real);
    expect(unwrapAuthentication(auth)).toBe(real);
    expect(unwrapAuthentication(real)).toBe(real);
    const activity = { type: 'message', channelId: 'msteams', serviceUrl: SERVICE } as never;
    const checked = await auth.authenticateRequest(activity, '');
    const direct = await real.authenticateRequest(activity, '');
    expect(checked.claimsIdentity.claims).toEqual(direct.claimsIdentity.claims);
    expect(checked.audience).toBe(direct.audience);
    const configured = {
      MicrosoftAppId: 'bot-a',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'MultiTenant',
    };
    const guarded = withCachedConnectors(new ConfigurationBotFrameworkAuthentication(configured));
    await expect(guarded.authenticateRequest(activity, '')).rejects.toThrow(/Unauthorized/);
  });

  it("gives the delivery worker clients of its own, without the retries the inbound adapter's keep", async () => {
    const adapter = createAdapter(testConfig(), { warn: () => undefined, error: () => undefined } as never);
    const inbound = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication })
      .botFrameworkAuthentication;
    const sender = ProactiveSender.fromAdapter(adapter, 'practice-pulse-local');
    const outbound = (
      sender as unknown as { adapter: { botFrameworkAuthentication: BotFrameworkAuthentication } }
    ).adapter.botFrameworkAuthentication;
    const mine = await clientOf(inbound, 'practice-pulse-local');
    const theirs = await clientOf(outbound, 'practice-pulse-local');
    expect(theirs).not.toBe(mine);
    expect(policies(mine)).toContain('defaultRetryPolicy');
    expect(policies(theirs)).not.toContain('defaultRetryPolicy');
  });
});
