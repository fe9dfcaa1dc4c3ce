import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveViewer } from '../../../src/access/viewer.js';
import type { Store } from '../../../src/db/connect.js';
import type { TabMyActions, TabUpdateResult } from '../../../src/http/tab-api.types.js';
import type { ManualClock } from '../../../src/shared/clock.js';
import { delegateAction } from '../../../src/updates/delegation.service.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { startTabServer, type TabServer } from '../../support/tab-server.js';

describeStores('tab API: my actions and updates', (kind) => {
  let store: Store;
  let tab: TabServer;
  let ownerToken: string;
  beforeAll(async () => {
    store = await testStore(kind);
    tab = await startTabServer(store);
    ownerToken = await tab.tokenFor(SAMPLE.owner);
  });
  afterAll(() => tab.close());

  const get = (path: string, token?: string) =>
    fetch(`${tab.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const post = (path: string, body: unknown, token: string | undefined = ownerToken) =>
    fetch(`${tab.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const myActions = async (token = ownerToken) =>
    (await (await get('/api/tab/my-actions', token)).json()) as TabMyActions;
  const actionByRef = async (ref: string) =>
    (await store.db
      .selectFrom('actions')
      .selectAll()
      .where('org_id', '=', tab.orgId)
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow())!;
  /** Everything an update writes, to prove a refused one changed nothing. */
  const footprint = async () => ({
    updates: (
      await store.db.selectFrom('status_updates').select('id').where('org_id', '=', tab.orgId).execute()
    ).length,
    audit: (await store.db.selectFrom('audit_log').select('id').where('org_id', '=', tab.orgId).execute())
      .length,
    actions: await store.db
      .selectFrom('actions')
      .select(['ref', 'rag', 'percent', 'state', 'updated_at'])
      .where('org_id', '=', tab.orgId)
      .orderBy('ref')
      .execute(),
  });

  it("lists the signed-in person's actions, soonest due first, with due status and permissions", async () => {
    const data = await myActions();
    expect(data.person.name).toContain('Principal Social Worker');
    expect(data.today).toBe('2020-03-16');
    expect(data.actions.map((a) => a.ref)).toEqual([
      '1d',
      '7c',
      '10e',
      '7f',
      '8c',
      '3d',
      '6e',
      '7b',
      '8d',
      '8e',
    ]);
    expect(data.actions[0]).toMatchObject({
      ref: '1d',
      dueDate: '2020-03-31',
      due: { kind: 'upcoming', label: 'due in 11 working days' },
      status: 'No update yet',
      canUpdate: true,
      history: [],
    });
  });

  it('records an update through the same service as the card, shows it, and records a resubmit once', async () => {
    const action = await actionByRef('7c');
    const body = {
      actionId: action.id,
      rag: 'amber',
      percent: 60,
      narrative: 'Comms plan **signed off** <b>by the DCS</b>',
      evidenceUrl: 'https://intranet.example.org/comms',
      blockers: '',
      idempotencyKey: 'tab-form-1',
    };
    const first = await post(`/api/tab/actions/${action.id}/updates`, body);
    expect(first.status).toBe(200);
    const result = (await first.json()) as TabUpdateResult;
    expect(result.outcome).toBe('recorded');
    expect(result.message).toBe('7c recorded: Amber (at risk), 60% at 09:30.');
    expect(result.action?.history[0]).toMatchObject({
      kind: 'update',
      rag: 'amber',
      percent: 60,
      narrative: 'Comms plan **signed off** <b>by the DCS</b>',
      author: expect.stringContaining('Principal Social Worker'),
    });
    const before = await footprint();
    const again = (await (
      await post(`/api/tab/actions/${action.id}/updates`, body)
    ).json()) as TabUpdateResult;
    expect(again.outcome).toBe('duplicate');
    expect(await footprint()).toEqual(before);
    expect((await actionByRef('7c')).rag).toBe('amber');
    const audit = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', tab.orgId)
      .where('entity_id', '=', action.id)
      .where('change', 'like', 'status_%')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('records *On track* in one tap as the card does (green, percent unchanged), once per key', async () => {
    const action = await actionByRef('7c');
    const path = `/api/tab/actions/${action.id}/on-track`;
    (tab.app.clock as ManualClock).advance(60_000);
    const result = (await (await post(path, { idempotencyKey: 'tap-1' })).json()) as TabUpdateResult;
    expect(result).toMatchObject({
      outcome: 'recorded',
      message: '7c recorded as on track (unchanged 60%) at 09:31.',
    });
    expect(result.action?.history[0]).toMatchObject({ kind: 'on_track', rag: 'green', percent: 60 });
    const before = await footprint();
    expect(((await (await post(path, { idempotencyKey: 'tap-1' })).json()) as TabUpdateResult).outcome).toBe(
      'duplicate',
    );
    const refusals: [string, unknown, string | undefined, number][] = [
      [path, { idempotencyKey: 'tap-2', rag: 'red' }, undefined, 400],
      [path, {}, undefined, 400],
      [path, { idempotencyKey: 'tap-3' }, await tab.tokenFor(SAMPLE.socialWorker), 403],
      [
        `/api/tab/actions/${(await actionByRef('1a')).id}/on-track`,
        { idempotencyKey: 'tap-4' },
        undefined,
        403,
      ],
      [
        '/api/tab/actions/00000000-0000-4000-8000-000000000000/on-track',
        { idempotencyKey: 'tap-5' },
        undefined,
        403,
      ],
    ];
    for (const [p, body, token, status] of refusals)
      expect((await post(p, body, token ?? ownerToken)).status).toBe(status);
    expect(await footprint()).toEqual(before);
  });

  it('records *Done* as the card does (green, 100%, what was delivered) and completes the action', async () => {
    const action = await actionByRef('8e');
    const path = `/api/tab/actions/${action.id}/done`;
    const before = await footprint();
    const refusals: [unknown, string | undefined, number, RegExp][] = [
      [{ idempotencyKey: 'd-0', narrative: '  ' }, undefined, 400, /Say what was delivered/],
      [
        { idempotencyKey: 'd-0', narrative: 'x', evidenceUrl: 'file:///etc/passwd' },
        undefined,
        400,
        /web address/,
      ],
      [{ idempotencyKey: 'd-0', narrative: 'x', percent: 10 }, undefined, 400, /could not be read/],
      [
        { idempotencyKey: 'd-0', narrative: 'x' },
        await tab.tokenFor(SAMPLE.socialWorker),
        403,
        /not one you can update/,
      ],
    ];
    for (const [body, token, status, message] of refusals) {
      const res = await post(path, body, token ?? ownerToken);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    expect(await footprint()).toEqual(before);
    const body = {
      idempotencyKey: 'd-1',
      narrative: 'Signed off at the board',
      evidenceUrl: 'https://x.example/m',
    };
    const result = (await (await post(path, body)).json()) as TabUpdateResult;
    expect(result).toMatchObject({ outcome: 'recorded', message: '8e recorded as done at 09:31.' });
    expect(result.action).toMatchObject({ state: 'complete', status: 'Complete', due: { kind: 'complete' } });
    expect(result.action?.history[0]).toMatchObject({ kind: 'done', rag: 'green', percent: 100 });
    expect(((await (await post(path, body)).json()) as TabUpdateResult).outcome).toBe('duplicate');
    const again = await post(path, { ...body, idempotencyKey: 'd-2' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { message: string }).message).toBe(
      '8e is complete, so it takes no more updates.',
    );
  });

  it('refuses requests without a token, with an expired token, or for another app or tenant', async () => {
    const cases: [string | undefined, number, string][] = [
      [undefined, 401, 'Sign-in required: no Teams token was sent.'],
      [
        await tab.tokenFor(SAMPLE.owner, { expiresIn: -600 }),
        401,
        'Your sign-in has expired: reload the tab.',
      ],
      [
        await tab.tokenFor(SAMPLE.owner, { aud: 'api://evil.example.org/other-app' }),
        401,
        'The Teams token was issued for another app.',
      ],
      [
        await tab.tokenFor(SAMPLE.owner, { tid: 'another-tenant' }),
        403,
        'Your organisation is not set up to use this app.',
      ],
      [
        await tab.tokenFor(SAMPLE.owner, { foreignKey: true }),
        401,
        'The Teams token signature is not valid.',
      ],
    ];
    for (const [token, status, message] of cases) {
      const res = await get('/api/tab/my-actions', token);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { message: string }).message).toBe(message);
    }
  });

  it('refuses an update, *On track* or *Done* sent with an expired token or one for another app or tenant, and changes nothing', async () => {
    const mine = await actionByRef('8d');
    const body = { actionId: mine.id, rag: 'green', percent: 10, evidence: 'x', idempotencyKey: 'bad-token' };
    const before = await footprint();
    const cases: [string, number][] = [
      [await tab.tokenFor(SAMPLE.owner, { expiresIn: -600 }), 401],
      [await tab.tokenFor(SAMPLE.owner, { aud: 'api://evil.example.org/other-app' }), 401],
      [await tab.tokenFor(SAMPLE.owner, { tid: 'another-tenant' }), 403],
      [await tab.tokenFor(SAMPLE.owner, { foreignKey: true }), 401],
    ];
    for (const [token, status] of cases)
      for (const verb of ['updates', 'on-track', 'done']) {
        const res = await post(`/api/tab/actions/${mine.id}/${verb}`, body, token);
        expect(res.status, verb).toBe(status);
        expect(((await res.json()) as { message: string }).message).toBeTruthy();
      }
    expect(await footprint()).toEqual(before);
  });

  it('refuses a valid token of someone not on the roster', async () => {
    const res = await get('/api/tab/my-actions', await tab.tokenFor(SAMPLE.stranger));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toContain('not on this plan');
  });

  it("refuses an owner asking for another person's actions, and lets a programme lead see them", async () => {
    const dcs = await tab.personId(SAMPLE.dcs);
    const refusedRes = await get(`/api/tab/my-actions?person=${dcs}`, ownerToken);
    expect(refusedRes.status).toBe(403);
    const owner = await tab.personId(SAMPLE.owner);
    const lead = await get(`/api/tab/my-actions?person=${owner}`, await tab.tokenFor(SAMPLE.lead));
    expect(lead.status).toBe(200);
    expect(((await lead.json()) as TabMyActions).actions).toHaveLength(10);
  });

  it('refuses tampered updates with a clear message and changes nothing', async () => {
    const mine = await actionByRef('8d');
    const notMine = await actionByRef('1a');
    const valid = { actionId: mine.id, rag: 'green', percent: 10, idempotencyKey: 'tampered' };
    const before = await footprint();
    const cases: [string, unknown, number, RegExp, string?][] = [
      [mine.id, { ...valid, actionId: notMine.id }, 400, /different action/],
      [notMine.id, { ...valid, actionId: notMine.id }, 403, /not one you can update/],
      [mine.id, { ...valid, rag: 'purple' }, 400, /Choose a status/],
      [mine.id, { ...valid, percent: 250 }, 400, /from 0 to 100/],
      [mine.id, { ...valid, percent: '50' }, 400, /must be a number/],
      [mine.id, { ...valid, narrative: 'x'.repeat(20_000) }, 400, /at most 2,000 characters/],
      [mine.id, { ...valid, evidenceUrl: 'javascript:alert(1)' }, 400, /web address/],
      [mine.id, { ...valid, actionId: 'not-a-uuid' }, 400, /does not exist/],
      ['not-a-uuid', valid, 404, /Unknown action/],
      [mine.id, valid, 403, /not on this plan/, await tab.tokenFor(SAMPLE.stranger)],
      [mine.id, valid, 403, /not one you can update/, await tab.tokenFor(SAMPLE.socialWorker)],
    ];
    for (const [path, body, status, message, token] of cases) {
      const res = await post(`/api/tab/actions/${path}/updates`, body, token ?? ownerToken);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    const noToken = await post(`/api/tab/actions/${mine.id}/updates`, valid, '');
    expect(noToken.status).toBe(401);
    expect(await footprint()).toEqual(before);
  });

  it("lists the plan's priority areas for the configuration page, to anyone on the roster only", async () => {
    const res = await get('/api/tab/areas', ownerToken);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { areas: string[] }).areas).toEqual([
      'Social Work Practice',
      'Workforce Capacity',
    ]);
    expect((await get('/api/tab/areas')).status).toBe(401);
    expect((await get('/api/tab/areas', await tab.tokenFor(SAMPLE.stranger))).status).toBe(403);
  });

  it('refuses the development sign-in unless ENV=local', async () => {
    const res = await fetch(`${tab.url}/api/tab/my-actions`, {
      headers: { authorization: `Dev ${SAMPLE.owner}` },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { message: string }).message).toMatch(/only available when ENV=local/);
    expect((await fetch(`${tab.url}/api/tab/dev/people`)).status).toBe(404);
  });

  it('shows a delegated action in the deputy’s My actions and takes their update, until the owner takes it back', async () => {
    const owner = (await resolveViewer(store.db, tab.orgId, SAMPLE.owner))!;
    const now = tab.app.clock.now();
    const to = { ref: '8c', to: 'cin1.duty@council.example' };
    expect((await delegateAction(store.db, owner, to, now)).kind).toBe('delegated');
    const deputy = await tab.tokenFor(SAMPLE.socialWorker);
    const delegated = (await myActions(deputy)).actions.find((a) => a.ref === '8c');
    expect(delegated?.canUpdate).toBe(true);
    const body = { actionId: delegated!.id, rag: 'amber', percent: 20, idempotencyKey: 'deputy-1' };
    const res = await post(`/api/tab/actions/${delegated!.id}/updates`, body, deputy);
    expect(res.status).toBe(200);
    expect((await actionByRef('8c')).rag).toBe('amber');

    await delegateAction(store.db, owner, { ref: '8c', to: 'me' }, now);
    expect((await myActions(deputy)).actions.map((a) => a.ref)).not.toContain('8c');
    const before = await footprint();
    const again = { ...body, rag: 'red', idempotencyKey: 'deputy-2' };
    const refused = await post(`/api/tab/actions/${delegated!.id}/updates`, again, deputy);
    expect(refused.status).toBe(403);
    expect(await footprint()).toEqual(before);
  });
});
