import type { IsoDate } from '../calendar/iso-date.js';
import type { Rag } from '../db/schema.js';
import type { ActionFigure, AreaFigures, HeadlineCounts } from './plan-figures.js';

/** One Health Check statement's latest figure; null percent = suppressed (too few answered). */
export interface DigestStatement {
  text: string;
  percent: number | null;
  /** Percentage points since the previous round, when both rounds pass the threshold. */
  change: number | null;
}

export interface DigestPulse {
  roundName: string;
  /** The previous round's name, for "(+6 since October)". */
  previousRoundName: string | null;
  /** Share of the audience that answered, 0–100; null when not shown. */
  responseRate: number | null;
  statements: DigestStatement[];
}

export interface DigestRagChange {
  action: ActionFigure;
  from: Rag | null;
  to: Rag;
}

export interface DigestNewDate {
  action: ActionFigure;
  from: IsoDate;
  to: IsoDate;
}

export interface DigestEscalation {
  action: ActionFigure;
  escalatedOn: IsoDate;
  workingDaysOverdue: number;
  /** Owner roles when escalated. */
  ownerRoles: string[];
}

export interface DigestChanges {
  since: IsoDate;
  updates: number;
  actionsUpdated: number;
  completed: ActionFigure[];
  ragChanges: DigestRagChange[];
  /** Due dates moved by an approved request in the week. */
  newDates: DigestNewDate[];
  /** Actions escalated to the programme leads in the seven days before today. */
  escalations: DigestEscalation[];
}

export interface DigestUnreachable {
  name: string;
  kind: 'person' | 'channel' | 'chat';
  /** Why, in words a programme lead can act on (see unreachableWhy). */
  why: string;
}

/** Everything the weekly digest card shows, already counted: the card only lays it out. */
export interface DigestView {
  planName: string;
  today: IsoDate;
  /** Priority areas the digest is limited to; empty = the whole plan. */
  areaFilter: string[];
  headline: HeadlineCounts;
  areas: AreaFigures[];
  /** Open actions due before today, most overdue first. */
  overdue: ActionFigure[];
  /** Open actions due from today to 14 days ahead, soonest first. */
  dueSoon: ActionFigure[];
  changes: DigestChanges;
  unreachable: DigestUnreachable[];
  /** Null until a Health Check round has closed. */
  pulse: DigestPulse | null;
  /** Link to the Plan dashboard tab (a Teams deep link with TEAMS_APP_ID); null when PUBLIC_URL is not set. */
  dashboardUrl: string | null;
}
