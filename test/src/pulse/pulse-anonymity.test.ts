import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { ballotLink } from '../../../src/pulse/anonymity.js';
import { submitAnswers } from '../../../src/pulse/answer.service.js';
import { roundStatements } from '../../../src/pulse/round.repository.js';
import { openRound } from '../../../src/pulse/round.service.js';
import { closeRound } from '../../../src/pulse/round-close.service.js';
import { type SimPerson, socialWorkerOrg } from '../../support/pulse-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';

const PULSE_TABLES = [
  'pulse_ballots',
  'pulse_answers',
  'pulse_tallies',
  'pulse_round_groups',
  'pulse_comments',
];

/** Every row of every table in the store, as text, by table: what any query or dump could see. */
async function everything(store: Store): Promise<Map<string, string>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(store.db);
  const out = new Map<string, string>();
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table_name)} t`.execute(
      store.db,
    );
    out.set(table_name, rows.rows.map((r) => r.row).join('\n'));
  }
  return out;
}

const holding = (all: Map<string, string>, value: string) =>
  [...all].filter(([, rows]) => rows.includes(value)).map(([table]) => table);

describeStores('pulse anonymity in the store', (kind) => {
  let store: Store;
  let orgId: string;
  let people: SimPerson[];
  let roundId: string;
  let links: string[];
  let ballotIdsInOrder: string[];

  beforeAll(async () => {
    store = await testStore(kind);
    ({ orgId, people } = await socialWorkerOrg(store, { A: 12, B: 12 }));
    const round = await openRound(
      store.db,
      orgId,
      { actor: 'test' },
      { today: '2025-12-01', openDays: 10, minGroup: 5 },
      new Date('2025-12-01T09:00:00Z'),
    );
    roundId = round.id;
    const statements = await roundStatements(store.db, roundId);
    for (const [i, p] of people.slice(0, 20).entries()) {
      const answers = Object.fromEntries(statements.map((s, j) => [s.id, ((i + j) % 5) + 1]));
      const comment = `private remark number ${i}`;
      await submitAnswers(store.db, orgId, p.id, { roundId, answers, comment }, '2025-12-02');
    }
    const secret = (
      await store.db
        .selectFrom('pulse_rounds')
        .select('link_secret')
        .where('id', '=', roundId)
        .executeTakeFirstOrThrow()
    ).link_secret!;
    links = people.slice(0, 20).map((p) => ballotLink(secret, p.id));
    const ballots = await store.db
      .selectFrom('pulse_ballots')
      .select(['id', 'link'])
      .where('round_id', '=', roundId)
      .execute();
    ballotIdsInOrder = links.map((l) => ballots.find((b) => b.link === l)!.id);
  });

  it('stores answers with no person id and no time, apart from who has answered', async () => {
    const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name in (${sql.join(PULSE_TABLES)})`.execute(store.db);
    expect(columns.rows.filter((c) => /person|user|aad|email|name|_at$|_on$/.test(c.column_name))).toEqual(
      [],
    );
    expect(columns.rows.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
    const participants = await store.db
      .selectFrom('pulse_participants')
      .selectAll()
      .where('round_id', '=', roundId)
      .execute();
    expect(Object.keys(participants[0]!).sort()).toEqual([
      'answered',
      'nudges',
      'person_id',
      'round_id',
      'team',
    ]);
  });

  it('keys ballots randomly, so their order does not follow the order people answered in', async () => {
    const sorted = [...ballotIdsInOrder].sort();
    expect(sorted).not.toEqual(ballotIdsInOrder);
    expect(ballotIdsInOrder.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-4/.test(id))).toBe(true);
  });

  it('after close, nothing in the store ties an answer or comment to a person', async () => {
    await closeRound(store.db, orgId, roundId, 'test', new Date('2025-12-13T00:05:00Z'));
    const round = await store.db
      .selectFrom('pulse_rounds')
      .selectAll()
      .where('id', '=', roundId)
      .executeTakeFirstOrThrow();
    expect(round.link_secret).toBeNull();
    for (const table of ['pulse_ballots', 'pulse_participants'] as const) {
      expect(await store.db.selectFrom(table).selectAll().where('round_id', '=', roundId).execute()).toEqual(
        [],
      );
    }
    const all = await everything(store);
    for (const link of links) expect(holding(all, link)).toEqual([]);
    for (const id of ballotIdsInOrder) expect(holding(all, id)).toEqual([]);
    for (const p of people) {
      expect(holding(all, p.id).filter((t) => t.startsWith('pulse_') || t === 'audit_log')).toEqual([]);
    }
  });

  it('keeps comments only as text with a team label, never in the audit log or the outbox', async () => {
    const comments = await store.db
      .selectFrom('pulse_comments')
      .selectAll()
      .where('round_id', '=', roundId)
      .execute();
    expect(comments).toHaveLength(20);
    expect(Object.keys(comments[0]!).sort()).toEqual(['id', 'round_id', 'team', 'text']);
    expect(holding(await everything(store), 'private remark number 7')).toEqual(['pulse_comments']);
  });
});
