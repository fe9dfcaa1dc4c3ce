import { z } from 'zod';
import type { Viewer } from '../access/viewer.js';
import type { AppContext } from '../app-context.js';
import { localDate } from '../calendar/iso-date.js';
import { composeDigest } from '../digest/digest.service.js';
import { type ActionFigure, emptyCounts, type HeadlineCounts, planFigures } from '../digest/plan-figures.js';
import { listActions } from '../plan/action.repository.js';
import type { DashboardObjective, DashboardRow, DashboardStatus, TabDashboard } from './tab-api.types.js';
import { healthCheckSeries } from './tab-pulse.js';

export const dashboardQuery = z
  .object({
    // why: the digest's link repeats `area` for a subscription limited to several priority areas.
    area: z
      .union([z.string(), z.array(z.string()).max(50)])
      .transform((v) => (Array.isArray(v) ? v : [v]).map((a) => a.trim()).filter(Boolean))
      .pipe(z.array(z.string().max(200)))
      .optional(),
    role: z.string().trim().min(1).max(100).optional(),
    status: z
      .enum(['onTrack', 'atRisk', 'offTrack', 'noUpdateYet', 'complete', 'overdue'], 'Unknown status filter.')
      .optional(),
  })
  .strict();
export type DashboardQuery = z.infer<typeof dashboardQuery>;

/** How many updates the timeline shows. */
export const TIMELINE_LENGTH = 30;

const matches = (q: DashboardQuery) => (a: ActionFigure) =>
  (!q.role || a.ownerRoles.includes(q.role)) &&
  (!q.status || (q.status === 'overdue' ? a.daysOverdue !== null : a.category === q.status));

const row = (a: ActionFigure): DashboardRow => ({
  ref: a.ref,
  text: a.text,
  ownersText: a.ownersText,
  dueDate: a.dueDate,
  daysOverdue: a.daysOverdue,
  rag: a.rag,
  percent: a.percent,
  category: a.category,
});

/** Adds one action to a tally, from the flags planFigures computed (category, overdue, stale). */
function tally(counts: HeadlineCounts, a: ActionFigure): void {
  counts[a.category]++;
  if (a.category === 'withdrawn') return;
  counts.total++;
  if (a.daysOverdue !== null) counts.overdue++;
  if (a.stale) counts.stale++;
}

/**
 * The Plan dashboard's figures. Headline, areas, overdue, due-soon and unreachable come from the weekly
 * digest's own computation (composeDigest → planFigures) for the selected priority area, so the tab, the
 * digest and the export cannot disagree; owner role and status filters narrow the lists below them.
 */
export async function buildDashboard(
  app: AppContext,
  viewer: Viewer,
  query: DashboardQuery,
): Promise<TabDashboard | { unknownArea: string }> {
  const { db, config } = app;
  const now = app.clock.now();
  const today = localDate(now, config.TIME_ZONE);
  const plan = await listActions(db, viewer.orgId);
  const areaNames = [...new Set(plan.map((a) => a.priorityArea))];
  const priorityAreas: string[] = [];
  for (const wanted of query.area ?? []) {
    const name = areaNames.find((n) => n.toLowerCase() === wanted.toLowerCase());
    if (!name) return { unknownArea: wanted };
    priorityAreas.push(name);
  }
  const digest = await composeDigest(db, viewer.orgId, {
    now,
    timeZone: config.TIME_ZONE,
    priorityAreas,
    publicUrl: config.PUBLIC_URL,
    minGroup: config.PULSE_MIN_GROUP,
  });
  const figures = await planFigures(db, viewer.orgId, today, { timeZone: config.TIME_ZONE, priorityAreas });
  const keep = matches(query);
  const shown = figures.actions.filter((a) => a.category !== 'withdrawn' && keep(a));
  const roles = await db
    .selectFrom('roles')
    .select(['code', 'title'])
    .where('org_id', '=', viewer.orgId)
    .orderBy('title')
    .execute();
  return {
    planName: digest.planName,
    today,
    filters: {
      areas: areaNames,
      roles,
      selected: {
        areas: priorityAreas,
        role: query.role ?? null,
        status: (query.status as DashboardStatus) ?? null,
      },
    },
    headline: digest.headline,
    areas: digest.areas,
    objectives: objectives(plan, shown),
    overdue: digest.overdue.filter(keep).map(row),
    dueSoon: digest.dueSoon.filter(keep).map(row),
    timeline: await timeline(app, viewer.orgId, new Set(shown.map((a) => a.id))),
    pulse: await healthCheckSeries(db, viewer.orgId, config.PULSE_MIN_GROUP),
    unreachable: digest.unreachable,
    canExport: false,
  };
}

function objectives(
  plan: Awaited<ReturnType<typeof listActions>>,
  shown: ActionFigure[],
): DashboardObjective[] {
  const objectiveOf = new Map(plan.map((a) => [a.id, a]));
  const out = new Map<string, DashboardObjective>();
  for (const a of shown) {
    const view = objectiveOf.get(a.id);
    if (!view) continue;
    const key = `${view.priorityArea}\u0000${view.objectiveNumber}`;
    let objective = out.get(key);
    if (!objective) {
      objective = {
        area: view.priorityArea,
        number: view.objectiveNumber,
        text: view.objectiveText,
        counts: emptyCounts(),
      };
      out.set(key, objective);
    }
    tally(objective.counts, a);
  }
  return [...out.values()];
}

async function timeline(
  app: AppContext,
  orgId: string,
  actionIds: Set<string>,
): Promise<TabDashboard['timeline']> {
  if (actionIds.size === 0) return [];
  const rows = await app.db
    .selectFrom('status_updates as u')
    .innerJoin('actions as a', 'a.id', 'u.action_id')
    .leftJoin('people as p', 'p.id', 'u.author_person_id')
    .select(['u.created_at', 'a.ref', 'u.kind', 'u.rag', 'u.percent', 'p.display_name'])
    .where('u.org_id', '=', orgId)
    .where('u.action_id', 'in', [...actionIds])
    .orderBy('u.created_at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(TIMELINE_LENGTH)
    .execute();
  return rows.map((r) => ({
    at: r.created_at.toISOString(),
    ref: r.ref,
    kind: r.kind,
    rag: r.rag,
    percent: r.percent,
    author: r.display_name,
  }));
}
