import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ProactiveSender } from '../../../bot/proactive-sender.js';
import type { Store } from '../../../src/db/connect.js';
import { DeliveryWorker } from '../../../src/delivery/delivery.worker.js';
import { enqueueMessage } from '../../../src/delivery/outbox.repository.js';
import { digestJob } from '../../../src/digest/digest.job.js';
import { subscribeDigest } from '../../../src/digest/subscription.repository.js';
import { newId } from '../../../src/shared/ids.js';
import { cardText } from '../../support/bot-harness.js';
import { FakeConnector } from '../../support/fake-connector.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';
import { recordEscalation, recordUpdates } from './digest-fixtures.js';

const at = (iso: string) => new Date(iso);
const cardIn = (payload: unknown) =>
  (payload as { attachments: { content: unknown }[] }).attachments[0]?.content;

describeStores('weekly digest job', (kind) => {
  let store: Store;
  let connector: FakeConnector;
  beforeAll(async () => {
    store = await testStore(kind);
    connector = await FakeConnector.start({ enforceLimits: false });
  });
  afterAll(() => connector.close());

  async function channel(orgId: string, name: string, subscribedAt: Date): Promise<string> {
    const id = newId();
    const conversationId = `19:${id}@thread.tacv2`;
    await store.db
      .insertInto('conversation_refs')
      .values({
        id,
        org_id: orgId,
        conversation_id: conversationId,
        kind: 'channel',
        team_id: 'team-1',
        channel_name: name,
        service_url: connector.serviceUrl,
        reference: JSON.stringify({
          channelId: 'msteams',
          serviceUrl: connector.serviceUrl,
          conversation: { id: conversationId, tenantId: orgId, conversationType: 'channel', isGroup: true },
          bot: { id: '28:practice-pulse' },
        }),
        updated_at: subscribedAt,
      })
      .execute();
    const admin = await store.db
      .selectFrom('people')
      .select('id')
      .where('org_id', '=', orgId)
      .where('access', '=', 'admin')
      .executeTakeFirstOrThrow();
    await subscribeDigest(
      store.db,
      orgId,
      { conversationRefId: id, priorityAreas: [], personId: admin.id, actor: 'PIP' },
      subscribedAt,
    );
    return id;
  }

  const outbox = (orgId: string) =>
    store.db.selectFrom('outbox').selectAll().where('org_id', '=', orgId).orderBy('id').execute();

  async function deliver(orgId: string) {
    const sender = new ProactiveSender(
      new ConfigurationBotFrameworkAuthentication({}),
      'practice-pulse-local',
    );
    const worker = new DeliveryWorker(
      { db: store.db, sender },
      { onlyOrgs: [orgId], retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
    );
    while ((await worker.runOnce()) > 0);
  }

  it('sends one digest per channel and week at DIGEST_DAY DIGEST_TIME; reruns add nothing', async () => {
    const orgId = await sampleOrg(store);
    const app = testApp(store, orgId);
    const board = await channel(orgId, 'Programme Board', at('2020-06-01T12:00:00Z'));
    await digestJob.run(app, at('2020-06-08T07:29:00Z')); // Mon 8 June 08:29 BST: not yet
    expect(await outbox(orgId)).toHaveLength(0);
    await digestJob.run(app, at('2020-06-08T07:30:00Z'));
    await digestJob.run(app, at('2020-06-08T07:31:00Z'));
    await digestJob.run(app, at('2020-06-09T07:30:00Z'));
    const rows = await outbox(orgId);
    expect(rows.map((r) => [r.idempotency_key, r.kind, r.conversation_ref_id])).toEqual([
      [`digest:${board}:2020-W24`, 'digest', board],
    ]);
    const card = cardIn(rows[0]?.payload);
    expect(cardText(card)).toContain('Weekly digest: Children at the Heart');
    expect(digestJob.cron(app)).toBe('30 8 * * 1-5');
  });

  it("links the card to the Plan dashboard inside Teams with TEAMS_APP_ID, and to the tab's web address without", async () => {
    const orgId = await sampleOrg(store);
    await channel(orgId, 'Programme Board', at('2020-06-01T12:00:00Z'));
    const links = async (config: Record<string, string>, when: string) => {
      await digestJob.run(testApp(store, orgId, { config }), at(when));
      const rows = await outbox(orgId);
      return JSON.stringify(cardIn(rows.at(-1)?.payload)).match(/"url":"([^"]*)"/g);
    };
    const publicUrl = 'https://pulse.council.example';
    expect(
      await links(
        { PUBLIC_URL: publicUrl, TEAMS_APP_ID: '6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d' },
        '2020-06-08T07:30:00Z',
      ),
    ).toEqual([
      '"url":"https://teams.microsoft.com/l/entity/6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d/dashboard?webUrl=https%3A%2F%2Fpulse.council.example%2Ftab%2Findex.html%3Fview%3Dplan&label=Plan%20dashboard"',
    ]);
    expect(await links({ PUBLIC_URL: publicUrl }, '2020-06-15T07:30:00Z')).toEqual([
      '"url":"https://pulse.council.example/tab/index.html?view=plan"',
    ]);
  });

  it('sends nothing to a council no longer on the tenant allow list', async () => {
    const orgId = await sampleOrg(store);
    await channel(orgId, 'Programme Board', at('2020-06-01T12:00:00Z'));
    const app = testApp(store, orgId, { config: { TENANT_ALLOW_LIST: 'some-other-tenant' } });
    await digestJob.run(app, at('2020-06-08T07:30:00Z'));
    expect(await outbox(orgId)).toHaveLength(0);
  });

  it('moves a bank holiday Monday to the next working day (Spring bank holiday, 25 May 2020)', async () => {
    const orgId = await sampleOrg(store);
    const app = testApp(store, orgId);
    const board = await channel(orgId, 'Programme Board', at('2020-05-11T12:00:00Z'));
    await digestJob.run(app, at('2020-05-18T07:30:00Z'));
    await digestJob.run(app, at('2020-05-25T07:30:00Z')); // bank holiday: nothing new
    expect((await outbox(orgId)).map((r) => r.idempotency_key)).toEqual([`digest:${board}:2020-W21`]);
    await digestJob.run(app, at('2020-05-26T07:30:00Z'));
    expect((await outbox(orgId)).map((r) => r.idempotency_key)).toEqual([
      `digest:${board}:2020-W21`,
      `digest:${board}:2020-W22`,
    ]);
  });

  it('"what changed" runs from one scheduled digest to the next: after a bank holiday Monday or a late run, no day skipped or repeated', async () => {
    const orgId = await sampleOrg(store);
    const app = testApp(store, orgId);
    await channel(orgId, 'Programme Board', at('2020-05-11T12:00:00Z'));
    await digestJob.run(app, at('2020-05-18T07:30:00Z')); // Mon 18 May 08:30 BST: W21
    await recordUpdates(store.db, orgId, [
      { ref: '1a', rag: 'amber', percent: 30, at: '2020-05-18T11:00:00Z' }, // after W21's digest, Mon 18
      { ref: '1b', rag: 'green', percent: 50, at: '2020-05-25T11:00:00Z' }, // the bank holiday
    ]);
    await recordEscalation(store.db, orgId, '2a', '2020-05-18', 12); // escalated later on Mon 18
    await digestJob.run(app, at('2020-05-26T07:30:00Z')); // Tue 26 May: W22, moved off the holiday
    await digestJob.run(app, at('2020-06-01T07:30:00Z')); // Mon 1 June: W23
    const [w21, w22, w23] = (await outbox(orgId)).map((r) => cardText(cardIn(r.payload)));
    expect(w21).toContain('Since Mon 11 May');
    expect(w22).toContain('Since Mon 18 May');
    expect(w22).toContain('2 updates on 2 actions');
    expect(w22).toContain('Escalated to the programme leads (1):');
    expect(w23).toContain('Since Tue 26 May');
    expect(w23).toContain('0 updates on 0 actions');
    expect(w23).not.toContain('Escalated to the programme leads');

    // Down on Mon 8 June, caught up on Tue 9 at 10:00: an update that morning belongs to next week's digest.
    await recordUpdates(store.db, orgId, [{ ref: '1c', rag: 'red', percent: 5, at: '2020-06-09T07:00:00Z' }]);
    await digestJob.run(app, at('2020-06-09T09:00:00Z'));
    await digestJob.run(app, at('2020-06-15T07:30:00Z'));
    const [w24, w25] = (await outbox(orgId)).slice(3).map((r) => cardText(cardIn(r.payload)));
    expect(w24).toContain('Since Mon 1 Jun');
    expect(w24).toContain('0 updates on 0 actions');
    expect(w25).toContain('Since Mon 8 Jun');
    expect(w25).toContain('1 update on 1 action');
  });

  it('a channel subscribed after this week’s slot waits for next week; a missed slot is caught up only for two working days', async () => {
    const orgId = await sampleOrg(store);
    const app = testApp(store, orgId);
    await channel(orgId, 'Late Board', at('2020-06-09T12:00:00Z'));
    await digestJob.run(app, at('2020-06-10T07:30:00Z'));
    expect(await outbox(orgId)).toHaveLength(0);
    // Bot down on Mon 15 June; started Thu 18 June: too late for that week's digest.
    await digestJob.run(app, at('2020-06-18T07:30:00Z'));
    expect(await outbox(orgId)).toHaveLength(0);
    await digestJob.run(app, at('2020-06-23T10:00:00Z')); // down Mon 22, back Tue: caught up
    expect(await outbox(orgId)).toHaveLength(1);
  });

  it('a channel that removed the bot (403) is recorded, shown on the next digest, and not retried', async () => {
    const orgId = await sampleOrg(store);
    const app = testApp(store, orgId);
    const board = await channel(orgId, 'Programme Board', at('2020-06-01T12:00:00Z'));
    const removed = await channel(orgId, 'Old Board', at('2020-06-01T12:00:00Z'));
    const removedConversation = `19:${removed}@thread.tacv2`;
    connector.inject({ conversationId: removedConversation, status: 403 });
    await digestJob.run(app, at('2020-06-08T07:30:00Z'));
    await deliver(orgId);
    const first = await outbox(orgId);
    expect(
      first.map((r) => [r.conversation_ref_id, r.state, r.failure_kind, r.last_status, r.attempts]),
    ).toEqual([
      [board, 'sent', null, null, 1],
      [removed, 'failed', 'unreachable', 403, 1],
    ]);

    await digestJob.run(app, at('2020-06-15T07:30:00Z'));
    await deliver(orgId);
    const second = (await outbox(orgId)).slice(2);
    expect(second.map((r) => [r.conversation_ref_id, r.state])).toEqual([[board, 'sent']]);
    const card = cardIn(second[0]?.payload);
    expect(cardText(card)).toContain('Cannot be reached (1)');
    expect(cardText(card)).toContain('Old Board (removed the bot)');
    // why: the connector keeps every call it answered; only one ever went to the removed channel.
    const calls = connector.calls.filter((c) => c.conversationId === removedConversation);
    expect(calls.map((c) => c.status)).toEqual([403]);
  });

  it('says why an owner cannot be reached: a roster entry with no Teams account is not "blocked the bot"', async () => {
    const orgId = await sampleOrg(store);
    const app = testApp(store, orgId);
    await channel(orgId, 'Programme Board', at('2020-06-01T12:00:00Z'));
    // The sample roster's role mailboxes have no Entra object id: the worker cannot even try them.
    const mailbox = await store.db
      .selectFrom('people')
      .select(['id', 'display_name'])
      .where('org_id', '=', orgId)
      .where('aad_object_id', 'is', null)
      .orderBy('display_name')
      .executeTakeFirstOrThrow();
    const reminder = { type: 'message', text: 'Reminder' };
    const key = `reminder:why-test:${mailbox.id}`;
    const target = { personId: mailbox.id };
    await enqueueMessage(
      store.db,
      orgId,
      { key, kind: 'reminder', target, activity: reminder },
      at('2020-06-05T08:00:00Z'),
    );
    await deliver(orgId);
    await digestJob.run(app, at('2020-06-08T07:30:00Z'));
    await deliver(orgId);
    const sent = (await outbox(orgId)).find((r) => r.kind === 'digest');
    const text = cardText(cardIn(sent?.payload));
    expect(text).toContain('Cannot be reached (1)');
    expect(text).toContain(`${mailbox.display_name} (no Teams account on the roster)`);
    expect(text).not.toContain('blocked');
  });
});
