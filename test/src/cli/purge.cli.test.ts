import { beforeAll, expect, it } from 'vitest';
import { cliCommands } from '../../../src/cli/commands.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { configSchema } from '../../../src/config/config.schema.js';
import type { Store } from '../../../src/db/connect.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { orgWithUpdates } from '../../support/status-updates.js';
import { describeStores, testStore } from '../../support/store.js';

describeStores('npm run cli -- purge', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  async function cli(orgId: string, ...argv: string[]) {
    const lines: string[] = [];
    const app = {
      config: configSchema.parse({}),
      db: store.db,
      clock: new ManualClock(new Date('2026-11-25T10:00:00Z')),
      log: createLogger('silent'),
    };
    const code = await runCli(cliCommands, argv, { app, orgId, out: (line) => lines.push(line) });
    return { code, lines };
  }
  const narratives = async (orgId: string) =>
    (
      await store.db.selectFrom('status_updates').select('narrative').where('org_id', '=', orgId).execute()
    ).map((r) => r.narrative);

  it('--dry-run reports what would go and changes nothing', async () => {
    const { orgId } = await orgWithUpdates(store, ['2025-03-01T09:00:00Z']);
    const { code, lines } = await cli(orgId, 'purge', '--before', '2025-06-01', '--dry-run');
    expect(code).toBe(0);
    expect(lines[0]).toBe(`Dry run, nothing changed. Text written before 2025-06-01 (UTC) in ${orgId}:`);
    expect(lines[1]).toBe('  status_updates.narrative, blockers: 1 rows hold text');
    expect(await narratives(orgId)).toEqual(['Narrative of 2025-03-01T09:00:00Z']);
  });

  it('purges and says so', async () => {
    const { orgId } = await orgWithUpdates(store, ['2025-03-01T09:00:00Z']);
    const { code, lines } = await cli(orgId, 'purge', '--before', '2025-06-01');
    expect(code).toBe(0);
    expect(lines[1]).toBe('  status_updates.narrative, blockers: 1 rows changed');
    expect(await narratives(orgId)).toEqual([null]);
  });

  it.each([
    [['purge'], 'usage: purge --before <YYYY-MM-DD> [--dry-run]'],
    [['purge', '--before', '1/6/2025'], '--before: "1/6/2025" is not a date like 2025-04-01'],
  ])('refuses %j with exit code 2 and a message', async (argv, message) => {
    const { orgId } = await orgWithUpdates(store, ['2025-03-01T09:00:00Z']);
    expect(await cli(orgId, ...argv)).toEqual({ code: 2, lines: [message] });
    expect(await narratives(orgId)).toEqual(['Narrative of 2025-03-01T09:00:00Z']);
  });
});
