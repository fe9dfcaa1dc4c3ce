import { beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { DeliveryWorker } from '../../../src/delivery/delivery.worker.js';
import { latestResults, resultsByRound } from '../../../src/pulse/pulse-results.service.js';
import { openRoundRates, pulseStatus } from '../../../src/pulse/pulse-status.service.js';
import { openRound } from '../../../src/pulse/round.service.js';
import { closeRound } from '../../../src/pulse/round-close.service.js';
import { localSender, settled } from '../../support/delivery-fixtures.js';
import { FakeConnector } from '../../support/fake-connector.js';
import { answerAll, reachableAt, type SimPerson, socialWorkerOrg } from '../../support/pulse-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

const TEAMS = { A: 40, B: 35, C: 30, D: 30, E: 25, F: 20, G: 16, H: 4 };
/** Who answers: everyone in H (4), and a share of every other team. */
const ANSWERING = { A: 30, B: 28, C: 21, D: 15, E: 20, F: 10, G: 8, H: 4 };
const OPEN_DAY = '2025-12-01'; // Monday; 10 working days → Fri 12 Dec
const NOW = new Date('2025-12-01T09:00:00Z');

describeStores('a Health Check round of 200 social workers in 8 teams', (kind) => {
  let store: Store;
  let orgId: string;
  let people: SimPerson[];
  let respondents: SimPerson[];
  let roundId: string;
  let given: Map<string, number[]>;

  beforeAll(async () => {
    store = await testStore(kind);
    ({ orgId, people } = await socialWorkerOrg(store, TEAMS));
    const round = await openRound(
      store.db,
      orgId,
      { actor: 'test' },
      { today: OPEN_DAY, openDays: 10, minGroup: 5 },
      NOW,
    );
    roundId = round.id;
    respondents = Object.entries(ANSWERING).flatMap(([team, n]) =>
      people.filter((p) => p.team === team).slice(0, n),
    );
    ({ given } = await answerAll(store, orgId, roundId, respondents, '2025-12-03'));
  });

  it('opens for Fri 12 Dec and queues one pulse card per person', async () => {
    const round = await store.db
      .selectFrom('pulse_rounds')
      .selectAll()
      .where('id', '=', roundId)
      .executeTakeFirstOrThrow();
    expect(round).toMatchObject({
      state: 'open',
      opens_on: OPEN_DAY,
      closes_on: '2025-12-12',
      audience_size: 200,
    });
    const outbox = await store.db
      .selectFrom('outbox')
      .select(['kind', 'person_id', 'idempotency_key'])
      .where('org_id', '=', orgId)
      .execute();
    expect(outbox).toHaveLength(200);
    expect(new Set(outbox.map((o) => o.person_id))).toEqual(new Set(people.map((p) => p.id)));
    expect(outbox.every((o) => o.kind === 'pulse' && o.idempotency_key.startsWith(`pulse:${roundId}:`))).toBe(
      true,
    );
  });

  it('delivers the pulse card 1:1 to each of the 200 through the fake Bot Connector', async () => {
    const connector = await FakeConnector.start({ enforceLimits: false });
    try {
      await reachableAt(store, orgId, people, connector.serviceUrl);
      const worker = new DeliveryWorker(
        { db: store.db, sender: localSender() },
        { onlyOrgs: [orgId], pollMs: 10, heartbeatMs: 1_000, tenantLimitPerSecond: 2_000 },
      );
      while ((await worker.runOnce()) > 0);
      await settled(store.db, orgId);
      const sent = connector.sent();
      expect(sent).toHaveLength(200);
      expect(new Set(sent.map((c) => c.conversationId))).toEqual(new Set(people.map((p) => `a:${p.id}`)));
      const card = JSON.stringify(sent[0]?.body);
      expect(card).toContain('CIS Health Check — 7 statements, about 30 seconds');
      expect(card).toContain(`"roundId":"${roundId}"`);
    } finally {
      await connector.close();
    }
  });

  it('shows no figure before close, and only the count of answers so far to admins', async () => {
    expect(await latestResults(store.db, orgId, 5)).toBeNull();
    expect(await resultsByRound(store.db, orgId, 5)).toEqual([]);
    expect(await pulseStatus(store.db, orgId, 5)).toMatchObject({
      audience: 200,
      answered: 136,
      responseRate: 68,
    });
    expect(await openRoundRates(store.db, 5)).toContainEqual({ orgId, roundId, rate: 0.68 });
  });

  describe('after close', () => {
    let ballotIds: string[] = [];
    beforeAll(async () => {
      const ballots = await store.db
        .selectFrom('pulse_ballots')
        .select('id')
        .where('round_id', '=', roundId)
        .execute();
      ballotIds = ballots.map((b) => b.id);
      expect(ballotIds).toHaveLength(136);
      await closeRound(store.db, orgId, roundId, 'test', new Date('2025-12-13T00:05:00Z'));
    });

    it('gives each statement the % agreeing of those who gave a view, computed here independently', async () => {
      const results = await latestResults(store.db, orgId, 5);
      expect(results?.round).toMatchObject({
        respondents: 136,
        audience: 200,
        responseRate: 68,
        suppressed: false,
      });
      expect(results?.statements).toHaveLength(7);
      for (const [j, s] of (results?.statements ?? []).entries()) {
        const values = [...given.values()].map((v) => v[j]!);
        const viewsGiven = values.filter((v) => v >= 1);
        const expected = Math.round((100 * viewsGiven.filter((v) => v >= 4).length) / viewsGiven.length);
        expect(s).toMatchObject({
          views: viewsGiven.length,
          percentAgree: expected,
          change: null,
          suppressed: false,
        });
        expect(s.distribution?.preferNotToSay).toBe(values.filter((v) => v === 0).length);
      }
    });

    it('hides the team of 4 and, so it cannot be worked out from the total, the next smallest team too', async () => {
      const results = await latestResults(store.db, orgId, 5);
      const shown = results?.teams.map((t) => t.team);
      expect(shown).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
      expect(results?.teamsNotShown).toBe(2);
      const a = results?.teams.find((t) => t.team === 'A');
      expect(a).toMatchObject({ respondents: 30, responseRate: 75 });
      const teamA = respondents.filter((p) => p.team === 'A').map((p) => given.get(p.id)![0]!);
      const viewsA = teamA.filter((v) => v >= 1);
      expect(a?.statements[0]?.percentAgree).toBe(
        Math.round((100 * viewsA.filter((v) => v >= 4).length) / viewsA.length),
      );
      expect(JSON.stringify(results)).not.toMatch(/"team":"(G|H)"/);
    });

    it('keeps no way back from answers to people: no ballots, participation, link or secret remain', async () => {
      // why: this round's rows only; the store is shared with other files' rounds, open or closed.
      const ofRound = async (table: 'pulse_ballots' | 'pulse_participants') =>
        (await store.db.selectFrom(table).selectAll().where('round_id', '=', roundId).execute()).length;
      expect(await ofRound('pulse_ballots')).toBe(0);
      expect(await ofRound('pulse_participants')).toBe(0);
      const answers = await store.db
        .selectFrom('pulse_answers')
        .selectAll()
        .where('ballot_id', 'in', ballotIds)
        .execute();
      expect(answers).toHaveLength(0);
      const round = await store.db
        .selectFrom('pulse_rounds')
        .selectAll()
        .where('id', '=', roundId)
        .executeTakeFirstOrThrow();
      expect(round.link_secret).toBeNull();
      const tallies = await store.db
        .selectFrom('pulse_tallies')
        .selectAll()
        .where('round_id', '=', roundId)
        .execute();
      const personIds = new Set(people.map((p) => p.id));
      expect(tallies.every((t) => Object.values(t).every((v) => !personIds.has(String(v))))).toBe(true);
      expect(Object.keys(tallies[0] ?? {}).sort()).toEqual([
        'n',
        'round_id',
        'statement_id',
        'team',
        'value',
      ]);
    });
  });
});
