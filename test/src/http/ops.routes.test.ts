import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { sql } from 'kysely';
import type { Server } from 'restify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app-context.js';
import { configSchema } from '../../../src/config/config.schema.js';
import { openPostgres, type Store } from '../../../src/db/connect.js';
import { migrations } from '../../../src/db/migrations/index.js';
import { enqueueMessage } from '../../../src/delivery/outbox.repository.js';
import { opsRoutes } from '../../../src/http/ops.routes.js';
import { createServer, listen } from '../../../src/http/server.js';
import { Metrics } from '../../../src/ops/metrics.js';
import { systemClock } from '../../../src/shared/clock.js';
import { newId } from '../../../src/shared/ids.js';
import { createLogger } from '../../../src/shared/logger.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';

/** The real server (restify, CloudAdapter without credentials, a bot that answers nothing) plus the ops routes. */
async function start(app: AppContext, metrics: Metrics): Promise<{ server: Server; url: string }> {
  const server = createServer({
    app,
    adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
    bot: new ActivityHandler(),
    routes: [opsRoutes(app, metrics)],
  });
  await listen(server, 0, '127.0.0.1');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const appOn = (db: AppContext['db']): AppContext => ({
  config: configSchema.parse({}),
  db,
  clock: systemClock,
  log: createLogger('silent'),
});

describeStores('ops routes', (kind) => {
  let store: Store;
  let metrics: Metrics;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    store = await testStore(kind);
    metrics = new Metrics({ defaultMetrics: false });
    metrics.watchStore(store.db);
    ({ server, url } = await start(appOn(store.db), metrics));
  });
  afterAll(() => server.close());

  it('/api/ready answers 200 when the store is reachable and migrated', async () => {
    const res = await fetch(`${url}/api/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('/api/ready answers 503 while a migration is pending', async () => {
    const last = Object.keys(migrations).at(-1)!;
    const rollback = new Error('rollback');
    const seen = await store.db
      .transaction()
      .execute(async (trx) => {
        await sql`delete from kysely_migration where name = ${last}`.execute(trx);
        const pending = await start(appOn(trx), metrics);
        const res = await fetch(`${pending.url}/api/ready`);
        pending.server.close();
        throw Object.assign(rollback, { seen: { status: res.status, body: await res.json() } });
      })
      .catch((error: Error & { seen?: unknown }) => error.seen);
    expect(seen).toEqual({ status: 503, body: { status: 'migrations pending' } });
  });

  it('/metrics shows the outbox depth and age from the store, and delivery outcomes by kind', async () => {
    const orgId = await createOrg(store);
    const personId = newId();
    await store.db
      .insertInto('people')
      .values({ id: personId, org_id: orgId, display_name: 'A Owner', email: `${personId}@example.org` })
      .execute();
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    for (const key of ['a', 'b']) {
      const intent = {
        key,
        kind: 'reminder',
        target: { personId },
        activity: { type: 'message', text: key },
      };
      await enqueueMessage(store.db, orgId, intent, twoMinutesAgo);
    }
    metrics.deliveryOutcome('reminder', 'sent');
    metrics.deliveryOutcome('reminder', 'throttled');
    metrics.deliveryOutcome('digest', 'failed');
    metrics.deliveryOutcome('digest', 'released');

    const res = await fetch(`${url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const value = (line: string) => Number(new RegExp(`^${line} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('pp_outbox_depth\\{state="pending"\\}')).toBeGreaterThanOrEqual(2);
    expect(value('pp_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(119);
    expect(value('pp_messages_sent_total\\{kind="reminder"\\}')).toBe(1);
    expect(value('pp_messages_throttled_total\\{kind="reminder"\\}')).toBe(1);
    expect(value('pp_messages_failed_total\\{kind="digest"\\}')).toBe(1);
    expect(text).not.toContain('pp_messages_sent_total{kind="digest"}');
  });

  it('counts and times each /api/messages turn by activity type, unknown types as other', async () => {
    const post = (type: string) =>
      fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type,
          id: newId(),
          channelId: 'msteams',
          serviceUrl: 'http://127.0.0.1:9/',
          from: { id: 'user' },
          recipient: { id: 'bot' },
          conversation: { id: 'conv' },
        }),
      });
    expect((await post('conversationUpdate')).status).toBeLessThan(300);
    await post('madeUpType');
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toMatch(/^pp_inbound_activities_total\{type="conversationUpdate",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^pp_inbound_activities_total\{type="other",outcome="\w+"\} 1$/m);
    expect(text).toMatch(/^pp_inbound_activity_seconds_count\{type="conversationUpdate"\} 1$/m);
  });
});

it('/api/health and /api/ready answer 503 when the store cannot be reached', async () => {
  const unreachable = openPostgres('postgres://nobody@127.0.0.1:1/none', 1);
  const { server, url } = await start(appOn(unreachable.db), new Metrics({ defaultMetrics: false }));
  const [health, ready] = await Promise.all([fetch(`${url}/api/health`), fetch(`${url}/api/ready`)]);
  server.close();
  await unreachable.close();
  expect([health.status, await health.json()]).toEqual([503, { status: 'store unreachable' }]);
  expect([ready.status, await ready.json()]).toEqual([503, { status: 'store unreachable' }]);
});
