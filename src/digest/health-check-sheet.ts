import type { Column } from './export-columns.js';
import type { ExportData } from './export-data.js';

type Round = ExportData['rounds'][number];
type Statement = Round['statements'][number];

/** One row per round and statement; a suppressed figure is blank with the reason, never a number. */
export interface HealthCheckRow {
  round: Round['round'];
  statement: Statement;
  minGroup: number;
}

const shown = <T>(row: HealthCheckRow, value: T | null): T | null =>
  row.statement.suppressed || row.round.suppressed ? null : value;
const dist = (row: HealthCheckRow, key: keyof NonNullable<Statement['distribution']>) =>
  shown(row, row.statement.distribution?.[key] ?? null);
const isoToDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const HEALTH_CHECK_COLUMNS: Column<HealthCheckRow>[] = [
  { header: 'Round', width: 22, kind: 'text', value: (r) => r.round.name },
  { header: 'Closed on', width: 12, kind: 'date', value: (r) => isoToDate(r.round.closesOn) },
  { header: 'Statement', width: 50, kind: 'text', value: (r) => r.statement.text },
  { header: 'Asked', width: 8, kind: 'number', value: (r) => r.round.audience },
  { header: 'Answered', width: 9, kind: 'number', value: (r) => shown(r, r.round.respondents) },
  { header: 'Response rate %', width: 10, kind: 'number', value: (r) => shown(r, r.round.responseRate) },
  { header: 'Gave a view', width: 8, kind: 'number', value: (r) => shown(r, r.statement.views) },
  { header: '% agree', width: 8, kind: 'number', value: (r) => shown(r, r.statement.percentAgree) },
  { header: 'Change (points)', width: 9, kind: 'number', value: (r) => shown(r, r.statement.change) },
  { header: 'Strongly disagree', width: 9, kind: 'number', value: (r) => dist(r, 'stronglyDisagree') },
  { header: 'Disagree', width: 9, kind: 'number', value: (r) => dist(r, 'disagree') },
  { header: 'Neither', width: 9, kind: 'number', value: (r) => dist(r, 'neither') },
  { header: 'Agree', width: 9, kind: 'number', value: (r) => dist(r, 'agree') },
  { header: 'Strongly agree', width: 9, kind: 'number', value: (r) => dist(r, 'stronglyAgree') },
  { header: 'Prefer not to say', width: 9, kind: 'number', value: (r) => dist(r, 'preferNotToSay') },
  {
    header: 'Note',
    width: 34,
    kind: 'text',
    value: (r) => (shown(r, true) ? null : `Not shown: fewer than ${r.minGroup} answered`),
  },
];

export function healthCheckRows(data: ExportData): HealthCheckRow[] {
  return data.rounds.flatMap((r) =>
    r.statements.map((statement) => ({ round: r.round, statement, minGroup: data.minGroup })),
  );
}
