import { expect } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { validateCard } from '../../support/card-validation.js';
import { countOrgRows } from '../../support/store.js';

type Node = Record<string, unknown>;

/** The verb and data of a button on a card, found by its title (within the item for `ref`, if given). */
export function buttonOf(
  card: unknown,
  title: string,
  ref?: string,
): { verb: string; data: Record<string, unknown>; raw: Record<string, unknown> } {
  const found: Node[] = [];
  const walk = (node: unknown, inRef: boolean) => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n, inRef);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as Node;
    const items = n.items as Node[] | undefined;
    const here = ref && items ? String(items[0]?.text ?? '').startsWith(`**${ref}**`) : false;
    if (n.type === 'Action.Execute' && n.title === title && (inRef || here || !ref)) found.push(n);
    for (const v of Object.values(n)) walk(v, inRef || here);
  };
  walk(card, false);
  const button = found[0];
  if (!button) throw new Error(`no button "${title}"${ref ? ` for ${ref}` : ''}`);
  return { verb: String(button.verb), data: button.data as Record<string, unknown>, raw: button };
}

/** Asserts the card is a valid Adaptive Card 1.5 under Teams' size limit, and returns it. */
export function validCard<T>(card: T): T {
  expect(validateCard(card)).toEqual([]);
  return card;
}

/** What a change would leave behind in an organisation: updates, actions' status, audit, outbox, date requests. */
export async function footprint(store: Store, orgId: string) {
  const count = (table: 'status_updates' | 'audit_log' | 'outbox' | 'date_requests') =>
    countOrgRows(store, table, orgId);
  const actions = await store.db
    .selectFrom('actions')
    .select(['ref', 'rag', 'percent', 'state', 'due_date'])
    .where('org_id', '=', orgId)
    .orderBy('ref')
    .execute();
  return {
    updates: await count('status_updates'),
    audit: await count('audit_log'),
    outbox: await count('outbox'),
    dateRequests: await count('date_requests'),
    actions,
  };
}
