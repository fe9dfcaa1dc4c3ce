import { defaultTenant, loadConfig } from '../config/load-config.js';
import { openStore } from '../db/connect.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureOrganisation } from '../org/organisation.repository.js';
import { systemClock } from '../shared/clock.js';
import { createLogger } from '../shared/logger.js';
import { reportStartErrors } from '../shared/start-errors.js';
import type { CliCommand } from './cli-command.js';
import { cliCommands } from './commands.js';
import { runCli } from './run-cli.js';

reportStartErrors();

const config = loadConfig();
const store = await openStore({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
let code = 1;
try {
  await migrateToLatest(store.db);
  const orgId = await ensureOrganisation(store.db, defaultTenant(config));
  const app = {
    config,
    db: store.db,
    clock: systemClock,
    log: createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL),
  };
  code = await runCli(cliCommands as CliCommand[], process.argv.slice(2), {
    app,
    orgId,
    out: (line) => process.stdout.write(`${line}\n`),
  });
} finally {
  await store.close();
}
process.exit(code);
