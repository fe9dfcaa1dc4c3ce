import { beforeAll, expect, it } from 'vitest';
import { deliveryStatusCli, formatDeliveryStatus } from '../../../src/cli/delivery-status.js';
import type { Config } from '../../../src/config/config.schema.js';
import type { Store } from '../../../src/db/connect.js';
import { deliveryStatus, listUnreachable } from '../../../src/delivery/delivery-status.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { enqueueFanout, seedRecipients } from '../../support/delivery-fixtures.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';

describeStores('delivery status', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  /** Four people and a channel; outcomes written as a worker would leave them. */
  async function scenario() {
    const orgId = await createOrg(store);
    const people = await seedRecipients(store.db, orgId, 'http://127.0.0.1:1/', 4);
    await enqueueFanout(store.db, orgId, people, 'week-1');
    const rows = await store.db
      .selectFrom('outbox')
      .select(['id', 'conversation_ref_id'])
      .where('org_id', '=', orgId)
      .execute();
    const rowOf = (i: number) => rows.find((r) => r.conversation_ref_id === people[i]!.refId)!.id;
    const set = (id: string, values: Record<string, unknown>) =>
      store.db.updateTable('outbox').set(values).where('id', '=', id).execute();
    await set(rowOf(0), { state: 'sent', activity_id: '1:1' });
    await set(rowOf(1), {
      state: 'failed',
      failure_kind: 'unreachable',
      last_status: 403,
      last_error: 'bot blocked or app removed',
    });
    await set(rowOf(2), {
      state: 'failed',
      failure_kind: 'unreachable',
      last_status: 404,
      last_error: 'conversation not found',
    });
    // Person 3 failed last week but a later message reached them: reachable again.
    await set(rowOf(3), {
      state: 'failed',
      failure_kind: 'gave_up',
      last_error: 'gave up after 8 attempts (last: HTTP 503)',
    });
    await enqueueFanout(store.db, orgId, [people[3]!], 'week-2');
    await store.db
      .updateTable('outbox')
      .set({ state: 'sent' })
      .where('idempotency_key', '=', `week-2:${people[3]!.personId}`)
      .execute();
    await enqueueFanout(store.db, orgId, [people[0]!], 'week-2');
    return { orgId, people };
  }

  it('counts messages by state and lists recipients whose latest message failed', async () => {
    const { orgId, people } = await scenario();
    const status = await deliveryStatus(store.db, orgId);
    expect(status.counts).toEqual({ pending: 1, sending: 0, sent: 2, failed: 3 });
    expect(status.failed.map((f) => [f.personId, f.status, f.reason]).sort()).toEqual(
      [
        [people[1]!.personId, 403, 'bot blocked or app removed'],
        [people[2]!.personId, 404, 'conversation not found'],
      ].sort(),
    );
  });

  it('gives the digest the unreachable recipients by name', async () => {
    const { orgId } = await scenario();
    const unreachable = await listUnreachable(store.db, orgId);
    expect(unreachable.map((u) => u.name).sort()).toEqual(['Person 1', 'Person 2']);
    expect(unreachable.every((u) => u.kind === 'person' && u.failure === 'unreachable')).toBe(true);
  });

  it('names a channel that cannot be reached', async () => {
    const orgId = await createOrg(store);
    const refId = crypto.randomUUID();
    await store.db
      .insertInto('conversation_refs')
      .values({
        id: refId,
        org_id: orgId,
        conversation_id: '19:general@thread.tacv2',
        kind: 'channel',
        channel_name: 'Improvement Board',
        service_url: 'http://127.0.0.1:1/',
        reference: '{}',
        updated_at: new Date(),
      })
      .execute();
    const now = new Date();
    await store.db
      .insertInto('outbox')
      .values({
        org_id: orgId,
        idempotency_key: 'digest:1',
        kind: 'digest',
        conversation_ref_id: refId,
        payload: '{}',
        state: 'failed',
        failure_kind: 'unreachable',
        last_status: 404,
        last_error: 'conversation not found',
        next_attempt_at: now,
        created_at: now,
      })
      .execute();
    expect(await listUnreachable(store.db, orgId)).toMatchObject([
      {
        personId: null,
        name: 'Improvement Board',
        kind: 'channel',
        reason: 'conversation not found',
        messageKind: 'digest',
      },
    ]);
  });

  it('prints the report on the command line, and as JSON', async () => {
    const { orgId } = await scenario();
    const lines: string[] = [];
    const app = { config: {} as Config, db: store.db, clock: systemClock, log: createLogger('silent') };
    expect(await deliveryStatusCli.run([], { app, orgId, out: (l) => lines.push(l) })).toBe(0);
    expect(lines[0]).toBe(`Delivery for ${orgId}: 2 sent, 1 pending, 0 sending, 3 failed`);
    expect(lines[1]).toBe('2 recipients not reached (latest message failed):');
    expect(lines.slice(2).sort()).toEqual([
      '  Person 1 (person, cannot be reached): bot blocked or app removed [HTTP 403]; notice',
      '  Person 2 (person, cannot be reached): conversation not found [HTTP 404]; notice',
    ]);
    const json: string[] = [];
    await deliveryStatusCli.run(['--json'], { app, orgId, out: (l) => json.push(l) });
    expect(JSON.parse(json.join('\n'))).toMatchObject({ orgId, counts: { sent: 2 } });
  });
});

it('says so when no recipient has a failed message', () => {
  expect(
    formatDeliveryStatus('t', { counts: { pending: 0, sending: 0, sent: 5, failed: 0 }, failed: [] }),
  ).toEqual(['Delivery for t: 5 sent, 0 pending, 0 sending, 0 failed', 'No recipient has a failed message.']);
});
