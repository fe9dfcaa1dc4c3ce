import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { DeliveryWorker, type DeliveryWorkerOptions } from '../../../src/delivery/delivery.worker.js';
import { listUnreachable } from '../../../src/delivery/delivery-status.js';
import { enqueueMessage } from '../../../src/delivery/outbox.repository.js';
import {
  cardActivity,
  enqueueFanout,
  localSender,
  seedRecipients,
  settled,
} from '../../support/delivery-fixtures.js';
import { FakeConnector, teamsLimits } from '../../support/fake-connector.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';

const fast: DeliveryWorkerOptions = {
  pollMs: 10,
  tenantLimitPerSecond: 2_000,
  retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 40 },
};
const fastLimits = { conversation: teamsLimits.conversation, tenant: [{ count: 2_000, windowMs: 1_000 }] };

describeStores('delivery worker', (kind) => {
  let store: Store;
  let connector: FakeConnector;
  beforeAll(async () => {
    store = await testStore(kind);
    connector = await FakeConnector.start({ limits: fastLimits });
  });
  afterAll(() => connector.close());

  const outcomes: string[] = [];
  /** When each outcome was reported, in the same order. */
  const outcomeTimes: number[] = [];
  const record = (kind: string, outcome: string) => {
    outcomes.push(`${kind}:${outcome}`);
    outcomeTimes.push(Date.now());
  };
  async function deliverAll(orgId: string, options: DeliveryWorkerOptions = {}): Promise<DeliveryWorker> {
    const worker = new DeliveryWorker(
      { db: store.db, sender: localSender(), onOutcome: record },
      { ...fast, ...options, onlyOrgs: [orgId] },
    );
    worker.start();
    try {
      await settled(store.db, orgId);
    } finally {
      await worker.stop();
    }
    return worker;
  }

  const rowsOf = (orgId: string) =>
    store.db.selectFrom('outbox').selectAll().where('org_id', '=', orgId).orderBy('id').execute();
  const sentTo = (orgId: string) => connector.sent().filter((c) => c.tenantId === orgId);

  it('delivers each message once, recording the Teams activity and conversation ids', async () => {
    const orgId = await createOrg(store);
    const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, 50);
    await enqueueFanout(store.db, orgId, recipients, 'digest:2026-12-07');
    outcomes.length = 0;
    outcomeTimes.length = 0;
    await deliverAll(orgId);
    expect(outcomes).toEqual(Array(50).fill('notice:sent'));

    const rows = await rowsOf(orgId);
    expect(rows.every((r) => r.state === 'sent' && r.activity_id && r.sent_at)).toBe(true);
    expect(rows.map((r) => r.sent_conversation_id).sort()).toEqual(
      recipients.map((r) => r.conversationId).sort(),
    );
    const calls = sentTo(orgId);
    expect(calls).toHaveLength(50);
    expect(new Set(calls.map((c) => c.activityId)).size).toBe(50);
    expect(new Set(rows.map((r) => r.activity_id))).toEqual(new Set(calls.map((c) => c.activityId)));
  });

  it("leaves other organisations' messages alone when told to deliver only some", async () => {
    const mine = await createOrg(store);
    const theirs = await createOrg(store);
    await enqueueFanout(
      store.db,
      mine,
      await seedRecipients(store.db, mine, connector.serviceUrl, 3),
      'mine',
    );
    await enqueueFanout(
      store.db,
      theirs,
      await seedRecipients(store.db, theirs, connector.serviceUrl, 3),
      'theirs',
    );
    await deliverAll(mine);
    expect((await rowsOf(mine)).map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
    expect((await rowsOf(theirs)).map((r) => [r.state, r.attempts])).toEqual([
      ['pending', 0],
      ['pending', 0],
      ['pending', 0],
    ]);
  });

  it("keeps each organisation's share moving: a big fan-out does not hold up another council", async () => {
    const big = await createOrg(store);
    const small = await createOrg(store);
    await enqueueFanout(store.db, big, await seedRecipients(store.db, big, connector.serviceUrl, 120), 'big');
    await enqueueFanout(
      store.db,
      small,
      await seedRecipients(store.db, small, connector.serviceUrl, 4),
      'small',
    );
    const worker = new DeliveryWorker(
      { db: store.db, sender: localSender() },
      { pollMs: 10, tenantLimitPerSecond: 200, concurrency: 8, perOrgConcurrency: 4, onlyOrgs: [big, small] },
    );
    worker.start();
    await settled(store.db, big);
    await settled(store.db, small);
    await worker.stop();
    const order = connector.sent().filter((c) => c.tenantId === big || c.tenantId === small);
    const lastSmall = order.map((c) => c.tenantId).lastIndexOf(small);
    expect(order).toHaveLength(124);
    expect(lastSmall).toBeLessThan(20);
  });

  it('records one message for one idempotency key', async () => {
    const orgId = await createOrg(store);
    const [r] = await seedRecipients(store.db, orgId, connector.serviceUrl, 1);
    const intent = {
      key: 'reminder:3a:2026-12-01',
      kind: 'reminder',
      target: { conversationRefId: r!.refId },
      activity: cardActivity('3a'),
    };
    expect(await enqueueMessage(store.db, orgId, intent, new Date())).toBe(true);
    expect(await enqueueMessage(store.db, orgId, intent, new Date())).toBe(false);
    await deliverAll(orgId);
    expect(sentTo(orgId)).toHaveLength(1);
  });

  it('marks the one recipient answering 403 among 1,000 as unreachable, and delivers the rest', async () => {
    const orgId = await createOrg(store);
    const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, 1_000);
    const blocked = recipients[417]!;
    const remove = connector.inject({ conversationId: blocked.conversationId, status: 403 });
    await enqueueFanout(store.db, orgId, recipients, 'pulse:round-1');
    await deliverAll(orgId, { concurrency: 64 });
    remove();

    const rows = await rowsOf(orgId);
    expect(rows.filter((r) => r.state === 'sent')).toHaveLength(999);
    const failed = rows.filter((r) => r.state === 'failed');
    expect(failed).toMatchObject([
      {
        conversation_ref_id: blocked.refId,
        last_status: 403,
        failure_kind: 'unreachable',
        last_error: 'bot blocked or app removed',
        attempts: 1,
      },
    ]);
    expect(await listUnreachable(store.db, orgId)).toMatchObject([
      {
        personId: blocked.personId,
        name: 'Person 417',
        kind: 'person',
        reason: 'bot blocked or app removed',
        status: 403,
      },
    ]);
    expect(sentTo(orgId)).toHaveLength(999);
  }, 90_000);

  it('rides out a 429 storm, honouring Retry-After, and delivers everything once', async () => {
    const orgId = await createOrg(store);
    const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, 40);
    const ids = new Set(recipients.map((r) => r.conversationId));
    const remove = connector.inject({
      conversationId: (id) => ids.has(id),
      status: 429,
      retryAfterSeconds: 0.2,
      times: 25,
    });
    await enqueueFanout(store.db, orgId, recipients, 'storm');
    const started = Date.now();
    const worker = await deliverAll(orgId);
    remove();

    expect(worker.counts.throttled).toBe(25);
    expect(sentTo(orgId)).toHaveLength(40);
    expect(new Set(sentTo(orgId).map((c) => c.conversationId)).size).toBe(40);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    const calls = connector.calls.filter((c) => c.tenantId === orgId);
    for (const [at, call] of calls.entries()) {
      if (call.status !== 429) continue;
      const next = calls.slice(at + 1).find((c) => c.conversationId === call.conversationId);
      expect(next!.at - call.at).toBeGreaterThanOrEqual(190);
    }
  });

  it('puts messages back in the queue for a 429 pause longer than half the lease, rather than spin', async () => {
    const orgId = await createOrg(store);
    const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, 10);
    const remove = connector.inject({
      conversationId: recipients[0]!.conversationId,
      status: 429,
      retryAfterSeconds: 1,
      times: 1,
    });
    await enqueueFanout(store.db, orgId, recipients, 'pause');
    const worker = await deliverAll(orgId, { leaseMs: 600, tenantLimitPerSecond: 50 });
    remove();
    expect(worker.counts.throttled).toBe(1);
    expect(worker.counts.released).toBeLessThanOrEqual(9);
    const rows = await rowsOf(orgId);
    expect(rows.every((r) => r.state === 'sent' && r.attempts <= 2)).toBe(true);
    const calls = connector.calls.filter((c) => c.tenantId === orgId);
    const throttledAt = calls.find((c) => c.status === 429)!.at;
    // why: sends whose slot came before the worker read the 429 may still go (a busy loop runs timers first).
    const learnedAt = outcomeTimes[outcomes.lastIndexOf('notice:throttled')]!;
    expect(calls.filter((c) => c.at > learnedAt && c.at < throttledAt + 950)).toHaveLength(0);
    expect(calls.filter((c) => c.at >= throttledAt + 950)).not.toHaveLength(0);
    expect(sentTo(orgId)).toHaveLength(10);
  });

  it('retries injected 5xx with backoff until delivered, none twice', async () => {
    const orgId = await createOrg(store);
    const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, 100);
    const ids = new Set(recipients.map((r) => r.conversationId));
    const remove = connector.inject({ conversationId: (id) => ids.has(id), status: 503, rate: 0.2 });
    await enqueueFanout(store.db, orgId, recipients, 'flaky');
    const worker = await deliverAll(orgId, { retry: { maxAttempts: 10, baseDelayMs: 2, maxDelayMs: 20 } });
    remove();
    expect(worker.counts.retry).toBeGreaterThan(0);
    expect(sentTo(orgId)).toHaveLength(100);
    expect(new Set(sentTo(orgId).map((c) => c.conversationId)).size).toBe(100);
  });

  it('gives up on a service URL that refuses connections, after the retry limit, without holding up others', async () => {
    const orgId = await createOrg(store);
    const [good] = await seedRecipients(store.db, orgId, connector.serviceUrl, 1);
    const [dead] = await seedRecipients(store.db, orgId, 'http://127.0.0.1:1/', 1);
    await enqueueFanout(store.db, orgId, [good!, dead!], 'refused');
    await deliverAll(orgId);
    const rows = await rowsOf(orgId);
    expect(rows.find((r) => r.conversation_ref_id === good!.refId)?.state).toBe('sent');
    expect(rows.find((r) => r.conversation_ref_id === dead!.refId)).toMatchObject({
      state: 'failed',
      failure_kind: 'gave_up',
      attempts: 4,
      last_error: 'gave up after 4 attempts (last: ECONNREFUSED)',
    });
  });

  it('gives up waiting on a send that hangs, well inside the lease, and retries it', async () => {
    const orgId = await createOrg(store);
    const [r] = await seedRecipients(store.db, orgId, connector.serviceUrl, 1);
    const remove = connector.inject({ conversationId: r!.conversationId, delayMs: 300, times: 1 });
    await enqueueFanout(store.db, orgId, [r!], 'hang');
    await deliverAll(orgId, { sendTimeoutMs: 100 });
    remove();
    const [row] = await rowsOf(orgId);
    expect(row).toMatchObject({ state: 'sent', attempts: 2, last_error: null });
  });

  it('renews its claim during a slow send, so no other worker takes the message over', async () => {
    const orgId = await createOrg(store);
    const [r] = await seedRecipients(store.db, orgId, connector.serviceUrl, 1);
    const remove = connector.inject({ conversationId: r!.conversationId, delayMs: 900, times: 1 });
    await enqueueFanout(store.db, orgId, [r!], 'slow');
    const options = { ...fast, leaseMs: 300, onlyOrgs: [orgId] };
    const first = new DeliveryWorker({ db: store.db, sender: localSender() }, options);
    const second = new DeliveryWorker({ db: store.db, sender: localSender() }, options);
    first.start();
    await new Promise((r) => setTimeout(r, 100));
    second.start();
    await settled(store.db, orgId);
    await Promise.all([first.stop(), second.stop()]);
    remove();
    expect(sentTo(orgId)).toHaveLength(1);
    expect((await rowsOf(orgId))[0]).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('refuses a card too large for Teams before any network call', async () => {
    const orgId = await createOrg(store);
    const [r] = await seedRecipients(store.db, orgId, connector.serviceUrl, 1);
    const intent = {
      key: 'big',
      kind: 'digest',
      target: { conversationRefId: r!.refId },
      activity: cardActivity('x'.repeat(30_000)),
    };
    await enqueueMessage(store.db, orgId, intent, new Date());
    await deliverAll(orgId);
    const [row] = await rowsOf(orgId);
    expect(row).toMatchObject({ state: 'failed', failure_kind: 'rejected', attempts: 1 });
    expect(row!.last_error).toMatch(/card 1 is 29\.\d KB of JSON; Teams accepts at most 27\.3 KB/);
    expect(connector.calls.filter((c) => c.tenantId === orgId)).toHaveLength(0);
  });

  it("creates a person's 1:1 when none is stored, keeps it, and uses it next time", async () => {
    const orgId = await createOrg(store);
    await seedRecipients(store.db, orgId, connector.serviceUrl, 1);
    const personId = crypto.randomUUID();
    await store.db
      .insertInto('people')
      .values({
        id: personId,
        org_id: orgId,
        display_name: 'New Owner',
        email: `new@${orgId}.example`,
        aad_object_id: `aad-new-${personId}`,
      })
      .execute();
    const send = (key: string) =>
      enqueueMessage(
        store.db,
        orgId,
        { key, kind: 'reminder', target: { personId }, activity: cardActivity(key) },
        new Date(),
      );
    await send('first');
    await deliverAll(orgId);
    await send('second');
    await deliverAll(orgId);

    const calls = connector.calls.filter((c) => c.tenantId === orgId);
    expect(calls.map((c) => c.kind)).toEqual(['create', 'send', 'send']);
    expect(calls[0]!.body).toMatchObject({
      isGroup: false,
      members: [{ id: `aad-new-${personId}` }],
      tenantId: orgId,
    });
    const ref = await store.db
      .selectFrom('conversation_refs')
      .selectAll()
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(ref).toMatchObject({ kind: 'personal', conversation_id: `a:personal-aad-new-${personId}` });
    const rows = await rowsOf(orgId);
    expect(rows.map((r) => [r.state, r.sent_conversation_id])).toEqual([
      ['sent', ref.conversation_id],
      ['sent', ref.conversation_id],
    ]);
  });

  it('fails a message to a person without a Teams identity, with the reason', async () => {
    const orgId = await createOrg(store);
    await seedRecipients(store.db, orgId, connector.serviceUrl, 1);
    const personId = crypto.randomUUID();
    await store.db
      .insertInto('people')
      .values({ id: personId, org_id: orgId, display_name: 'No Teams', email: `nt@${orgId}.example` })
      .execute();
    await enqueueMessage(
      store.db,
      orgId,
      { key: 'k', kind: 'reminder', target: { personId }, activity: cardActivity('x') },
      new Date(),
    );
    await deliverAll(orgId);
    expect(await listUnreachable(store.db, orgId)).toMatchObject([
      { personId, name: 'No Teams', reason: 'person has no Teams identity (Entra object id) yet' },
    ]);
  });

  it('leaves a message claimed by a dead worker alone until its lease expires, then delivers it', async () => {
    const orgId = await createOrg(store);
    const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, 3);
    await enqueueFanout(store.db, orgId, recipients, 'lease');
    const { claimDue } = await import('../../../src/delivery/claim.repository.js');
    const dead = await claimDue(store.db, {
      limit: 1,
      now: new Date(),
      leaseMs: 400,
      token: 'dead',
      onlyOrgs: [orgId],
    });
    const worker = new DeliveryWorker(
      { db: store.db, sender: localSender() },
      { ...fast, onlyOrgs: [orgId] },
    );
    expect(await worker.runOnce()).toBe(2);
    expect(await worker.runOnce()).toBe(0);
    await new Promise((r) => setTimeout(r, 450));
    expect(await worker.runOnce()).toBe(1);
    const rows = await rowsOf(orgId);
    expect(rows.find((r) => r.id === dead[0]!.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(sentTo(orgId)).toHaveLength(3);
  });

  it('paces a real-limit fan-out without a single 429 from the connector', async () => {
    const strict = await FakeConnector.start();
    const orgId = await createOrg(store);
    const recipients = await seedRecipients(store.db, orgId, strict.serviceUrl, 30);
    await enqueueFanout(
      store.db,
      orgId,
      [...recipients, ...recipients.slice(0, 3)].map((r, i) => ({ ...r, personId: `${r.personId}-${i}` })),
      'paced',
    );
    const worker = new DeliveryWorker(
      { db: store.db, sender: localSender() },
      { pollMs: 10, onlyOrgs: [orgId] },
    );
    worker.start();
    await settled(store.db, orgId);
    await worker.stop();
    await strict.close();
    expect(strict.limitRejections).toBe(0);
    expect(strict.sent()).toHaveLength(33);
  });
});

describe('delivery worker stop', () => {
  it('gives back messages still waiting for their turn, uncounted', async () => {
    const store = await testStore('pglite').catch(() => testStore('postgres'));
    const connector = await FakeConnector.start();
    const orgId = await createOrg(store);
    const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, 200);
    await enqueueFanout(store.db, orgId, recipients, 'stop');
    const worker = new DeliveryWorker(
      { db: store.db, sender: localSender() },
      { pollMs: 10, concurrency: 100, onlyOrgs: [orgId] },
    );
    worker.start();
    await new Promise((r) => setTimeout(r, 300));
    await worker.stop();
    await connector.close();
    const rows = await store.db.selectFrom('outbox').selectAll().where('org_id', '=', orgId).execute();
    expect(rows.some((r) => r.state === 'sending')).toBe(false);
    const sent = rows.filter((r) => r.state === 'sent');
    expect(sent.length).toBe(connector.sent().length);
    expect(sent.length).toBeLessThan(60);
    expect(rows.filter((r) => r.state === 'pending').every((r) => r.attempts === 0)).toBe(true);
  });
});
