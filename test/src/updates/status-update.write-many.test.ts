import { beforeAll, expect, it } from 'vitest';
import { resolveViewer, type Viewer } from '../../../src/access/viewer.js';
import { listAudit } from '../../../src/audit/audit.repository.js';
import type { Store } from '../../../src/db/connect.js';
import { findActionByRef, listActionsFor } from '../../../src/plan/action.repository.js';
import type { ActionView } from '../../../src/plan/action-view.js';
import { newId } from '../../../src/shared/ids.js';
import { rowOf, type UpdateToWrite } from '../../../src/updates/status-update.rows.js';
import { recordStatusUpdate } from '../../../src/updates/status-update.service.js';
import { writeMany } from '../../../src/updates/status-update.write-many.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';

const AT = new Date('2020-03-20T10:00:00Z');
const LATER = new Date('2020-03-20T10:00:05Z');

const update = (over: Partial<UpdateToWrite> = {}): UpdateToWrite => ({
  id: newId(),
  kind: 'update',
  rag: 'amber',
  percent: 40,
  narrative: null,
  evidenceUrl: null,
  blockers: null,
  key: newId(),
  ...over,
});

describeStores('writeMany', (kind) => {
  let store: Store;
  let orgId: string;
  let owner: Viewer;
  const action = (ref: string) => findActionByRef(store.db, orgId, ref) as Promise<ActionView>;
  const rowsOf = (actionId: string) =>
    store.db.selectFrom('status_updates').selectAll().where('action_id', '=', actionId).execute();

  const statusAudit = async (actionId: string) =>
    (await listAudit(store.db, orgId, 'action', actionId)).filter((e) => e.change.startsWith('status_'));

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    owner = (await resolveViewer(store.db, orgId, SAMPLE.owner))!;
  });

  it('writes each update with its audit entry; the last update of an action sets its status', async () => {
    const [a, b] = [await action('7c'), await action('7d')];
    const first = update({ rag: 'red', percent: 10, narrative: 'Started' });
    const second = update({ rag: 'green', percent: 30, narrative: 'Moving' });
    const other = update({ rag: 'amber', percent: 55 });
    const written = await writeMany(store.db, [
      rowOf(owner, a, first, AT),
      rowOf(owner, b, other, AT),
      rowOf(owner, a, second, LATER),
    ]);
    expect(written.map((w) => w?.id)).toEqual([first.id, other.id, second.id]);
    expect(await action('7c')).toMatchObject({
      rag: 'green',
      percent: 30,
      lastUpdateAt: LATER,
      state: 'open',
    });
    expect(await action('7d')).toMatchObject({ rag: 'amber', percent: 55, lastUpdateAt: AT });
    expect((await rowsOf(a.id)).map((r) => r.narrative).sort()).toEqual(['Moving', 'Started']);
    const audit = (await statusAudit(a.id)).map((e) => ({
      change: e.change,
      actor: e.actor,
      before: e.before,
      after: e.after,
    }));
    expect(audit).toEqual(
      expect.arrayContaining([
        {
          change: 'status_update',
          actor: owner.person.display_name,
          before: { rag: null, percent: null, state: 'open' },
          after: expect.objectContaining({
            updateId: first.id,
            rag: 'red',
            percent: 10,
            narrative: 'Started',
          }),
        },
        expect.objectContaining({ after: expect.objectContaining({ updateId: second.id, percent: 30 }) }),
      ]),
    );
    expect(audit).toHaveLength(2);
  });

  it('completes an action when any of its updates in the batch is done', async () => {
    const a = await action('8a');
    const done = update({ kind: 'done', rag: 'green', percent: 100 });
    await writeMany(store.db, [rowOf(owner, a, done, AT), rowOf(owner, a, update(), LATER)]);
    const after = await store.db
      .selectFrom('actions')
      .select(['state', 'completed_at'])
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ state: 'complete', completed_at: AT });
  });

  it('records a key once: a key seen before, or twice in the batch, writes nothing more', async () => {
    const a = await action('8b');
    const seen = update({ percent: 20 });
    await writeMany(store.db, [rowOf(owner, a, seen, AT)]);
    const twice = newId();
    const written = await writeMany(store.db, [
      rowOf(owner, a, { ...seen, id: newId(), percent: 90 }, LATER),
      rowOf(owner, a, update({ key: twice, percent: 60 }), LATER),
      rowOf(owner, a, update({ key: twice, percent: 70 }), LATER),
    ]);
    expect(written.map((w) => w?.percent)).toEqual([undefined, 60, undefined]);
    expect((await rowsOf(a.id)).map((r) => r.percent).sort()).toEqual([20, 60]);
    expect(await action('8b')).toMatchObject({ percent: 60 });
    expect(await statusAudit(a.id)).toHaveLength(2);
  });

  it('answers each of many submits sent at once, exactly once, through the service', async () => {
    const used = ['7c', '7d', '8a', '8b'];
    const actions = (await listActionsFor(store.db, orgId, owner.person.id))
      .filter((a) => a.state === 'open' && !used.includes(a.ref))
      .slice(0, 3);
    expect(actions).toHaveLength(3);
    const key = newId();
    const inputs = actions.flatMap((a, i) => [
      { actionId: a.id, rag: 'amber' as const, percent: 10 + i, idempotencyKey: newId() },
      { actionId: a.id, rag: 'green' as const, percent: 20 + i, idempotencyKey: i === 0 ? key : newId() },
    ]);
    inputs.push({ ...inputs[1]!, percent: 99 });
    const results = await Promise.all(inputs.map((input) => recordStatusUpdate(store.db, owner, input, AT)));
    expect(results.map((r) => r.kind)).toEqual([...Array(6).fill('recorded'), 'duplicate']);
    for (const [i, a] of actions.entries()) {
      expect((await rowsOf(a.id)).map((r) => r.percent).sort()).toEqual([10 + i, 20 + i]);
      expect(await action(a.ref)).toMatchObject({ rag: 'green', percent: 20 + i });
    }
  });
});
