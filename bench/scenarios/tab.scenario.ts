import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ensureTabBuilt } from '../../scripts/build-tab.js';
import type { AppContext } from '../../src/app-context.js';
import { configSchema } from '../../src/config/config.schema.js';
import { openPostgres } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createServer, listen } from '../../src/http/server.js';
import { tabRoutes } from '../../src/http/tab.routes.js';
import { loadSamplePlan } from '../../src/plan/sample-plan.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { CHROMIUM, launchChromium } from '../../test/support/browser.js';
import { startLocalJwks, TEST_CLIENT_ID } from '../../test/support/local-jwks.js';
import { SAMPLE } from '../../test/support/sample-people.js';
import { firstRenderMs, openInHost } from '../../test/support/teams-host.js';
import type { BenchRow, BenchScenario } from '../bench.types.js';
import { createBenchDatabase } from '../support/stores.js';

const NAME = 'tab';
const ORG = 'bench-tab-tenant';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/**
 * The Teams tab (issue 8): its JavaScript bundle size, and its first render with the sample plan in
 * headless Chromium inside the mock Teams host (navigation start → the tab's render mark, SSO and API
 * included), against a running server on PostgreSQL. Median of fresh page loads.
 */
export const tabScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 90, quick: 40 },
  async run({ quick }) {
    const stamp = await ensureTabBuilt();
    const rows: BenchRow[] = Object.entries(stamp.gzipBytes).map(([file, bytes]) => ({
      scenario: NAME,
      metric: `${file} gzipped`,
      value: Number((bytes / 1024).toFixed(1)),
      unit: 'KB',
      target: '< 150',
      ok: bytes < 150 * 1024,
    }));
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    const store = openPostgres(await createBenchDatabase(), 4);
    const jwks = await startLocalJwks();
    const browser = await launchChromium();
    try {
      await migrateToLatest(store.db);
      await store.db.insertInto('organisations').values({ id: ORG, name: 'Bench Council' }).execute();
      await loadSamplePlan(store.db, ORG, new Date('2020-02-03T09:00:00Z'));
      const app: AppContext = {
        config: configSchema.parse({
          ENV: 'test',
          TENANT_ALLOW_LIST: ORG,
          AAD_APP_CLIENT_ID: TEST_CLIENT_ID,
          SSO_JWKS_URL: jwks.url,
        }),
        db: store.db,
        clock: new ManualClock(new Date('2020-03-16T09:30:00Z')),
        log: createLogger('silent'),
      };
      const server = createServer({
        app,
        adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
        bot: new ActivityHandler(),
        routes: [tabRoutes(app)],
      });
      await listen(server, 0, '127.0.0.1');
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const loads = quick ? 1 : 5;
        for (const [label, objectId, tabPath] of [
          ['My actions', SAMPLE.owner, '/tab/index.html?view=mine'],
          ['Plan dashboard', SAMPLE.lead, '/tab/index.html?view=plan'],
        ] as const) {
          const token = await jwks.sign({ tid: ORG, oid: objectId });
          // why: the server's first request pays for the JWKS download and cold query plans; measured apart.
          await fetch(`${origin}${tabPath.includes('plan') ? '/api/tab/plan' : '/api/tab/my-actions'}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          const times: number[] = [];
          for (let i = 0; i < loads; i++) {
            const { page, tab } = await openInHost(browser.context, {
              origin,
              tabPath,
              token,
              tenantId: ORG,
              objectId,
            });
            times.push(await firstRenderMs(tab));
            await page.close();
          }
          rows.push({
            scenario: NAME,
            metric: `first render, ${label} (sample plan, median of ${loads})`,
            value: Math.round(median(times)),
            unit: 'ms',
            target: '< 1000',
            ok: median(times) < 1000,
          });
        }
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      await browser.close();
      await jwks.close();
      await store.close();
    }
    return rows;
  },
};
