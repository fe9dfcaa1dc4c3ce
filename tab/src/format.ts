/** Display words shared by the tab's views; RAG is always shown with its word, never by colour alone. */
export type Rag = 'red' | 'amber' | 'green';

export function ragText(rag: Rag | null): string {
  if (rag === null) return 'No update yet';
  return { red: 'Red (off track)', amber: 'Amber (at risk)', green: 'Green (on track)' }[rag];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '2020-03-31' → '31 Mar 2020' (the plan's dates are calendar dates, not instants). */
export function shortDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** An instant in the viewer's own time, e.g. '2 Mar 2020, 09:31'. */
export function dateTime(iso: string): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `${at.getDate()} ${MONTHS[at.getMonth()]} ${at.getFullYear()}, ${time}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const KIND_WORDS: Record<string, string> = {
  update: 'Update',
  on_track: 'On track',
  done: 'Done',
  reopen: 'Reopened',
  help: 'Asked for help',
  date_change: 'New date',
};
export const updateKind = (kind: string) => KIND_WORDS[kind] ?? kind;
