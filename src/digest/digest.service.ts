import { addDays, localDate } from '../calendar/iso-date.js';
import type { Executor } from '../db/executor.js';
import { listUnreachable } from '../delivery/delivery-status.js';
import { latestResults } from '../pulse/pulse-results.service.js';
import { listEscalations } from '../reminders/escalation.repository.js';
import { listDateChanges } from '../updates/date-request.repository.js';
import { dashboardLink } from './dashboard-link.js';
import type { DigestPulse, DigestView } from './digest-view.js';
import { type ActionFigure, planFigures } from './plan-figures.js';
import { unreachableWhy } from './unreachable-why.js';
import { weeklyChanges } from './weekly-changes.js';

export interface DigestOptions {
  now: Date;
  timeZone: string;
  /** Limit to these priority areas (a subscription's filter); empty = the whole plan. */
  priorityAreas?: string[];
  /** The bot's public base URL, for the link to the dashboard tab. */
  publicUrl?: string | undefined;
  /** The Teams app id: with it, the link opens the dashboard tab inside Teams (see dashboardLink). */
  teamsAppId?: string | undefined;
  /** Fewest respondents before a Health Check figure is shown. */
  minGroup: number;
  /**
   * Start of "what changed": the previous scheduled digest's moment, so a digest moved off a bank holiday
   * (or caught up after a restart) neither skips nor repeats a day. Default: seven days before `now`.
   */
  since?: Date;
  /** End of "what changed" (excluded): the digest's scheduled moment, so a late run leaves the rest to the next. */
  until?: Date;
}

/** "Due in the next 14 days" counts calendar days: today up to and including today + 14. */
export const DUE_SOON_DAYS = 14;
const WEEK_MS = 7 * 86_400_000;

/** Counts everything the weekly digest shows for one organisation (and optionally some priority areas). */
export async function composeDigest(
  db: Executor,
  orgId: string,
  options: DigestOptions,
): Promise<DigestView> {
  const today = localDate(options.now, options.timeZone);
  const areaFilter = options.priorityAreas ?? [];
  const figures = await planFigures(db, orgId, today, {
    timeZone: options.timeZone,
    priorityAreas: areaFilter,
  });
  const byId = new Map(figures.actions.map((a) => [a.id, a]));
  const since = options.since ?? new Date(options.now.getTime() - WEEK_MS);
  const until = options.until ?? options.now;
  const changes = await weeklyChanges(db, orgId, new Set(byId.keys()), since, until);
  const open = figures.actions.filter((a) => a.state === 'open');
  const soonLimit = addDays(today, DUE_SOON_DAYS);
  const plan = await db
    .selectFrom('plans')
    .select('name')
    .where('org_id', '=', orgId)
    .orderBy('imported_at', 'desc')
    .executeTakeFirst();
  const unreachable = await listUnreachable(db, orgId);
  // why: escalations are made per local date: from the previous digest's day to the day before this one's,
  // so consecutive digests neither overlap nor leave a day out.
  const escalations = await listEscalations(
    db,
    orgId,
    localDate(since, options.timeZone),
    addDays(localDate(until, options.timeZone), -1),
  );
  const newDates = await listDateChanges(db, orgId, since, until);
  const known = (id: string): ActionFigure[] => {
    const a = byId.get(id);
    return a ? [a] : [];
  };
  return {
    planName: plan?.name ?? 'Improvement plan',
    today,
    areaFilter,
    headline: figures.headline,
    areas: figures.areas,
    overdue: open
      .filter((a) => a.daysOverdue !== null)
      .sort((a, b) => (b.daysOverdue ?? 0) - (a.daysOverdue ?? 0) || a.dueDate.localeCompare(b.dueDate)),
    dueSoon: open
      .filter((a) => a.dueDate >= today && a.dueDate <= soonLimit)
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate)),
    changes: {
      since: localDate(since, options.timeZone),
      updates: changes.updates,
      actionsUpdated: changes.actionsUpdated,
      completed: changes.completedIds.flatMap(known),
      ragChanges: changes.ragChanges.flatMap((c) => known(c.actionId).map((action) => ({ ...c, action }))),
      newDates: newDates.flatMap((d) =>
        known(d.actionId).map((action) => ({ action, from: d.currentDueDate, to: d.requestedDate })),
      ),
      escalations: escalations.flatMap((e) =>
        known(e.actionId).map((action) => ({
          action,
          escalatedOn: e.escalatedOn,
          workingDaysOverdue: e.workingDaysOverdue,
          ownerRoles: e.ownerRoles,
        })),
      ),
    },
    unreachable: unreachable.map((u) => ({ name: u.name, kind: u.kind, why: unreachableWhy(u) })),
    pulse: await pulseSection(db, orgId, options.minGroup),
    dashboardUrl: dashboardLink({
      publicUrl: options.publicUrl,
      teamsAppId: options.teamsAppId,
      areas: areaFilter,
    }),
  };
}

/** The latest closed Health Check round, with only the figures that pass the anonymity threshold. */
async function pulseSection(db: Executor, orgId: string, minGroup: number): Promise<DigestPulse | null> {
  const results = await latestResults(db, orgId, minGroup);
  if (!results) return null;
  return {
    roundName: results.round.name,
    previousRoundName: results.previous?.name ?? null,
    responseRate: results.round.responseRate,
    statements: results.statements.map((s) => ({
      text: s.text,
      percent: s.suppressed ? null : s.percentAgree,
      change: s.suppressed ? null : s.change,
    })),
  };
}
