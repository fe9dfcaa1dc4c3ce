import { sql } from 'kysely';
import { addDays, type IsoDate, zonedInstant } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import type { ActionState, Rag } from '../db/schema.js';
import { dueStatus } from '../plan/due-status.js';

/**
 * Where an action stands, one category each, so the categories add up to the plan's total:
 * - complete: state complete (whatever its last RAG said);
 * - onTrack / atRisk / offTrack: open, latest update green / amber / red;
 * - noUpdateYet: open and never updated.
 * Withdrawn actions are outside the plan: not in the total, counted apart as `withdrawn`.
 * Two flags cut across the open categories and are "of which" counts, not extra categories:
 * - overdue: open and due before today (days overdue in working days, as the reminders say it);
 * - stale ("no update in 30 days"): open and nothing heard for `staleAfterDays` days, counting from the
 *   latest update or, for an action never updated, from when it entered the plan.
 */
export type StatusCategory = 'complete' | 'onTrack' | 'atRisk' | 'offTrack' | 'noUpdateYet' | 'withdrawn';

export interface HeadlineCounts {
  total: number;
  onTrack: number;
  atRisk: number;
  offTrack: number;
  noUpdateYet: number;
  complete: number;
  overdue: number;
  stale: number;
  withdrawn: number;
}

export interface ActionFigure {
  id: string;
  ref: string;
  text: string;
  priorityArea: string;
  ownersText: string;
  ownerRoles: string[];
  dueDate: IsoDate;
  state: ActionState;
  rag: Rag | null;
  percent: number | null;
  lastUpdateAt: Date | null;
  category: StatusCategory;
  /** Working days overdue (≥ 1) for an open action due before today; else null. */
  daysOverdue: number | null;
  stale: boolean;
}

export interface AreaFigures {
  name: string;
  counts: HeadlineCounts;
}

export interface PlanFigures {
  today: IsoDate;
  headline: HeadlineCounts;
  /** Priority areas in plan order. */
  areas: AreaFigures[];
  /** Every action in plan order (withdrawn included, with category 'withdrawn'). */
  actions: ActionFigure[];
}

export interface PlanFigureOptions {
  timeZone: string;
  /** Limit to these priority areas (names, any case); empty or absent = the whole plan. */
  priorityAreas?: string[];
  staleAfterDays?: number;
}

const CATEGORY_OF_RAG: Record<Rag, StatusCategory> = { green: 'onTrack', amber: 'atRisk', red: 'offTrack' };

export function emptyCounts(): HeadlineCounts {
  return {
    total: 0,
    onTrack: 0,
    atRisk: 0,
    offTrack: 0,
    noUpdateYet: 0,
    complete: 0,
    overdue: 0,
    stale: 0,
    withdrawn: 0,
  };
}

function categoryOf(state: ActionState, rag: Rag | null): StatusCategory {
  if (state === 'withdrawn') return 'withdrawn';
  if (state === 'complete') return 'complete';
  return rag ? CATEGORY_OF_RAG[rag] : 'noUpdateYet';
}

function count(counts: HeadlineCounts, a: ActionFigure): void {
  counts[a.category]++;
  if (a.category === 'withdrawn') return;
  counts.total++;
  if (a.daysOverdue !== null) counts.overdue++;
  if (a.stale) counts.stale++;
}

/** The ONE place the plan's headline figures are computed: the digest, the tab and the exports all use it. */
export async function planFigures(
  db: Executor,
  orgId: string,
  today: IsoDate,
  options: PlanFigureOptions,
): Promise<PlanFigures> {
  const wanted = (options.priorityAreas ?? []).map((a) => a.trim().toLowerCase());
  let query = db
    .selectFrom('actions as a')
    .innerJoin('objectives as o', 'o.id', 'a.objective_id')
    .innerJoin('priority_areas as p', 'p.id', 'o.priority_area_id')
    .select([
      'a.id',
      'a.ref',
      'a.text',
      'p.name as priorityArea',
      'a.owners_text as ownersText',
      'a.due_date as dueDate',
      'a.state',
      'a.rag',
      'a.percent',
      'a.last_update_at as lastUpdateAt',
      'a.created_at as createdAt',
    ])
    .select((eb) =>
      eb
        .selectFrom('action_owner_roles as r')
        .select(sql<string[]>`coalesce(array_agg(r.role_code order by r.ordinal), '{}')`.as('x'))
        .whereRef('r.action_id', '=', 'a.id')
        .as('ownerRoles'),
    )
    .where('a.org_id', '=', orgId);
  if (wanted.length) query = query.where(sql<string>`lower(p.name)`, 'in', wanted);
  const rows = await query
    .orderBy('p.ordinal')
    .orderBy('o.number')
    .orderBy(sql`length(a.ref)`)
    .orderBy('a.ref')
    .execute();

  const staleBefore = zonedInstant(
    addDays(today, -(options.staleAfterDays ?? 30)),
    '00:00',
    options.timeZone,
  );
  // why: working-day counting walks the calendar; plans share few due dates, so count each date once.
  const overdueByDate = new Map<IsoDate, number | null>();
  const daysOverdue = (due: IsoDate): number | null => {
    if (due >= today) return null;
    let n = overdueByDate.get(due);
    if (n === undefined) {
      n = -dueStatus(due, 'open', today).workingDays;
      overdueByDate.set(due, n);
    }
    return n;
  };

  const headline = emptyCounts();
  const areas = new Map<string, AreaFigures>();
  const actions: ActionFigure[] = rows.map((r) => {
    const open = r.state === 'open';
    const figure: ActionFigure = {
      id: r.id,
      ref: r.ref,
      text: r.text,
      priorityArea: r.priorityArea,
      ownersText: r.ownersText,
      ownerRoles: r.ownerRoles ?? [],
      dueDate: r.dueDate,
      state: r.state,
      rag: r.rag,
      percent: r.percent,
      lastUpdateAt: r.lastUpdateAt,
      category: categoryOf(r.state, r.rag),
      daysOverdue: open ? daysOverdue(r.dueDate) : null,
      stale: open && (r.lastUpdateAt ?? r.createdAt) < staleBefore,
    };
    let area = areas.get(r.priorityArea);
    if (!area) {
      area = { name: r.priorityArea, counts: emptyCounts() };
      areas.set(r.priorityArea, area);
    }
    count(headline, figure);
    count(area.counts, figure);
    return figure;
  });
  return { today, headline, areas: [...areas.values()], actions };
}
