import type { Migration } from 'kysely/migration';
import * as foundation from './0001-foundation.js';
import * as delivery from './0002-delivery.js';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-delivery': delivery,
};
