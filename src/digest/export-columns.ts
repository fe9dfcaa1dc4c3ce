import { localDate, localTime } from '../calendar/iso-date.js';
import type { Rag } from '../db/schema.js';
import type { UpdateRow } from './export-data.js';
import type { ActionFigure, StatusCategory } from './plan-figures.js';

export type CellKind = 'text' | 'date' | 'datetime' | 'number';
export type CellValue = string | number | Date | null;

export interface Column<T> {
  header: string;
  /** Width in characters (XLSX). */
  width: number;
  kind: CellKind;
  value(row: T, timeZone: string): CellValue;
}

/** The status word shown next to every colour: meaning is never carried by colour alone. */
export const STATUS_LABEL: Record<StatusCategory, string> = {
  onTrack: 'Green (on track)',
  atRisk: 'Amber (at risk)',
  offTrack: 'Red (off track)',
  noUpdateYet: 'No update yet',
  complete: 'Complete',
  withdrawn: 'Withdrawn',
};

export const RAG_LABEL: Record<Rag, string> = {
  green: STATUS_LABEL.onTrack,
  amber: STATUS_LABEL.atRisk,
  red: STATUS_LABEL.offTrack,
};

/** An instant as the plan's wall-clock time, for spreadsheets (which hold no time zone). */
export function wallClock(at: Date, timeZone: string): Date {
  return new Date(`${localDate(at, timeZone)}T${localTime(at, timeZone)}:00Z`);
}

const isoToDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const ACTION_COLUMNS: Column<ActionFigure>[] = [
  { header: 'Ref', width: 7, kind: 'text', value: (a) => a.ref },
  { header: 'Priority area', width: 24, kind: 'text', value: (a) => a.priorityArea },
  { header: 'Action', width: 60, kind: 'text', value: (a) => a.text },
  { header: 'Owner', width: 26, kind: 'text', value: (a) => a.ownersText || a.ownerRoles.join(', ') },
  { header: 'Due date', width: 12, kind: 'date', value: (a) => isoToDate(a.dueDate) },
  { header: 'Status', width: 18, kind: 'text', value: (a) => STATUS_LABEL[a.category] },
  { header: '% complete', width: 11, kind: 'number', value: (a) => a.percent },
  {
    header: 'Last update',
    width: 17,
    kind: 'datetime',
    value: (a, tz) => a.lastUpdateAt && wallClock(a.lastUpdateAt, tz),
  },
  { header: 'Working days overdue', width: 12, kind: 'number', value: (a) => a.daysOverdue },
  {
    header: 'No update in 30 days',
    width: 12,
    kind: 'text',
    value: (a) => (a.stale ? 'Yes' : a.state === 'open' ? 'No' : ''),
  },
];

export const UPDATE_COLUMNS: Column<UpdateRow>[] = [
  { header: 'When', width: 17, kind: 'datetime', value: (u, tz) => wallClock(u.at, tz) },
  { header: 'Ref', width: 7, kind: 'text', value: (u) => u.ref },
  { header: 'Priority area', width: 24, kind: 'text', value: (u) => u.priorityArea },
  { header: 'Kind', width: 11, kind: 'text', value: (u) => u.kind.replace(/_/g, ' ') },
  { header: 'Status', width: 18, kind: 'text', value: (u) => RAG_LABEL[u.rag] },
  { header: '% complete', width: 11, kind: 'number', value: (u) => u.percent },
  { header: 'What has happened', width: 60, kind: 'text', value: (u) => u.narrative },
  { header: 'Blockers', width: 30, kind: 'text', value: (u) => u.blockers },
  { header: 'Evidence', width: 30, kind: 'text', value: (u) => u.evidenceUrl },
  { header: 'By', width: 24, kind: 'text', value: (u) => u.author },
];
