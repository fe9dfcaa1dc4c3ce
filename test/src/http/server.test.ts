import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAdapter } from '../../../bot/adapter.js';
import { cardActions } from '../../../bot/card-actions/index.js';
import { commands, matchCommand } from '../../../bot/commands/index.js';
import { PracticePulseBot } from '../../../bot/practice-pulse.bot.js';
import type { Store } from '../../../src/db/connect.js';
import { createServer, listen, MAX_BODY_BYTES } from '../../../src/http/server.js';
import { inTenant, loadActivity } from '../../support/activities.js';
import { cardText } from '../../support/bot-harness.js';
import { FakeConnector } from '../../support/fake-connector.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

describeStores('HTTP endpoint', (kind) => {
  let store: Store;
  let server: Server;
  let connector: FakeConnector;
  let base: string;
  let orgId: string;

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    const app = testApp(store, orgId);
    connector = await FakeConnector.start({ enforceLimits: false });
    const adapter = createAdapter(app.config, app.log);
    server = createServer({
      app,
      adapter,
      bot: new PracticePulseBot(app, { commands, match: matchCommand, cardActions }),
    });
    await listen(server, 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await connector.close();
  });

  const post = (body: unknown) =>
    fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('reports healthy when the store answers', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers a recorded Teams message by posting a card to the conversation', async () => {
    const activity = inTenant(
      loadActivity('message.my-actions', { serviceUrl: connector.serviceUrl }),
      orgId,
    );
    const res = await post(activity);
    expect(res.status).toBe(200);
    const reply = connector.calls.find(
      (c) => c.kind === 'send' && c.conversationId === 'a:1personalChatWithPracticePulse',
    );
    expect(reply?.status).toBe(201);
    expect(cardText(reply?.body)).toContain('Your actions: 10 open');
  });

  it('refuses a body over the size limit without touching the bot', async () => {
    const before = connector.calls.length;
    const activity = inTenant(
      loadActivity('message.my-actions', {
        serviceUrl: connector.serviceUrl,
        text: 'x'.repeat(MAX_BODY_BYTES),
      }),
      orgId,
    );
    const res = await post(activity);
    expect(res.status).toBe(413);
    expect(connector.calls.length).toBe(before);
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await fetch(`${base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type":',
    });
    expect(res.status).toBe(400);
  });
});
