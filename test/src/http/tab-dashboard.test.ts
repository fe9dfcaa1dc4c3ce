import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { composeDigest } from '../../../src/digest/digest.service.js';
import type { TabDashboard } from '../../../src/http/tab-api.types.js';
import { resultsByRound } from '../../../src/pulse/pulse-results.service.js';
import '../../../src/delivery/delivery.table.js';
import type { ManualClock } from '../../../src/shared/clock.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { addSocialWorkers, closedRound } from '../../support/tab-pulse-rounds.js';
import { startTabServer, type TabServer } from '../../support/tab-server.js';

describeStores('tab API: plan dashboard and export', (kind) => {
  let store: Store;
  let tab: TabServer;
  let leadToken: string;
  beforeAll(async () => {
    store = await testStore(kind);
    tab = await startTabServer(store);
    leadToken = await tab.tokenFor(SAMPLE.lead);
    // Mid-May 2020: the March and April actions are overdue; three are updated by their owner.
    (tab.app.clock as ManualClock).set(new Date('2020-05-11T08:30:00Z'));
    const ownerToken = await tab.tokenFor(SAMPLE.owner);
    const mine = await store.db
      .selectFrom('actions')
      .select(['id', 'ref'])
      .where('org_id', '=', tab.orgId)
      .execute();
    const byRef = new Map(mine.map((a) => [a.ref, a.id]));
    for (const [ref, rag, percent] of [
      ['7c', 'green', 40],
      ['8d', 'red', 10],
      ['1d', 'amber', 70],
    ] as const) {
      (tab.app.clock as ManualClock).advance(60_000);
      const actionId = byRef.get(ref)!;
      const res = await fetch(`${tab.url}/api/tab/actions/${actionId}/updates`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ownerToken}` },
        body: JSON.stringify({ actionId, rag, percent }),
      });
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => tab.close());

  const get = async (path: string, token = leadToken) =>
    fetch(`${tab.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const dashboard = async (query = '') => (await (await get(`/api/tab/plan${query}`)).json()) as TabDashboard;

  it("shows the digest's own figures, and objective counts that add up to them", async () => {
    const data = await dashboard();
    const digest = await composeDigest(store.db, tab.orgId, {
      now: tab.app.clock.now(),
      timeZone: 'Europe/London',
      minGroup: 5,
    });
    expect(data.headline).toEqual(digest.headline);
    expect(data.headline).toMatchObject({ total: 50, onTrack: 1, atRisk: 1, offTrack: 1 });
    expect(data.areas).toEqual(digest.areas);
    expect(data.overdue.map((a) => a.ref)).toEqual(digest.overdue.map((a) => a.ref));
    expect(data.dueSoon.map((a) => a.ref)).toEqual(digest.dueSoon.map((a) => a.ref));
    for (const key of [
      'total',
      'onTrack',
      'atRisk',
      'offTrack',
      'noUpdateYet',
      'complete',
      'overdue',
    ] as const) {
      expect(
        data.objectives.reduce((n, o) => n + o.counts[key], 0),
        key,
      ).toBe(data.headline[key]);
    }
    expect(data.timeline.map((t) => `${t.ref} ${t.rag}`)).toEqual(['1d amber', '8d red', '7c green']);
    expect(data.pulse).toBeNull();
    expect(data.canExport).toBe(true);
  });

  it('filters by priority area (as the digest does), owner role and status', async () => {
    const area = (await dashboard()).areas[1]!.name;
    const byArea = await dashboard(`?area=${encodeURIComponent(area.toUpperCase())}`);
    const digest = await composeDigest(store.db, tab.orgId, {
      now: tab.app.clock.now(),
      timeZone: 'Europe/London',
      minGroup: 5,
      priorityAreas: [area],
    });
    expect(byArea.headline).toEqual(digest.headline);
    expect(byArea.filters.selected.areas).toEqual([area]);
    const both = (await dashboard()).areas.map((a) => a.name);
    const fromDigest = await dashboard(`?${both.map((a) => `area=${encodeURIComponent(a)}`).join('&')}`);
    expect(fromDigest.filters.selected.areas).toEqual(both);
    expect(fromDigest.headline).toEqual((await dashboard()).headline);
    const red = await dashboard('?status=offTrack');
    expect(red.objectives.map((o) => o.counts.total)).toEqual([1]);
    expect(red.timeline.map((t) => t.ref)).toEqual(['8d']);
    const overdue = await dashboard('?status=overdue');
    expect(overdue.overdue.length).toBeGreaterThan(0);
    expect(overdue.objectives.reduce((n, o) => n + o.counts.total, 0)).toBe(overdue.headline.overdue);
    const role = (await dashboard()).filters.roles.find((r) => r.code)!.code;
    const byRole = await dashboard(`?role=${encodeURIComponent(role)}`);
    const actions = await store.db
      .selectFrom('action_owner_roles as r')
      .innerJoin('actions as a', 'a.id', 'r.action_id')
      .select('a.ref')
      .where('a.org_id', '=', tab.orgId)
      .where('r.role_code', '=', role)
      .execute();
    const refs = new Set(actions.map((a) => a.ref));
    for (const row of [...byRole.overdue, ...byRole.dueSoon]) expect(refs.has(row.ref), row.ref).toBe(true);
    expect(byRole.objectives.reduce((n, o) => n + o.counts.total, 0)).toBe(refs.size);
  });

  it('refuses owners, strangers, unknown areas and unknown filters', async () => {
    const cases: [string, string, number, RegExp][] = [
      ['', await tab.tokenFor(SAMPLE.owner), 403, /programme leads/],
      ['', await tab.tokenFor(SAMPLE.stranger), 403, /not on this plan/],
      ['?area=Nowhere', leadToken, 400, /no priority area called "Nowhere"/],
      ['?status=purple', leadToken, 400, /Unknown status filter/],
      ['?person=someone', leadToken, 400, /Unrecognized key/],
    ];
    for (const [query, token, status, message] of cases) {
      const res = await get(`/api/tab/plan${query}`, token);
      expect(res.status, query).toBe(status);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
  });

  it('charts Health Check statements over closed rounds, with suppressed figures left out', async () => {
    const people = await addSocialWorkers(store, tab.orgId, 12);
    await closedRound(store, tab.orgId, people, {
      opensOn: '2020-05-11',
      answering: 10,
      closeAt: '2020-05-16T00:05:00Z',
    });
    await closedRound(store, tab.orgId, people, {
      opensOn: '2020-06-08',
      answering: 3,
      closeAt: '2020-06-13T00:05:00Z',
    });
    (tab.app.clock as ManualClock).set(new Date('2020-06-15T08:30:00Z'));
    const { pulse } = await dashboard();
    const results = await resultsByRound(store.db, tab.orgId, 5);
    expect(pulse?.rounds.map((r) => r.name)).toEqual(results.map((r) => r.round.name));
    expect(pulse?.rounds[0]?.responseRate).toBe(results[0]!.round.responseRate);
    expect(pulse?.rounds[1]?.responseRate).toBeNull();
    expect(pulse?.statements.length).toBe(results[0]!.statements.length);
    pulse?.statements.forEach((s, j) => {
      expect(s.values[0], s.text).toBe(results[0]!.statements[j]!.percentAgree);
      expect(s.values[1], s.text).toBeNull();
    });
  });

  it('lists the people the bot cannot reach, as the digest does', async () => {
    const owner = await tab.personId(SAMPLE.owner);
    await store.db
      .insertInto('outbox')
      .values({
        org_id: tab.orgId,
        idempotency_key: `reminder:tab-test:${owner}`,
        kind: 'reminder',
        person_id: owner,
        conversation_ref_id: null,
        payload: JSON.stringify({ type: 'message' }),
        state: 'failed',
        failure_kind: 'unreachable',
        last_status: 403,
        last_error: 'bot blocked',
        next_attempt_at: tab.app.clock.now(),
        created_at: tab.app.clock.now(),
      })
      .execute();
    const data = await dashboard();
    expect(data.unreachable).toEqual([
      {
        name: expect.stringContaining('Principal Social Worker'),
        kind: 'person',
        why: 'has blocked the bot or removed the app',
      },
    ]);
  });

  it('exports XLSX and CSV for leads, refuses owners and bad requests', async () => {
    const xlsx = await get('/api/tab/export?format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    expect(xlsx.headers.get('content-disposition')).toMatch(
      /attachment; filename="plan-\d{4}-\d\d-\d\d\.xlsx"/,
    );
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const area = (await dashboard()).areas[1]!.name;
    const oneArea = await get(`/api/tab/export?format=csv&area=${encodeURIComponent(area)}`);
    expect(oneArea.status).toBe(200);
    const csv = await get('/api/tab/export?format=csv');
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\n').length;
    expect(lines).toBeGreaterThan(50);
    expect((await oneArea.text()).trim().split('\n').length).toBeLessThan(lines);
    const cases: [string, string, number, RegExp][] = [
      ['?format=xlsx', await tab.tokenFor(SAMPLE.owner), 403, /Exports are for/],
      ['?format=pdf', leadToken, 400, /format: expected xlsx or csv/],
      ['?format=xlsx&from=2020-13-45', leadToken, 400, /YYYY-MM-DD/],
      ['?format=xlsx&to=2030-01-01', leadToken, 400, /after today/],
    ];
    for (const [query, token, status, message] of cases) {
      const res = await get(`/api/tab/export${query}`, token);
      expect(res.status, query).toBe(status);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    expect((await fetch(`${tab.url}/api/tab/export?format=xlsx`)).status).toBe(401);
  });
});
