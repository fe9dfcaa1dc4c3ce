import type { Kysely } from 'kysely';
import type { Config } from './config/config.schema.js';
import type { DB } from './db/schema.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';

/** What every handler and job is given: settings, the store, the time and the log. */
export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  clock: Clock;
  log: Logger;
}
