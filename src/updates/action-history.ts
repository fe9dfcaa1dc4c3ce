import type { Executor } from '../db/executor.js';
import type { Rag } from '../db/schema.js';
import type { DateRequest } from './date-request.js';
import { dateRequestsOf } from './date-request.repository.js';

export interface HistoryEntry {
  at: Date;
  who: string;
  kind: string;
  rag: Rag;
  percent: number;
  narrative: string | null;
  evidenceUrl: string | null;
  blockers: string | null;
}

/** Status updates of an organisation with their authors' names (people who left keep their updates). */
export function updatesWithAuthors(db: Executor, orgId: string) {
  return db
    .selectFrom('status_updates as u')
    .leftJoin('people as p', 'p.id', 'u.author_person_id')
    .select([
      'u.action_id',
      'u.created_at',
      'p.display_name',
      'u.kind',
      'u.rag',
      'u.percent',
      'u.narrative',
      'u.evidence_url',
      'u.blockers',
    ])
    .where('u.org_id', '=', orgId);
}

/** An action's updates (newest first) and its new-date requests, for `history 3a`. */
export async function actionHistory(
  db: Executor,
  orgId: string,
  actionId: string,
  limit = 10,
): Promise<{ updates: HistoryEntry[]; total: number; dateRequests: DateRequest[] }> {
  const rows = await updatesWithAuthors(db, orgId)
    .where('u.action_id', '=', actionId)
    .orderBy('u.created_at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(limit)
    .execute();
  const total = await db
    .selectFrom('status_updates')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('action_id', '=', actionId)
    .executeTakeFirstOrThrow();
  return {
    updates: rows.map((r) => ({
      at: r.created_at,
      who: r.display_name ?? 'someone no longer on the roster',
      kind: r.kind,
      rag: r.rag,
      percent: r.percent,
      narrative: r.narrative,
      evidenceUrl: r.evidence_url,
      blockers: r.blockers,
    })),
    total: Number(total.n),
    dateRequests: (await dateRequestsOf(db, orgId, actionId)).slice(0, 5),
  };
}
