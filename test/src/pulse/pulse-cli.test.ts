import { beforeAll, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import type { Store } from '../../../src/db/connect.js';
import { pulseCliCommands } from '../../../src/pulse/pulse.cli.js';
import { listLiveStatements } from '../../../src/pulse/statement.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

describeStores('pulse command line', (kind) => {
  let store: Store;
  let orgId: string;
  let cli: (line: string) => Promise<{ code: number; out: string }>;

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    const app = testApp(store, orgId, { clock: new ManualClock(new Date('2025-12-01T09:00:00Z')) });
    cli = async (line) => {
      const lines: string[] = [];
      const code = await runCli(pulseCliCommands, line.split(' '), { app, orgId, out: (l) => lines.push(l) });
      return { code, out: lines.join('\n') };
    };
  });

  it('refuses a bad close date and an unknown team with a clear message, opening nothing', async () => {
    expect(await cli('pulse open --close 12/12/2025')).toEqual({
      code: 2,
      out: 'close: "12/12/2025" is not a date like 2026-12-12.',
    });
    const team = await cli('pulse open --team Nowhere');
    expect(team.out).toContain('There are no social workers in team "Nowhere"');
    expect(
      await store.db.selectFrom('pulse_rounds').select('id').where('org_id', '=', orgId).execute(),
    ).toEqual([]);
  });

  it('opens a round for one team until a date, reports it, and refuses a second while it runs', async () => {
    const unknown = await cli('pulse open --statements vision,nope');
    expect(unknown.out).toContain('Unknown statement "nope"; the statements are vision, practice-model');
    const words = ['pulse', 'open', '--close', '2025-12-05', '--team', 'CiN Team 1'];
    const real = await runCliWords([...words, '--statements', 'regular-supervision,vision']);
    expect(real.out).toMatch(/is open: 5 social workers asked, closes Fri 5 Dec\./);
    const again = await runCliWords(['pulse', 'open']);
    expect(again.out).toContain('A Health Check is already open (closes Fri 5 Dec). Close it first.');
    expect((await cli('pulse status')).out).toMatch(/open until Fri 5 Dec: fewer than 5 of 5 answered\./);
    const asked = await store.db
      .selectFrom('pulse_round_statements as rs')
      .innerJoin('pulse_statements as s', 's.id', 'rs.statement_id')
      .select('s.code')
      .where('s.org_id', '=', orgId)
      .orderBy('rs.ordinal')
      .execute();
    expect(asked.map((a) => a.code)).toEqual(['regular-supervision', 'vision']);
  });

  it('closes the round in flight, and then says there is none', async () => {
    expect((await cli('pulse close')).code).toBe(0);
    expect(await cli('pulse close')).toEqual({ code: 2, out: 'No Health Check round is open or scheduled.' });
    expect((await cli('pulse status')).out).toContain('too few answered to show');
  });

  it('opens a round for one service (in any case), asking only the social workers of that service', async () => {
    const opened = await runCliWords(['pulse', 'open', '--service', 'children in need']);
    expect(opened.out).toMatch(/is open: 12 social workers asked, closes Fri 12 Dec\./);
    const asked = await store.db
      .selectFrom('pulse_participants as p')
      .innerJoin('pulse_rounds as r', 'r.id', 'p.round_id')
      .innerJoin('people', 'people.id', 'p.person_id')
      .select(['people.service', 'people.is_social_worker'])
      .where('r.org_id', '=', orgId)
      .where('r.state', '=', 'open')
      .execute();
    expect(asked).toHaveLength(12);
    expect(asked.every((p) => p.service === 'Children in Need' && p.is_social_worker)).toBe(true);
    expect((await cli('pulse close')).code).toBe(0);
  });

  it('lists, adds, rewords and retires statements, refusing bad codes and unknown ones', async () => {
    expect((await cli('pulse statements seed')).out).toContain('0 statements added.');
    expect((await cli('pulse statements seed nowhere.csv')).out).toContain('nowhere.csv: ENOENT');
    expect((await cli('pulse statements')).out).toContain('regular-supervision');
    expect((await cli('pulse statements add caseloads My caseload is manageable.')).out).toContain(
      'caseloads',
    );
    expect((await cli('pulse statements add caseloads Again.')).out).toContain(
      'A statement "caseloads" already exists.',
    );
    expect((await cli('pulse statements add Bad_Code Some words here.')).out).toContain(
      'lower-case letters, digits and dashes',
    );
    await cli('pulse statements reword caseloads My caseload lets me do good work.');
    await cli('pulse statements retire vision');
    expect((await cli('pulse statements retire vision')).out).toContain('There is no statement "vision"');
    const live = await listLiveStatements(store.db, orgId);
    expect(live.map((s) => s.code)).not.toContain('vision');
    expect(live.find((s) => s.code === 'caseloads')?.text).toBe('My caseload lets me do good work.');
    const all = await store.db
      .selectFrom('pulse_statements')
      .select('code')
      .where('org_id', '=', orgId)
      .where('code', '=', 'caseloads')
      .execute();
    expect(all).toHaveLength(2);
  });

  async function runCliWords(words: string[]) {
    const app = testApp(store, orgId, { clock: new ManualClock(new Date('2025-12-01T09:00:00Z')) });
    const lines: string[] = [];
    const code = await runCli(pulseCliCommands, words, { app, orgId, out: (l) => lines.push(l) });
    return { code, out: lines.join('\n') };
  }
});
