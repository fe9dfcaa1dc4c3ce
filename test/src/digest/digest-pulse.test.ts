import { beforeAll, expect, it } from 'vitest';
import { buildDigestCard } from '../../../cards/digest.card.js';
import type { Store } from '../../../src/db/connect.js';
import { composeDigest } from '../../../src/digest/digest.service.js';
import type { DigestView } from '../../../src/digest/digest-view.js';
import { openRound } from '../../../src/pulse/round.service.js';
import { closeRound } from '../../../src/pulse/round-close.service.js';
import { cardText } from '../../support/bot-harness.js';
import { answerAll, type SimPerson, simulatedAnswer, socialWorkerOrg } from '../../support/pulse-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

const TZ = 'Europe/London';

/** % agreeing (4 or 5) of those who gave a view (1–5), counted here from the answers the fixture gives. */
function percentAgree(people: number, statement: number): number {
  const values = Array.from({ length: people }, (_, i) => simulatedAnswer(i, statement)).filter((v) => v > 0);
  return Math.round((100 * values.filter((v) => v >= 4).length) / values.length);
}

describeStores('digest Health Check section', (kind) => {
  let store: Store;
  let orgId: string;
  let people: SimPerson[];

  async function round(opensOn: string, answering: number, closeAt: string) {
    const opened = await openRound(
      store.db,
      orgId,
      { actor: 'test' },
      { today: opensOn, openDays: 5, minGroup: 5 },
      new Date(`${opensOn}T09:00:00Z`),
    );
    await answerAll(store, orgId, opened.id, people.slice(0, answering), opensOn);
    await closeRound(store.db, orgId, opened.id, 'test', new Date(closeAt));
  }
  const digestAt = (iso: string) =>
    composeDigest(store.db, orgId, { now: new Date(iso), timeZone: TZ, minGroup: 5 });

  beforeAll(async () => {
    store = await testStore(kind);
    ({ orgId, people } = await socialWorkerOrg(store, { A: 12, B: 8 }));
  });

  it('says no round has closed before the first one closes', async () => {
    const view = await digestAt('2025-10-06T07:30:00Z');
    expect(view.pulse).toBeNull();
    expect(cardText(buildDigestCard(view, 5))).toContain('No Health Check round has closed yet.');
  });

  it('shows the latest round’s % agreeing, change since the previous round and response rate, as counted here', async () => {
    await round('2025-10-06', 10, '2025-10-11T00:05:00Z');
    await round('2025-11-03', 16, '2025-11-08T00:05:00Z');
    const view = (await digestAt('2025-11-10T08:30:00Z')) as DigestView & {
      pulse: NonNullable<DigestView['pulse']>;
    };
    expect(view.pulse.responseRate).toBe(Math.round((100 * 16) / 20));
    expect(view.pulse.previousRoundName).not.toBeNull();
    view.pulse.statements.forEach((s, j) => {
      expect(s.percent, s.text).toBe(percentAgree(16, j));
      expect(s.change, s.text).toBe(percentAgree(16, j) - percentAgree(10, j));
    });
    const text = cardText(buildDigestCard(view, 5));
    expect(text).toContain(`${view.pulse.roundName}, 80% response`);
    const first = view.pulse.statements[0]!;
    const sign = first.change! >= 0 ? '+' : '';
    expect(text).toContain(
      `**${first.percent}%** (${sign}${first.change} since ${view.pulse.previousRoundName})`,
    );
  });

  it('shows no figure for a round fewer than the threshold answered', async () => {
    await round('2025-12-01', 4, '2025-12-06T00:05:00Z');
    const view = await digestAt('2025-12-08T08:30:00Z');
    expect(view.pulse?.responseRate).toBeNull();
    expect(view.pulse?.statements.every((s) => s.percent === null && s.change === null)).toBe(true);
    const text = cardText(buildDigestCard(view, 5));
    expect(text).toContain('not shown (fewer than 5 answered)');
    expect(text).not.toMatch(/\d+%/);
  });
});
