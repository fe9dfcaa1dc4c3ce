import type { AppContext } from '../../src/app-context.js';
import { type Config, configSchema } from '../../src/config/config.schema.js';
import type { Store } from '../../src/db/connect.js';
import { type Clock, ManualClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';

/** Settings for tests: defaults plus overrides, parsed by the real schema. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return configSchema.parse({ ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
}

/** An AppContext on a test store for one organisation (its tenant allowed), with a manual clock. */
export function testApp(
  store: Store,
  orgId: string,
  options: { clock?: Clock; config?: Record<string, string> } = {},
): AppContext & { clock: Clock } {
  return {
    config: testConfig({ TENANT_ALLOW_LIST: orgId, ...options.config }),
    db: store.db,
    clock: options.clock ?? new ManualClock(new Date('2020-03-02T09:30:00Z')),
    log: createLogger('silent'),
  };
}
