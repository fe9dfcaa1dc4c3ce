import { beforeAll, expect, it } from 'vitest';
import { resolveViewer } from '../../../src/access/viewer.js';
import type { Store } from '../../../src/db/connect.js';
import { DataGeneration } from '../../../src/db/data-generation.js';
import { watchWrites } from '../../../src/db/write-watch.plugin.js';
import { findPersonByAad } from '../../../src/people/people.repository.js';
import { findActionByRef, listActionsFor } from '../../../src/plan/action.repository.js';
import { importPlan } from '../../../src/plan/import-files.js';
import { newId } from '../../../src/shared/ids.js';
import { recordStatusUpdate } from '../../../src/updates/status-update.service.js';
import { MATRIX_PEOPLE, matrixOrg } from '../../support/matrix-org.js';
import { textSource } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

const NOW = new Date('2020-03-16T09:30:00Z');

/** The matrix plan: 1a (DCS), 1d (Head of S&I / Head of Comms), 11d (HR, held by the matrix owner). */
describeStores('listActionsFor: the actions a person acts for', (kind) => {
  let store: Store;
  let orgId: string;
  const personId = async (who: keyof typeof MATRIX_PEOPLE) =>
    (await findPersonByAad(store.db, orgId, MATRIX_PEOPLE[who]))!.id;
  const refsFor = async (who: keyof typeof MATRIX_PEOPLE) =>
    (await listActionsFor(store.db, orgId, await personId(who))).map((a) => a.ref);
  const actionId = async (ref: string) => (await findActionByRef(store.db, orgId, ref))!.id;

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await matrixOrg(store);
  });

  it('gives an owner the actions of the roles they hold, with the whole view', async () => {
    const [action] = await listActionsFor(store.db, orgId, await personId('owner'));
    expect(action).toMatchObject({ ref: '11d', ownerRoles: ['HR'], state: 'open' });
    expect(action?.text).toContain('Rolling recruitment campaign');
    expect(await refsFor('owner')).toEqual(['11d']);
  });

  it("gives the owner's roster delegate the same actions", async () => {
    expect(await refsFor('delegate')).toEqual(['11d']);
  });

  it('gives someone with no role nothing, and adds an action delegated to them until it is revoked', async () => {
    expect(await refsFor('lead')).toEqual([]);
    const id = newId();
    await store.db
      .insertInto('action_delegations')
      .values({
        id,
        action_id: await actionId('1a'),
        owner_person_id: await personId('owner'),
        delegate_person_id: await personId('lead'),
        created_at: NOW,
      })
      .execute();
    expect(await refsFor('lead')).toEqual(['1a']);
    await store.db.updateTable('action_delegations').set({ revoked_at: NOW }).where('id', '=', id).execute();
    expect(await refsFor('lead')).toEqual([]);
  });

  it('leaves out a withdrawn action', async () => {
    await store.db
      .updateTable('actions')
      .set({ state: 'withdrawn' })
      .where('id', '=', await actionId('11d'))
      .execute();
    expect(await refsFor('owner')).toEqual([]);
  });
});

describeStores('listActionsFor through the app store: cached until what it shows changes', (kind) => {
  let store: Store;
  let orgId: string;
  let db: Store['db'];
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await matrixOrg(store);
    db = watchWrites(store.db, new DataGeneration({ heard: true }));
  });

  it('shows a status update recorded through the app at once', async () => {
    const owner = (await resolveViewer(db, orgId, MATRIX_PEOPLE.owner))!;
    const [before] = await listActionsFor(db, orgId, owner.person.id);
    expect(before).toMatchObject({ ref: '11d', rag: null, percent: null });
    const input = { actionId: before!.id, rag: 'amber' as const, percent: 40, idempotencyKey: newId() };
    expect((await recordStatusUpdate(db, owner, input, NOW)).kind).toBe('recorded');
    const [after] = await listActionsFor(db, orgId, owner.person.id);
    expect(after).toMatchObject({ ref: '11d', rag: 'amber', percent: 40, lastUpdateAt: NOW });
  });

  it('shows a plan re-imported through the app at once (the import writes with raw SQL)', async () => {
    const owner = (await resolveViewer(db, orgId, MATRIX_PEOPLE.owner))!;
    expect((await listActionsFor(db, orgId, owner.person.id))[0]?.text).not.toContain('and managers');
    const plan = [
      'Priority Area,Objective No,Objective,Action,By Whom,By When,Monitoring',
      'Workforce Capacity,11,There is a sustainable plan to ensure the sufficiency of social workers in the long-term.,d) Rolling recruitment campaign for permanent Social Workers and managers.,HR,April 2020,',
    ].join('\n');
    await importPlan(
      db,
      orgId,
      textSource('plan.csv', plan),
      { actor: 'test', planName: 'Matrix plan' },
      NOW,
    );
    expect((await listActionsFor(db, orgId, owner.person.id))[0]?.text).toContain('and managers');
  });

  it('shows an action delegated through the app at once', async () => {
    const lead = (await resolveViewer(db, orgId, MATRIX_PEOPLE.lead))!;
    expect(await listActionsFor(db, orgId, lead.person.id)).toEqual([]);
    const owner = (await resolveViewer(db, orgId, MATRIX_PEOPLE.owner))!;
    const [action] = await listActionsFor(db, orgId, owner.person.id);
    await db
      .insertInto('action_delegations')
      .values({
        id: newId(),
        action_id: action!.id,
        owner_person_id: owner.person.id,
        delegate_person_id: lead.person.id,
        created_at: NOW,
      })
      .execute();
    expect((await listActionsFor(db, orgId, lead.person.id)).map((a) => a.ref)).toEqual(['11d']);
  });
});
