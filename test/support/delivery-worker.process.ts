import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ProactiveSender } from '../../bot/proactive-sender.js';
import { openPostgres } from '../../src/db/connect.js';
import { DeliveryWorker } from '../../src/delivery/delivery.worker.js';
import { LeaderLock } from '../../src/scheduler/leader-lock.js';

/**
 * One copy of the bot's delivery side, as its own process (crash and scale-out tests, the scale-out bench):
 * a delivery worker and the scheduler leader lock on PostgreSQL. Prints `ready`, `leader true|false`, `rate N`
 * when its share of the tenant limit changes, and on SIGTERM `counts {…}` before it exits. Settings come from the environment.
 */
const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};

const store = openPostgres(env('DATABASE_URL'), 4);
const sender = new ProactiveSender(new ConfigurationBotFrameworkAuthentication({}), 'practice-pulse-local');
const worker = new DeliveryWorker(
  { db: store.db, sender },
  {
    ...(process.env.CONCURRENCY ? { concurrency: Number(process.env.CONCURRENCY) } : {}),
    leaseMs: Number(env('LEASE_MS', '60000')),
    pollMs: Number(env('POLL_MS', '20')),
    heartbeatMs: Number(env('HEARTBEAT_MS', '5000')),
    tenantLimitPerSecond: Number(env('TENANT_LIMIT', '50')),
    onlyOrgs: env('ORG_IDS').split(','),
  },
);
const lock = new LeaderLock(store.db, { name: env('LEADER_NAME', 'scheduler'), ttlMs: 3_000, renewMs: 500 });
lock.onChange((leader) => process.stdout.write(`leader ${leader}\n`));

await lock.start();
worker.start();
process.stdout.write('ready\n');
let rate = 0;
const rates = setInterval(() => {
  if (worker.tenantRate === rate) return;
  rate = worker.tenantRate;
  process.stdout.write(`rate ${rate}\n`);
}, 50);

process.once('SIGTERM', async () => {
  clearInterval(rates);
  await worker.stop();
  await lock.stop();
  process.stdout.write(`counts ${JSON.stringify(worker.counts)}\n`);
  await store.close();
  process.exit(0);
});
