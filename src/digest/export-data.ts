import { addDays, localDate, zonedInstant } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import type { Rag } from '../db/schema.js';
import type { RoundResults } from '../pulse/pulse-results.js';
import { resultsByRound } from '../pulse/pulse-results.service.js';
import { type ExportPeriod, resolvePeriod } from './export-request.js';
import { type PlanFigures, planFigures } from './plan-figures.js';

export interface UpdateRow {
  at: Date;
  ref: string;
  priorityArea: string;
  kind: string;
  rag: Rag;
  percent: number;
  narrative: string | null;
  blockers: string | null;
  evidenceUrl: string | null;
  author: string | null;
}

/** Everything an export holds, counted once: the same planFigures the digest and the tab show. */
export interface ExportData {
  planName: string;
  generatedAt: Date;
  timeZone: string;
  period: ExportPeriod;
  figures: PlanFigures;
  updates: UpdateRow[];
  /** Closed Health Check rounds, oldest first, with suppression applied. */
  rounds: RoundResults[];
  minGroup: number;
}

export interface ExportDataOptions {
  timeZone: string;
  from?: string | undefined;
  to?: string | undefined;
  priorityAreas?: string[] | undefined;
  minGroup: number;
}

export async function exportData(
  db: Executor,
  orgId: string,
  options: ExportDataOptions,
  now: Date,
): Promise<ExportData> {
  const today = localDate(now, options.timeZone);
  const period = resolvePeriod(options.from, options.to, today);
  const figures = await planFigures(db, orgId, today, {
    timeZone: options.timeZone,
    priorityAreas: options.priorityAreas ?? [],
  });
  const areaOf = new Map(figures.actions.map((a) => [a.id, a.priorityArea]));
  const rows = await db
    .selectFrom('status_updates as su')
    .innerJoin('actions as a', 'a.id', 'su.action_id')
    .leftJoin('people as p', 'p.id', 'su.author_person_id')
    .select([
      'su.action_id',
      'su.created_at',
      'a.ref',
      'su.kind',
      'su.rag',
      'su.percent',
      'su.narrative',
      'su.blockers',
      'su.evidence_url',
      'p.display_name',
    ])
    .where('su.org_id', '=', orgId)
    .where('su.created_at', '>=', zonedInstant(period.from, '00:00', options.timeZone))
    .where('su.created_at', '<', zonedInstant(addDays(period.to, 1), '00:00', options.timeZone))
    .orderBy('su.created_at')
    .orderBy('a.ref')
    .execute();
  const plan = await db
    .selectFrom('plans')
    .select('name')
    .where('org_id', '=', orgId)
    .orderBy('imported_at', 'desc')
    .executeTakeFirst();
  return {
    planName: plan?.name ?? 'Improvement plan',
    generatedAt: now,
    timeZone: options.timeZone,
    period,
    figures,
    rounds: await resultsByRound(db, orgId, options.minGroup),
    minGroup: options.minGroup,
    updates: rows.flatMap((r) => {
      const area = areaOf.get(r.action_id);
      if (area === undefined) return [];
      return [
        {
          at: r.created_at,
          ref: r.ref,
          priorityArea: area,
          kind: r.kind,
          rag: r.rag,
          percent: r.percent,
          narrative: r.narrative,
          blockers: r.blockers,
          evidenceUrl: r.evidence_url,
          author: r.display_name,
        },
      ];
    }),
  };
}
