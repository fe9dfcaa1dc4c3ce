import { beforeAll, expect, it } from 'vitest';
import { resolveViewer, type Viewer } from '../../../src/access/viewer.js';
import { listAudit } from '../../../src/audit/audit.repository.js';
import type { Store } from '../../../src/db/connect.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import type { ActionView } from '../../../src/plan/action-view.js';
import { newId } from '../../../src/shared/ids.js';
import { recordStatusUpdate } from '../../../src/updates/status-update.service.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';

const AT = new Date('2020-03-20T10:00:00Z');

describeStores('recordStatusUpdate', (kind) => {
  let store: Store;
  let orgId: string;
  let owner: Viewer;
  let lead: Viewer;
  let socialWorker: Viewer;
  let action: ActionView;

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    owner = (await resolveViewer(store.db, orgId, SAMPLE.owner))!;
    lead = (await resolveViewer(store.db, orgId, SAMPLE.lead))!;
    socialWorker = (await resolveViewer(store.db, orgId, SAMPLE.socialWorker))!;
    action = (await findActionByRef(store.db, orgId, '7c'))!;
  });

  it('writes the update, the action’s current status and the audit entry together', async () => {
    const result = await recordStatusUpdate(
      store.db,
      owner,
      {
        actionId: action.id,
        rag: 'amber',
        percent: 60,
        narrative: 'Audit tool drafted',
        idempotencyKey: newId(),
      },
      AT,
    );
    expect(result).toMatchObject({
      kind: 'recorded',
      update: { kind: 'update', rag: 'amber', percent: 60, narrative: 'Audit tool drafted', created_at: AT },
      action: { ref: '7c', rag: 'amber', percent: 60, lastUpdateAt: AT, state: 'open' },
      before: { rag: null, percent: null },
    });
    const audit = await listAudit(store.db, orgId, 'action', action.id);
    expect(audit.at(-1)).toMatchObject({
      change: 'status_update',
      actor: owner.person.display_name,
      before: { rag: null, percent: null, state: 'open' },
      after: { rag: 'amber', percent: 60, state: 'open' },
    });
  });

  it('records one update for the same key, however often it arrives', async () => {
    const key = newId();
    const input = { actionId: action.id, rag: 'green' as const, percent: 70, idempotencyKey: key };
    const results = await Promise.all([1, 2, 3].map(() => recordStatusUpdate(store.db, owner, input, AT)));
    expect(results.filter((r) => r.kind === 'recorded')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'duplicate')).toHaveLength(2);
    const rows = await store.db
      .selectFrom('status_updates')
      .select('id')
      .where('org_id', '=', orgId)
      .where('idempotency_key', 'like', `%${key}`)
      .execute();
    expect(rows).toHaveLength(1);
    // why: a repeat inserts nothing, so it must audit nothing either.
    const audited = (await listAudit(store.db, orgId, 'action', action.id)).filter(
      (a) => (a.after as { updateId?: string } | null)?.updateId === rows[0]?.id,
    );
    expect(audited).toHaveLength(1);
  });

  it('scopes keys to their author: another person’s key does not collide', async () => {
    const key = newId();
    const input = { actionId: action.id, rag: 'green' as const, percent: 71, idempotencyKey: key };
    expect((await recordStatusUpdate(store.db, owner, input, AT)).kind).toBe('recorded');
    expect((await recordStatusUpdate(store.db, lead, input, AT)).kind).toBe('recorded');
  });

  it('accepts programme leads; refuses a social worker and checks input again on the server', async () => {
    const base = { actionId: action.id, rag: 'green' as const, percent: 72 };
    expect((await recordStatusUpdate(store.db, lead, base, AT)).kind).toBe('recorded');
    expect(await recordStatusUpdate(store.db, socialWorker, base, AT)).toMatchObject({
      kind: 'refused',
      reason: 'not_allowed',
    });
    expect(await recordStatusUpdate(store.db, owner, { ...base, percent: 250 } as never, AT)).toMatchObject({
      kind: 'refused',
      reason: 'invalid',
      message: 'Percent complete must be from 0 to 100.',
    });
    expect(
      await recordStatusUpdate(store.db, owner, { ...base, evidenceUrl: 'javascript:alert(1)' }, AT),
    ).toMatchObject({ kind: 'refused', reason: 'invalid' });
  });

  it('done completes the action; a completed action takes no more updates', async () => {
    const done = await recordStatusUpdate(
      store.db,
      owner,
      { actionId: action.id, rag: 'green', percent: 100, narrative: 'Signed off' },
      AT,
      { kind: 'done' },
    );
    expect(done).toMatchObject({ kind: 'recorded', action: { state: 'complete' } });
    const after = await recordStatusUpdate(
      store.db,
      owner,
      { actionId: action.id, rag: 'green', percent: 100 },
      AT,
    );
    expect(after).toMatchObject({ kind: 'refused', reason: 'closed' });
  });

  it('returns the action as stored; the repeat of a done submit is that submit, not a refusal', async () => {
    const other = (await findActionByRef(store.db, orgId, '8c'))!;
    const input = { actionId: other.id, rag: 'green' as const, percent: 100, idempotencyKey: newId() };
    const done = await recordStatusUpdate(store.db, owner, input, AT, { kind: 'done' });
    expect(done.kind).toBe('recorded');
    if (done.kind !== 'recorded') return;
    expect(done.action).toEqual(await findActionByRef(store.db, orgId, '8c'));
    const again = await recordStatusUpdate(store.db, owner, input, AT, { kind: 'done' });
    expect(again).toMatchObject({ kind: 'duplicate', update: { id: done.update.id } });
  });

  it('rolls everything back when a write in the same transaction fails', async () => {
    const other = (await findActionByRef(store.db, orgId, '7f'))!;
    const count = async () =>
      (await store.db.selectFrom('status_updates').select('id').where('action_id', '=', other.id).execute())
        .length;
    const before = await count();
    await expect(
      recordStatusUpdate(store.db, owner, { actionId: other.id, rag: 'red', percent: 5 }, AT, {
        alsoInTransaction: async () => {
          throw new Error('outbox unavailable');
        },
      }),
    ).rejects.toThrow('outbox unavailable');
    expect(await count()).toBe(before);
    expect((await findActionByRef(store.db, orgId, '7f'))?.rag).toBe(other.rag);
  });
});
