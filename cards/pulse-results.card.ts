import { shortDate } from '../src/calendar/iso-date.js';
import type { ShownComment } from '../src/pulse/pulse-comments.repository.js';
import type { RoundResults, StatementResult } from '../src/pulse/pulse-results.js';
import { type AdaptiveCard, adaptiveCard, type CardElement, escapeText, heading, text } from './card-kit.js';

export interface PulseResultsView {
  results: RoundResults | null;
  minGroup: number;
  /** Team figures (for leads and admins); already suppressed by the results service. */
  showTeams: boolean;
  /** Comments, only for roles allowed to see them; undefined = not allowed. */
  comments?: ShownComment[];
}

export const MAX_COMMENTS_SHOWN = 10;

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

function statementLines(
  s: StatementResult,
  i: number,
  results: RoundResults,
  minGroup: number,
): CardElement[] {
  const lines: CardElement[] = [
    text(`${i + 1}. ${escapeText(s.text)}`, { weight: 'Bolder', spacing: 'Medium' }),
  ];
  if (s.percentAgree === null || !s.distribution) {
    lines.push(
      text(`Not shown: fewer than ${minGroup} people gave a view.`, { isSubtle: true, spacing: 'None' }),
    );
    return lines;
  }
  const since =
    s.change !== null && results.previous
      ? ` (${signed(s.change)} since ${escapeText(results.previous.name)})`
      : '';
  lines.push(
    text(`**${s.percentAgree}% agree**${since}, of ${s.views} who gave a view`, { spacing: 'None' }),
  );
  const d = s.distribution;
  lines.push(
    text(
      `Strongly agree ${d.stronglyAgree} · Agree ${d.agree} · Neither ${d.neither} · Disagree ${d.disagree} · Strongly disagree ${d.stronglyDisagree} · Prefer not to say ${d.preferNotToSay}`,
      { isSubtle: true, size: 'Small', spacing: 'None' },
    ),
  );
  if (s.measures.length) {
    const refs = [...new Set(s.measures.map((m) => m.actionRef))].join(', ');
    lines.push(
      text(`Plan measure for action ${escapeText(refs)}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
    );
  }
  return lines;
}

function teamLines(results: RoundResults, minGroup: number): CardElement[] {
  const lines: CardElement[] = [heading(`By team (groups of ${minGroup} or more)`)];
  for (const t of results.teams) {
    const figures = t.statements.map(
      (s, i) => `${i + 1}: ${s.percentAgree === null ? '–' : `${s.percentAgree}%`}`,
    );
    lines.push(
      text(`**${escapeText(t.team)}**: ${t.respondents} answered (${t.responseRate}%)`, { spacing: 'Small' }),
    );
    lines.push(
      text(`% agree by statement: ${figures.join(' · ')}`, {
        isSubtle: true,
        size: 'Small',
        spacing: 'None',
      }),
    );
  }
  if (results.teamsNotShown) {
    lines.push(
      text(
        `${results.teamsNotShown} group${results.teamsNotShown === 1 ? '' : 's'} not shown, so no one's answers can be worked out.`,
        {
          isSubtle: true,
        },
      ),
    );
  }
  return lines;
}

function commentLines(comments: ShownComment[]): CardElement[] {
  const lines: CardElement[] = [heading(`Comments (${comments.length})`)];
  if (comments.length === 0) lines.push(text('No comments.', { isSubtle: true }));
  for (const c of comments.slice(0, MAX_COMMENTS_SHOWN)) {
    lines.push(
      text(`“${escapeText(c.text)}”${c.team ? ` (${escapeText(c.team)})` : ''}`, { spacing: 'Small' }),
    );
  }
  if (comments.length > MAX_COMMENTS_SHOWN)
    lines.push(text(`and ${comments.length - MAX_COMMENTS_SHOWN} more`, { isSubtle: true }));
  return lines;
}

/** The latest closed round: per statement % agreeing and the trend, with every small group withheld. */
export function buildPulseResultsCard(view: PulseResultsView): AdaptiveCard {
  const r = view.results;
  if (!r) {
    return adaptiveCard([
      heading('CIS Health Check results'),
      text('No Health Check round has closed yet. Results appear after a round closes.'),
    ]);
  }
  const body: CardElement[] = [heading(`CIS Health Check results: ${escapeText(r.round.name)}`)];
  if (r.round.suppressed) {
    body.push(
      text(
        `Closed ${shortDate(r.round.closedOn)}. Fewer than ${view.minGroup} people answered, so no figures are shown.`,
      ),
    );
    return adaptiveCard(body);
  }
  body.push(
    text(
      `Closed ${shortDate(r.round.closedOn)} · ${r.round.respondents} of ${r.round.audience} answered (${r.round.responseRate}%)`,
      {
        isSubtle: true,
        spacing: 'Small',
      },
    ),
    ...r.statements.flatMap((s, i) => statementLines(s, i, r, view.minGroup)),
  );
  if (view.showTeams) body.push(...teamLines(r, view.minGroup));
  if (view.comments) body.push(...commentLines(view.comments));
  return adaptiveCard(body);
}
