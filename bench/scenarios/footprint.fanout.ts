import { openPostgres } from '../../src/db/connect.js';
import { ensureOrganisation } from '../../src/org/organisation.repository.js';
import { newId } from '../../src/shared/ids.js';
import { enqueueFanout, seedRecipients, settled } from '../../test/support/delivery-fixtures.js';
import { startStubConnector } from '../support/practice-pulse.js';
import type { RunningProcess } from '../support/processes.js';

/**
 * Has the running bot's own delivery worker send `count` personal messages (to the stub connector, which
 * accepts everything at once) and returns the bot's RSS once they are all sent. PostgreSQL only: the bench
 * writes the outbox rows from its own process, which the embedded store does not allow while the bot has it.
 */
export async function rssAfterFanout(
  bot: RunningProcess,
  databaseUrl: string,
  count: number,
): Promise<number> {
  const connector = await startStubConnector();
  const store = openPostgres(databaseUrl, 2);
  try {
    const orgId = await ensureOrganisation(store.db, `bench-fanout-${newId()}`, 'Bench Fan-out Council');
    const recipients = await seedRecipients(store.db, orgId, `${connector.baseUrl}/`, count);
    await enqueueFanout(store.db, orgId, recipients, 'bench-footprint');
    // why: the worker paces each tenant at Teams' 50 messages/s, so this takes count / 50 seconds at least.
    await settled(store.db, orgId, (count / 50) * 3_000 + 20_000);
    const sent = await store.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', orgId)
      .where('state', '=', 'sent')
      .executeTakeFirstOrThrow();
    if (Number(sent.n) !== count) throw new Error(`fan-out: ${sent.n} of ${count} messages sent`);
    return bot.rssMb();
  } finally {
    await store.close();
    await connector.stop();
  }
}
