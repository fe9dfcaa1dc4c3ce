import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

/** What repository functions take first: the database, or the transaction they must join. */
export type Executor = Kysely<DB> | Transaction<DB>;
