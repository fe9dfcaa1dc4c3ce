import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opsRoutes } from '../../../src/http/ops.routes.js';
import { createServer, listen } from '../../../src/http/server.js';
import { Metrics } from '../../../src/ops/metrics.js';
import { createOrg, testStore } from '../../support/store.js';
import { testStoreKinds } from '../../support/store-settings.js';
import { testApp } from '../../support/test-app.js';

const TOKEN = 'metrics-token-for-tests-0123456789';

/** /metrics names tenants and rounds (pulse response rate by org and round): only the scraper reads it. */
describe('who may read /metrics', () => {
  const servers: { close(cb: () => void): void }[] = [];
  let urls: Record<'withToken' | 'prodWithout' | 'testWithout', string>;

  async function start(config: Record<string, string>): Promise<string> {
    const store = await testStore(testStoreKinds()[0]!);
    const orgId = await createOrg(store);
    const app = testApp(store, orgId, { config });
    const server = createServer({
      app,
      adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
      bot: new ActivityHandler(),
      routes: [opsRoutes(app, new Metrics({ defaultMetrics: false }))],
    });
    await listen(server, 0, '127.0.0.1');
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  }

  beforeAll(async () => {
    urls = {
      withToken: await start({ SECRET_METRICS_TOKEN: TOKEN }),
      prodWithout: await start({ ENV: 'prod' }),
      testWithout: await start({}),
    };
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())))));

  const status = async (url: string, authorization?: string) =>
    (await fetch(url, { headers: authorization ? { authorization } : {} })).status;

  it('with SECRET_METRICS_TOKEN set: only its bearer token may scrape', async () => {
    expect(await status(urls.withToken)).toBe(401);
    expect(await status(urls.withToken, `Bearer ${TOKEN.slice(0, -1)}x`)).toBe(401);
    expect(await status(urls.withToken, `Bearer ${TOKEN}extra`)).toBe(401);
    expect(await status(urls.withToken, `Bearer ${TOKEN}`)).toBe(200);
  });

  it('in production without a token: refused, so the figures never go to the internet by default', async () => {
    expect(await status(urls.prodWithout)).toBe(401);
  });

  it('outside production without a token: open (local runs and the bench scrape it)', async () => {
    expect(await status(urls.testWithout)).toBe(200);
  });

  it('refuses a token shorter than 16 characters at start-up', () => {
    const store = { db: undefined } as never;
    expect(() => testApp(store, 'x', { config: { SECRET_METRICS_TOKEN: 'short' } })).toThrow(/16 characters/);
  });
});
