import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../shared/logger.js';
import type { DataGeneration } from './data-generation.js';
import type { DB } from './schema.js';

/** The channel the watched tables' triggers notify after each committed change (migration 0006). */
export const DATA_CHANGED_CHANNEL = 'pp_data_changed';

const RETRY_MS = 2_000;
/** How often the listener proves it still hears; a ping not back by the next one means it does not. */
const PING_MS = 5_000;
const PING = 'ping:';

export interface ListenerOptions {
  /** Sends a notification on the channel the way the app's writes go (its pool), e.g. `select pg_notify(…)`. */
  notify(payload: string): Promise<unknown>;
  pingMs?: number;
}

/** ListenerOptions.notify through the app's store: a ping travels the way the app's own writes do. */
export const notifyThrough =
  (db: Kysely<DB>) =>
  (payload: string): Promise<unknown> =>
    sql`select pg_notify(${DATA_CHANGED_CHANNEL}, ${payload})`.execute(db);

/** Closes a connection no longer used; why: an 'error' it emits later would stop the process if unheard. */
async function retire(client: pg.Client): Promise<void> {
  client.removeAllListeners();
  client.on('error', () => undefined);
  await client.end().catch(() => undefined);
}

/**
 * Hears other copies' writes on a shared PostgreSQL: one connection of its own LISTENs on the channel, and each
 * notification (sent when a change commits, naming the table) forgets what was read from that table. The
 * generation counts as heard only while pings sent through the app's pool come back (why: a LISTEN can
 * succeed and still receive nothing, e.g. behind a transaction-pooling proxy, or on a silently dead link);
 * until then, and from a failure until the next ping returns, caches read through.
 */
export function listenForDataChanges(
  databaseUrl: string,
  generation: DataGeneration,
  log: Logger,
  options: ListenerOptions,
): { stop(): Promise<void> } {
  const pingMs = options.pingMs ?? PING_MS;
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let pinger: NodeJS.Timeout | undefined;
  let awaited: string | undefined;

  let warned = false;
  const lost = (error?: Error) => {
    clearInterval(pinger);
    // why: said once per outage, not on every retry of a listener that never hears (e.g. behind a pooler).
    if (error && (generation.isHeard() || !warned))
      log.warn({ err: error }, 'data change listener lost; cached reads off until it is back');
    warned ||= error !== undefined;
    generation.setHeard(false);
    if (client) void retire(client);
    client = undefined;
    if (stopped) return;
    retry = setTimeout(connect, RETRY_MS);
  };

  const ping = () => {
    if (awaited) return lost(new Error('a ping on the data change channel did not come back'));
    awaited = `${PING}${randomUUID()}`;
    options.notify(awaited).catch((error: Error) => lost(error));
  };

  const heard = (payload: string) => {
    if (!payload.startsWith(PING)) return generation.changed(payload ? [payload] : undefined);
    if (payload !== awaited) return;
    awaited = undefined;
    if (generation.isHeard()) return;
    generation.setHeard(true);
    warned = false;
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl });
    client = next;
    awaited = undefined;
    next.on('error', lost);
    next.on('end', () => client === next && lost());
    // why: the payload names the table changed; an empty one means any.
    next.on('notification', (n) => client === next && heard(n.payload ?? ''));
    try {
      await next.connect();
      await next.query(`listen ${DATA_CHANGED_CHANNEL}`);
      if (client !== next || stopped) return;
      ping();
      pinger = setInterval(ping, pingMs);
    } catch (error) {
      if (client === next) lost(error as Error);
    }
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      clearInterval(pinger);
      generation.setHeard(false);
      const current = client;
      client = undefined;
      if (current) await retire(current);
    },
  };
}
