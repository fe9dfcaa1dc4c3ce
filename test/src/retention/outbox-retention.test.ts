import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { enqueueMessage } from '../../../src/delivery/outbox.repository.js';
import { purgeBefore } from '../../../src/retention/purge.service.js';
import { PURGED_PAYLOAD } from '../../../src/retention/purge-steps.js';
import { newId } from '../../../src/shared/ids.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';

const CANARY = 'RETENTION-CANARY: help needed with the agency contract';
const card = { type: 'message', attachments: [{ content: { body: [{ type: 'TextBlock', text: CANARY }] } }] };

/** Cards quote help requests and reasons; retention must reach the outbox's copies too (docs/security.md). */
describeStores('retention of outbox payloads', (kind) => {
  let store: Store;
  let orgId: string;
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await createOrg(store);
    const people = [
      { id: newId(), org_id: orgId, display_name: 'P', email: `p@${orgId}.example`, access: null },
    ];
    await store.db.insertInto('people').values(people).execute();
    const messages = [
      ['old-sent', '2025-03-01T09:00:00Z', 'sent'],
      ['old-failed', '2025-03-02T09:00:00Z', 'failed'],
      ['old-pending', '2025-03-03T09:00:00Z', 'pending'],
      ['new-sent', '2025-09-01T09:00:00Z', 'sent'],
    ] as const;
    for (const [key, at, state] of messages) {
      const intent = { key, kind: 'notice', target: { personId: people[0]!.id }, activity: card };
      await enqueueMessage(store.db, orgId, intent, new Date(at));
      await store.db
        .updateTable('outbox')
        .set({ state })
        .where('org_id', '=', orgId)
        .where('idempotency_key', '=', key)
        .execute();
    }
  });

  const payloads = async () =>
    Object.fromEntries(
      (
        await store.db
          .selectFrom('outbox')
          .select(['idempotency_key', 'payload'])
          .where('org_id', '=', orgId)
          .execute()
      ).map((r) => [r.idempotency_key, JSON.stringify(r.payload)]),
    );
  const outboxRows = (report: Awaited<ReturnType<typeof purgeBefore>>) =>
    report.steps.find((s) => s.name.startsWith('outbox'))?.rows;
  const request = { before: '2025-06-01', actor: 'test', now: new Date('2026-01-01T00:00:00Z') };

  it('blanks the payloads of messages sent or failed before the date; pending and later ones keep theirs', async () => {
    expect(outboxRows(await purgeBefore(store.db, orgId, { ...request, dryRun: true }))).toBe(2);
    expect((await payloads())['old-sent']).toContain(CANARY);
    expect(outboxRows(await purgeBefore(store.db, orgId, { ...request, dryRun: false }))).toBe(2);
    const after = await payloads();
    expect(after['old-sent']).toBe(JSON.stringify(PURGED_PAYLOAD));
    expect(after['old-failed']).toBe(JSON.stringify(PURGED_PAYLOAD));
    expect(after['old-pending']).toContain(CANARY);
    expect(after['new-sent']).toContain(CANARY);
    expect(outboxRows(await purgeBefore(store.db, orgId, { ...request, dryRun: false }))).toBe(0);
  });
});
