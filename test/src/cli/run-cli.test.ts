import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { cliCommands } from '../../../src/cli/commands.js';
import { runCli } from '../../../src/cli/run-cli.js';
import type { Store } from '../../../src/db/connect.js';
import { importFootprint, sampleOrg } from '../../support/plan-fixtures.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

describeStores('command line', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  async function cli(orgId: string, ...argv: string[]) {
    const lines: string[] = [];
    const code = await runCli(cliCommands, argv, {
      app: testApp(store, orgId),
      orgId,
      out: (l) => lines.push(l),
    });
    return { code, output: lines.join('\n') };
  }

  it('re-imports the plan and says nothing changed', async () => {
    const orgId = await sampleOrg(store);
    const result = await cli(orgId, 'plan', 'import', 'sample/children-at-the-heart-plan.csv');
    expect(result).toEqual({
      code: 0,
      output: 'children-at-the-heart-plan.csv: no change (50 actions as before)',
    });
  });

  it('keeps Health Check measures tied to their statements when a re-import rewrites the action', async () => {
    const orgId = await sampleOrg(store);
    const file = join(tmpdir(), `revised-plan-${process.pid}.csv`);
    const plan = readFileSync('sample/children-at-the-heart-plan.csv', 'utf8');
    writeFileSync(file, plan.replace('a) Develop and launch pra', 'a) Develop and relaunch pra'));
    const result = await cli(orgId, 'plan', 'import', file);
    expect(result.output).toContain('changed 6a: text');
    const links = await store.db
      .selectFrom('measures as m')
      .innerJoin('actions as a', 'a.id', 'm.action_id')
      .select('m.statement_id')
      .where('a.org_id', '=', orgId)
      .where('a.ref', '=', '6a')
      .where('m.is_health_check', '=', true)
      .orderBy('m.ordinal')
      .execute();
    expect(links.map((l) => l.statement_id)).toEqual(['regular-supervision', 'supervision-benefit']);
  });

  it('prints the problem with file, row and column, exits 1 and changes nothing', async () => {
    const orgId = await sampleOrg(store);
    const file = join(tmpdir(), `bad-roster-${process.pid}.csv`);
    writeFileSync(file, 'Display name,Email,Roles\nSomeone,not-an-email,DCS\n');
    const before = await importFootprint(store, orgId);
    const result = await cli(orgId, 'roster', 'import', file);
    expect(result.code).toBe(1);
    expect(result.output).toContain('row 2, column B (Email): "not-an-email" is not an email address');
    expect(await importFootprint(store, orgId)).toEqual(before);
  });

  it('answers a missing file argument with its usage, and an unknown command with the list', async () => {
    const orgId = await sampleOrg(store);
    expect(await cli(orgId, 'plan', 'import')).toEqual({
      code: 2,
      output: 'usage: plan import <plan.csv|plan.xlsx>',
    });
    const unknown = await cli(orgId, 'plan', 'explode');
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain('Unknown command: plan explode');
    expect(unknown.output).toContain('roster import <roster.csv>');
  });

  it('reports a file that cannot be read', async () => {
    const orgId = await sampleOrg(store);
    const result = await cli(orgId, 'plan', 'import', '/nonexistent/plan.csv');
    expect(result).toEqual({ code: 1, output: 'Nothing was imported.\nplan.csv: cannot be read: ENOENT' });
  });
});
