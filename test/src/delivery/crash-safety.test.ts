import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { tenantShare } from '../../../src/delivery/worker-registry.js';
import { enqueueFanout, seedRecipients, settled } from '../../support/delivery-fixtures.js';
import { FakeConnector, teamsLimits } from '../../support/fake-connector.js';
import { createOrg, testStore } from '../../support/store.js';
import { testStoreKinds } from '../../support/store-settings.js';
import { schemaUrl, startWorkerProcess } from '../../support/worker-processes.js';

// why: these need several processes on one database, which only PostgreSQL offers (PGlite is in-process).
describe.runIf(testStoreKinds().includes('postgres'))('delivery across processes [postgres]', () => {
  let store: Store;
  let url: string;
  beforeAll(async () => {
    store = await testStore('postgres');
    url = await schemaUrl(store);
  });

  const sentPerConversation = (connector: FakeConnector, orgId: string) => {
    const counts = new Map<string, number>();
    for (const call of connector.sent())
      if (call.tenantId === orgId)
        counts.set(call.conversationId, (counts.get(call.conversationId) ?? 0) + 1);
    return counts;
  };

  describe('a worker killed with SIGKILL during a 2,000-message fan-out', () => {
    let connector: FakeConnector;
    beforeAll(async () => {
      connector = await FakeConnector.start({
        limits: { conversation: teamsLimits.conversation, tenant: [{ count: 2_000, windowMs: 1_000 }] },
      });
    });
    afterAll(() => connector.close());

    it('delivers everything after a restart, sending again at most the messages in flight at the kill', async () => {
      const orgId = await createOrg(store);
      const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, 2_000);
      await enqueueFanout(store.db, orgId, recipients, 'crash');
      const env = {
        DATABASE_URL: url,
        ORG_IDS: orgId,
        CONCURRENCY: '16',
        LEASE_MS: '1000',
        TENANT_LIMIT: '2000',
        LEADER_NAME: `crash-${orgId}`,
      };

      const first = startWorkerProcess(env);
      await first.waitFor(/^ready$/);
      while (connector.sent().filter((c) => c.tenantId === orgId).length < 400)
        await new Promise((r) => setTimeout(r, 5));
      first.child.kill('SIGKILL');
      await new Promise((r) => first.child.once('exit', r));
      const inFlight = await store.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('org_id', '=', orgId)
        .where('state', '=', 'sending')
        .executeTakeFirstOrThrow();
      const sentAtKill = connector.sent().filter((c) => c.tenantId === orgId).length;
      expect(sentAtKill).toBeLessThan(2_000);
      const second = startWorkerProcess(env);
      await second.waitFor(/^ready$/);
      await settled(store.db, orgId, 90_000);
      await second.stop();

      const perConversation = sentPerConversation(connector, orgId);
      expect(perConversation.size).toBe(2_000);
      const duplicates = [...perConversation.values()].reduce((sum, n) => sum + n - 1, 0);
      expect(duplicates).toBeLessThanOrEqual(Number(inFlight.n));
      expect(Number(inFlight.n)).toBeLessThanOrEqual(16);
      const states = await store.db
        .selectFrom('outbox')
        .select('state')
        .where('org_id', '=', orgId)
        .execute();
      expect(states.every((s) => s.state === 'sent')).toBe(true);
    }, 120_000);
  });

  describe('two copies of the bot on one database', () => {
    let connector: FakeConnector;
    beforeAll(async () => {
      connector = await FakeConnector.start({
        limits: { conversation: teamsLimits.conversation, tenant: [{ count: 200, windowMs: 1_000 }] },
      });
    });
    afterAll(() => connector.close());

    it('have one scheduler leader, both deliver, no message twice, and together stay under the tenant limit', async () => {
      const orgId = await createOrg(store);
      const recipients = await seedRecipients(store.db, orgId, connector.serviceUrl, 500);
      const env = {
        DATABASE_URL: url,
        ORG_IDS: orgId,
        TENANT_LIMIT: '200',
        HEARTBEAT_MS: '1000',
        LEADER_NAME: `two-${orgId}`,
      };
      const a = startWorkerProcess(env);
      const b = startWorkerProcess(env);
      // why: the fan-out starts once each copy has taken its half of the limit, as it would in service.
      const half = new RegExp(`^rate ${tenantShare(200, 2)}$`);
      await Promise.all([a.waitFor(half), b.waitFor(half)]);
      await enqueueFanout(store.db, orgId, recipients, 'two');
      await settled(store.db, orgId, 90_000);
      const leaders = [a, b].filter(
        (p) => p.lines.at(-1) === 'leader true' || p.lines.includes('leader true'),
      );
      const [countsA, countsB] = await Promise.all([a.stop(), b.stop()]);

      expect(leaders).toHaveLength(1);
      expect(countsA!.sent).toBeGreaterThan(50);
      expect(countsB!.sent).toBeGreaterThan(50);
      expect(countsA!.sent! + countsB!.sent!).toBe(500);
      const perConversation = sentPerConversation(connector, orgId);
      expect(perConversation.size).toBe(500);
      expect([...perConversation.values()].every((n) => n === 1)).toBe(true);
      expect(connector.limitRejections).toBe(0);
    }, 120_000);
  });
});
