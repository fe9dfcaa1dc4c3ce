/** Small shared pieces for building Adaptive Cards (schema 1.5, Teams' limit) as plain JSON. */
export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  msteams?: Record<string, unknown>;
  refresh?: Record<string, unknown>;
}

export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/**
 * Makes text typed by people show literally: Adaptive Card TextBlocks render a markdown subset (bold, italic,
 * links, lists), so its control characters are escaped and HTML angle brackets are neutralised. Ordinary
 * punctuation such as "re-launch" is left alone so it reads naturally.
 */
export function escapeText(text: string): string {
  return text
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/\\/g, '\\\\')
    .replace(/([*_[\]])/g, '\\$1')
    .replace(/^(\s*)([-+#])/gm, '$1\\$2')
    .replace(/^(\s*)(\d+)\./gm, '$1$2\\.');
}

export function text(value: string, options: CardElement = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string): CardElement {
  return text(value, { size: 'Medium', weight: 'Bolder', style: 'heading' });
}

export function facts(pairs: [string, string][]): CardElement {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) };
}

/** An Action.Execute (universal action) whose data also carries the verb for the Action.Submit fallback. */
export function execute(
  title: string,
  verb: string,
  data: Record<string, unknown> = {},
  extra: CardElement = {},
): CardElement {
  return { type: 'Action.Execute', title, verb, data: { verb, ...data }, ...extra };
}

export function openUrl(title: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title, url };
}

/** RAG shown with its word, never by colour alone. */
export function ragText(rag: 'red' | 'amber' | 'green' | null): string {
  if (rag === null) return 'No update yet';
  return { red: 'Red (off track)', amber: 'Amber (at risk)', green: 'Green (on track)' }[rag];
}

export function ragColor(rag: 'red' | 'amber' | 'green' | null): string {
  if (rag === null) return 'Default';
  return { red: 'Attention', amber: 'Warning', green: 'Good' }[rag];
}

/** "3 days ago", "today": calendar days between an instant and now. */
export function ago(at: Date, now: Date): string {
  const day = (x: Date) => Date.UTC(x.getUTCFullYear(), x.getUTCMonth(), x.getUTCDate());
  const d = Math.round((day(now) - day(at)) / 86_400_000);
  if (d <= 0) return 'today';
  if (d === 1) return 'yesterday';
  return `${d} days ago`;
}

/** The first line (or first 120 characters) of an action's text. */
export function firstLine(value: string, max = 120): string {
  const line = value.split(/\r?\n/)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}
