import pg from 'pg';
import type { Logger } from '../shared/logger.js';
import type { DataGeneration } from './data-generation.js';

/** The channel the watched tables' triggers notify after each committed change (migration 0006). */
export const DATA_CHANGED_CHANNEL = 'pp_data_changed';

const RETRY_MS = 2_000;

/** Closes a connection no longer used; why: an 'error' it emits later would stop the process if unheard. */
async function retire(client: pg.Client): Promise<void> {
  client.removeAllListeners();
  client.on('error', () => undefined);
  await client.end().catch(() => undefined);
}

/**
 * Hears other copies' writes on a shared PostgreSQL: one connection of its own LISTENs on the channel, and each
 * notification (sent when a change commits, naming the table) forgets what was read from that table. Until it listens, and from the moment the
 * connection fails until it listens again, the generation is not heard, so caches read through.
 */
export function listenForDataChanges(
  databaseUrl: string,
  generation: DataGeneration,
  log: Logger,
): { stop(): Promise<void> } {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const lost = (error?: Error) => {
    generation.setHeard(false);
    if (client) void retire(client);
    client = undefined;
    if (stopped) return;
    if (error) log.warn({ err: error }, 'data change listener lost; cached reads off until it is back');
    retry = setTimeout(connect, RETRY_MS);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: databaseUrl });
    client = next;
    next.on('error', lost);
    next.on('end', () => client === next && lost());
    // why: the payload names the table changed; an empty one (or none) means any.
    next.on('notification', (n) => generation.changed(n.payload ? [n.payload] : undefined));
    try {
      await next.connect();
      await next.query(`listen ${DATA_CHANGED_CHANNEL}`);
      if (client === next && !stopped) generation.setHeard(true);
    } catch (error) {
      if (client === next) lost(error as Error);
    }
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      generation.setHeard(false);
      const current = client;
      client = undefined;
      if (current) await retire(current);
    },
  };
}
