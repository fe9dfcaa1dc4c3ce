import { beforeAll, expect, it } from 'vitest';
import { buildDigestCard } from '../../../cards/digest.card.js';
import { addDays } from '../../../src/calendar/iso-date.js';
import type { Store } from '../../../src/db/connect.js';
import { composeDigest } from '../../../src/digest/digest.service.js';
import type { DigestView } from '../../../src/digest/digest-view.js';
import { planFigures } from '../../../src/digest/plan-figures.js';
import { listActions } from '../../../src/plan/action.repository.js';
import type { ActionView } from '../../../src/plan/action-view.js';
import { cardText } from '../../support/bot-harness.js';
import { validateCard } from '../../support/card-validation.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';
import {
  type FixtureUpdate,
  recordDateDecision,
  recordEscalation,
  recordUpdates,
  setState,
} from './digest-fixtures.js';

const IMPORTED = new Date('2020-02-03T09:00:00Z');
/** Monday 8 June 2020, 08:30 BST: the digest's moment; its week runs from 1 June 08:30 BST. */
const NOW = new Date('2020-06-08T07:30:00Z');
const WEEK_START = new Date('2020-06-01T07:30:00Z');
const TODAY = '2020-06-08';
const TZ = 'Europe/London';

/** The fixture: updates before, inside and after the digest week. */
const UPDATES: FixtureUpdate[] = [
  { ref: '1a', rag: 'green', percent: 50, at: '2020-05-20T10:00:00Z' },
  { ref: '1a', rag: 'red', percent: 40, at: '2020-06-03T10:00:00Z' },
  { ref: '1b', rag: 'amber', percent: 30, at: '2020-06-02T10:00:00Z' },
  { ref: '1c', rag: 'green', percent: 100, at: '2020-06-04T10:00:00Z', kind: 'done' },
  { ref: '2a', rag: 'green', percent: 60, at: '2020-04-01T10:00:00Z' },
  { ref: '2b', rag: 'amber', percent: 20, at: '2020-05-25T10:00:00Z' },
  { ref: '2b', rag: 'amber', percent: 25, at: '2020-06-05T10:00:00Z' },
  { ref: '2b', rag: 'amber', percent: 30, at: '2020-06-06T10:00:00Z', kind: 'on_track' },
  { ref: '3a', rag: 'green', percent: 10, at: '2020-06-08T08:00:00Z' },
  { ref: '3b', rag: 'red', percent: 5, at: '2020-06-01T07:30:00Z' },
  { ref: '3c', rag: 'amber', percent: 5, at: '2020-06-01T07:29:59Z' },
];

/** England bank holidays between March and August 2020, written out by hand for the independent count. */
const HOLIDAYS = new Set(['2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25']);
function workingDaysOverdue(due: string, today: string): number {
  let n = 0;
  for (let d = addDays(due, 1); d <= today; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6 && !HOLIDAYS.has(d)) n++;
  }
  return Math.max(1, n);
}

describeStores('weekly digest figures', (kind) => {
  let store: Store;
  let orgId: string;
  let digest: DigestView;
  let actions: ActionView[];
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store, IMPORTED);
    // 3a's update comes after the digest moment: it does not exist yet when the digest is made, so it is left out.
    await recordUpdates(
      store.db,
      orgId,
      UPDATES.filter((u) => new Date(u.at) <= NOW),
    );
    await setState(store.db, orgId, '10e', 'withdrawn', new Date('2020-05-01T09:00:00Z'));
    await recordEscalation(store.db, orgId, '1a', '2020-05-31', 20); // 8 days before: last week's digest had it
    await recordEscalation(store.db, orgId, '1b', '2020-06-01', 21);
    await recordEscalation(store.db, orgId, '2a', '2020-06-07', 23);
    await recordEscalation(store.db, orgId, '2b', '2020-06-08', 24); // today: next week's digest
    await recordDateDecision(
      store.db,
      orgId,
      '4a',
      { from: '2020-05-29', to: '2020-07-31' },
      'approved',
      '2020-06-02T10:00:00Z',
    );
    await recordDateDecision(
      store.db,
      orgId,
      '4b',
      { from: '2020-05-29', to: '2020-08-31' },
      'declined',
      '2020-06-02T11:00:00Z',
    );
    await recordDateDecision(
      store.db,
      orgId,
      '4c',
      { from: '2020-05-29', to: '2020-09-30' },
      'approved',
      '2020-05-30T10:00:00Z',
    );
    digest = await composeDigest(store.db, orgId, { now: NOW, timeZone: TZ, minGroup: 5 });
    actions = await listActions(store.db, orgId);
  });

  it('headline counts match an independent count and add up to the total', () => {
    const live = actions.filter((a) => a.state !== 'withdrawn');
    const open = live.filter((a) => a.state === 'open');
    const staleBefore = new Date('2020-05-08T23:00:00Z'); // 9 May 2020 00:00 BST = 30 days before 8 June
    const h = digest.headline;
    expect(h).toEqual({
      total: live.length,
      onTrack: open.filter((a) => a.rag === 'green').length,
      atRisk: open.filter((a) => a.rag === 'amber').length,
      offTrack: open.filter((a) => a.rag === 'red').length,
      noUpdateYet: open.filter((a) => a.rag === null).length,
      complete: live.filter((a) => a.state === 'complete').length,
      overdue: open.filter((a) => a.dueDate < TODAY).length,
      stale: open.filter((a) => (a.lastUpdateAt ?? IMPORTED) < staleBefore).length,
      withdrawn: 1,
    });
    expect(h.total).toBe(49);
    expect(h.onTrack + h.atRisk + h.offTrack + h.noUpdateYet + h.complete).toBe(h.total);
    expect([h.onTrack, h.atRisk, h.offTrack, h.complete]).toEqual([1, 3, 2, 1]);
  });

  it('per priority area figures add up to the headline', () => {
    const sum = (k: keyof DigestView['headline']) => digest.areas.reduce((s, a) => s + a.counts[k], 0);
    for (const k of Object.keys(digest.headline) as (keyof DigestView['headline'])[]) {
      expect(sum(k), k).toBe(digest.headline[k]);
    }
    for (const area of digest.areas) {
      const mine = actions.filter((a) => a.priorityArea === area.name && a.state !== 'withdrawn');
      expect(area.counts.total, area.name).toBe(mine.length);
    }
  });

  it('lists every overdue action, most overdue first, with working days overdue', () => {
    const expected = actions.filter((a) => a.state === 'open' && a.dueDate < TODAY);
    expect(digest.overdue.map((a) => a.ref).sort()).toEqual(expected.map((a) => a.ref).sort());
    for (const a of digest.overdue) expect(a.daysOverdue, a.ref).toBe(workingDaysOverdue(a.dueDate, TODAY));
    const days = digest.overdue.map((a) => a.daysOverdue ?? 0);
    expect(days).toEqual([...days].sort((x, y) => y - x));
  });

  it('lists open actions due from today to 14 days ahead', () => {
    const limit = addDays(TODAY, 14);
    const expected = actions.filter((a) => a.state === 'open' && a.dueDate >= TODAY && a.dueDate <= limit);
    expect(digest.dueSoon.map((a) => a.ref).sort()).toEqual(expected.map((a) => a.ref).sort());
  });

  it('counts the changes of the week: updates, actions updated, completions and RAG changes', () => {
    const inWeek = UPDATES.filter((u) => new Date(u.at) >= WEEK_START && new Date(u.at) < NOW);
    expect(digest.changes.updates).toBe(inWeek.length);
    expect(digest.changes.actionsUpdated).toBe(new Set(inWeek.map((u) => u.ref)).size);
    expect(digest.changes.completed.map((a) => a.ref)).toEqual(['1c']);
    const changes = digest.changes.ragChanges.map((c) => `${c.action.ref}:${c.from}>${c.to}`);
    expect(changes.sort()).toEqual(['1a:green>red', '1b:null>amber', '1c:null>green', '3b:null>red']);
    expect(digest.changes.since).toBe('2020-06-01');
  });

  it('lists the escalations of the seven days before today and the new dates approved in the week', () => {
    expect(
      digest.changes.escalations.map((e) => [e.action.ref, e.escalatedOn, e.workingDaysOverdue]),
    ).toEqual([
      ['1b', '2020-06-01', 21],
      ['2a', '2020-06-07', 23],
    ]);
    expect(digest.changes.newDates.map((d) => [d.action.ref, d.from, d.to])).toEqual([
      ['4a', '2020-05-29', '2020-07-31'],
    ]);
  });

  it('limits every figure to the subscribed priority areas', async () => {
    const area = digest.areas[0]!.name;
    const limited = await composeDigest(store.db, orgId, {
      now: NOW,
      timeZone: TZ,
      minGroup: 5,
      priorityAreas: [area.toUpperCase()],
    });
    expect(limited.areas.map((a) => a.name)).toEqual([area]);
    expect(limited.headline).toEqual(digest.areas[0]!.counts);
    expect(limited.overdue.every((a) => a.priorityArea === area)).toBe(true);
  });

  it('renders a valid card showing these figures', () => {
    const card = buildDigestCard(digest, 5);
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    const h = digest.headline;
    expect(text).toContain(
      `**${h.total} actions**: ${h.onTrack} on track, ${h.atRisk} at risk, ${h.offTrack} off track, ${h.complete} complete; ${h.overdue} overdue; ${h.stale} with no update in 30 days.`,
    );
    expect(text).toContain(`Overdue (${digest.overdue.length})`);
    expect(text).toContain(
      `${digest.changes.updates} updates on ${digest.changes.actionsUpdated} actions; 1 completed.`,
    );
    expect(text).toContain('Escalated to the programme leads (2):');
    expect(text).toContain('New date for **4a**');
  });

  it('the tab and the export read the same figures (planFigures)', async () => {
    const figures = await planFigures(store.db, orgId, TODAY, { timeZone: TZ });
    expect(figures.headline).toEqual(digest.headline);
    expect(figures.actions).toHaveLength(actions.length);
  });
});

describeStores('a plan with zero actions', (kind) => {
  it('gives zero figures and empty lists, not an error', async () => {
    const store = await testStore(kind);
    const orgId = await createOrg(store);
    const view = await composeDigest(store.db, orgId, { now: NOW, timeZone: TZ, minGroup: 5 });
    expect(view.headline.total).toBe(0);
    expect(view.areas).toEqual([]);
    expect(view.overdue).toEqual([]);
    expect(view.changes.updates).toBe(0);
    expect(view.planName).toBe('Improvement plan');
  });
});
