/** The JSON the tab API answers with: shared by the server (src/http/tab-*.ts) and the browser (tab/src). */
import type { HeadlineCounts, StatusCategory } from '../digest/plan-figures.js';

export type RagWord = 'red' | 'amber' | 'green';

export interface TabMe {
  name: string;
  roles: string[];
  /** May open the Plan dashboard (programme leads and admins: the digest's readers). */
  canSeePlan: boolean;
  canExport: boolean;
}

export interface TabHistoryEntry {
  kind: string;
  rag: RagWord;
  percent: number;
  narrative: string | null;
  evidenceUrl: string | null;
  blockers: string | null;
  author: string | null;
  at: string;
}

export interface TabAction {
  id: string;
  ref: string;
  text: string;
  priorityArea: string;
  objectiveNumber: number;
  objectiveText: string;
  ownersText: string;
  dueDate: string;
  dueText: string;
  due: { kind: 'upcoming' | 'today' | 'overdue' | 'complete' | 'withdrawn'; label: string };
  state: 'open' | 'complete' | 'withdrawn';
  rag: RagWord | null;
  percent: number | null;
  /** "Amber (at risk), 60%, 12 days ago", as the cards say it. */
  status: string;
  measures: { text: string; isHealthCheck: boolean }[];
  history: TabHistoryEntry[];
  canUpdate: boolean;
}

export interface TabMyActions {
  person: { id: string; name: string };
  today: string;
  actions: TabAction[];
}

export interface TabUpdateResult {
  outcome: 'recorded' | 'duplicate' | 'refused';
  message: string;
  action?: TabAction;
}

export type DashboardStatus = Exclude<StatusCategory, 'withdrawn'> | 'overdue';

export interface DashboardRow {
  ref: string;
  text: string;
  ownersText: string;
  dueDate: string;
  daysOverdue: number | null;
  rag: RagWord | null;
  percent: number | null;
  category: StatusCategory;
}

export interface DashboardObjective {
  area: string;
  number: number;
  text: string;
  counts: HeadlineCounts;
}

export interface DashboardPulse {
  minGroup: number;
  rounds: { name: string; closedOn: string; responseRate: number | null; responded: number | null }[];
  /** One series per statement, a value per round: percent agreeing, or null where too few answered. */
  statements: { text: string; values: (number | null)[] }[];
}

export interface TabDashboard {
  planName: string;
  today: string;
  filters: {
    areas: string[];
    roles: { code: string; title: string }[];
    /** Priority areas shown (empty: the whole plan); several when opened from a digest limited to them. */
    selected: { areas: string[]; role: string | null; status: DashboardStatus | null };
  };
  /** The digest's own figures (same function), for the selected priority area. */
  headline: HeadlineCounts;
  areas: { name: string; counts: HeadlineCounts }[];
  objectives: DashboardObjective[];
  overdue: DashboardRow[];
  dueSoon: DashboardRow[];
  timeline: { at: string; ref: string; kind: string; rag: RagWord; percent: number; author: string | null }[];
  pulse: DashboardPulse | null;
  unreachable: { name: string; kind: 'person' | 'channel' | 'chat'; why: string }[];
  canExport: boolean;
}
