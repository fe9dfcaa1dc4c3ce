import type { Migration } from 'kysely/migration';
import * as foundation from './0001-foundation.js';
import * as delivery from './0002-delivery.js';
import * as updates from './0003-updates.js';
import * as pulse from './0004-pulse.js';
import * as digest from './0005-digest.js';
import * as dataChangeNotify from './0006-data-change-notify.js';
import * as measuresByAction from './0007-measures-by-action.js';
import * as pulseSeries from './0008-pulse-series.js';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-delivery': delivery,
  '0003-updates': updates,
  '0004-pulse': pulse,
  '0005-digest': digest,
  '0006-data-change-notify': dataChangeNotify,
  '0007-measures-by-action': measuresByAction,
  '0008-pulse-series': pulseSeries,
};
