import { botAppId, createAdapter } from '../bot/adapter.js';
import { cardActions } from '../bot/card-actions/index.js';
import { commands, matchCommand } from '../bot/commands/index.js';
import { inboundRateLimit } from '../bot/inbound-rate-limit.middleware.js';
import { PracticePulseBot } from '../bot/practice-pulse.bot.js';
import { ProactiveSender } from '../bot/proactive-sender.js';
import type { AppContext } from './app-context.js';
import { defaultTenant, loadConfig } from './config/load-config.js';
import { assertProductionReady } from './config/production-guard.js';
import { openStore } from './db/connect.js';
import { listenForDataChanges, notifyThrough } from './db/data-change-listener.js';
import { DataGeneration } from './db/data-generation.js';
import { migrateToLatest } from './db/migrate.js';
import { watchWrites } from './db/write-watch.plugin.js';
import { DeliveryWorker } from './delivery/delivery.worker.js';
import { legalPageRoutes } from './http/legal-pages.routes.js';
import { opsRoutes } from './http/ops.routes.js';
import { createServer, listen } from './http/server.js';
import { tabRoutes } from './http/tab.routes.js';
import { metrics } from './ops/metrics.js';
import { describeImport } from './plan/import-files.js';
import { hasPlan, loadSamplePlan } from './plan/sample-plan.js';
import { openDemoRound } from './pulse/demo-round.js';
import { openRoundRates } from './pulse/pulse-status.service.js';
import { jobs } from './scheduler/jobs.js';
import { LeaderLock } from './scheduler/leader-lock.js';
import { startScheduler } from './scheduler/scheduler.js';
import { systemClock } from './shared/clock.js';
import { createLogger } from './shared/logger.js';
import { onShutdown } from './shared/shutdown.js';
import { reportStartErrors } from './shared/start-errors.js';

reportStartErrors();

const config = loadConfig();
assertProductionReady(config);
const log = createLogger(config.LOG_LEVEL);
const store = await openStore({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.DATA_DIR,
  onPoolError: (err) => log.warn({ err }, 'idle database connection failed; the pool replaces it'),
});
await migrateToLatest(store.db);
// why: the embedded store is this process's alone, so its own writes are all there is to hear.
const generation = new DataGeneration({ heard: store.kind === 'pglite' });
const app: AppContext = { config, db: watchWrites(store.db, generation), clock: systemClock, log };
const changes = config.DATABASE_URL
  ? listenForDataChanges(config.DATABASE_URL, generation, log, { notify: notifyThrough(app.db) })
  : undefined;
metrics.watchStore(store.db);
metrics.watchPulseRates(() => openRoundRates(store.db, config.PULSE_MIN_GROUP));

if (process.argv.includes('--sample')) {
  const tenant = defaultTenant(config);
  if (await hasPlan(store.db, tenant)) log.info({ tenant }, 'sample plan already loaded: kept as it is');
  else {
    const demo = process.argv.includes('--demo-dates');
    const now = app.clock.now();
    const report = await loadSamplePlan(app.db, tenant, now, undefined, {
      demoDates: demo ? { timeZone: config.TIME_ZONE } : undefined,
    });
    log.info({ tenant }, `sample plan loaded: ${describeImport(report).split('\n')[0]}`);
    if (demo) await openDemoRound(app.db, tenant, config, now);
  }
}

const adapter = createAdapter(config, log);
adapter.use(inboundRateLimit(app));
const bot = new PracticePulseBot(app, { commands, match: matchCommand, cardActions });
const server = createServer({
  app,
  adapter,
  bot,
  routes: [opsRoutes(app, metrics), tabRoutes(app), legalPageRoutes(config)],
});
await listen(server, config.PORT);
const sender = ProactiveSender.fromAdapter(adapter, botAppId(config));
const delivery = new DeliveryWorker({
  db: store.db,
  sender,
  logger: log,
  onOutcome: (k, o) => metrics.deliveryOutcome(k, o),
});
delivery.start();
const leader = new LeaderLock(store.db, { logger: log });
const scheduler = startScheduler(app, jobs, () => leader.isLeader());
leader.onChange((isLeader) => isLeader && scheduler.catchUp());
await leader.start();
log.info(
  { port: config.PORT, store: store.kind },
  `practice-pulse listening on http://127.0.0.1:${config.PORT}/api/messages — talk to it with: npm run playground`,
);

onShutdown(log, [
  () => new Promise<void>((resolve) => server.close(() => resolve())),
  () => scheduler.stop(),
  () => leader.stop(),
  () => delivery.stop(),
  async () => changes?.stop(),
  () => store.close(),
]);
