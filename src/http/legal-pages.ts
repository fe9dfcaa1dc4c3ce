import { createHash } from 'node:crypto';
import type { Config } from '../config/config.schema.js';

/** The settings the pages describe, so each installation's notice says what it actually does. */
export type LegalPageSettings = Pick<Config, 'PULSE_MIN_GROUP' | 'RETENTION_DAYS'>;

// why: one small inline style, allowed by its hash, so the pages need no other file and run no script.
const STYLE = `body{margin:0;font:16px/1.5 "Segoe UI",system-ui,sans-serif;color:#1b1b1b;background:#fff}
main{max-width:46rem;margin:0 auto;padding:1.5rem 1rem 3rem}h1{font-size:1.75rem;line-height:1.2}
h2{font-size:1.25rem;margin-top:2rem}a{color:#0f5cad}a:focus{outline:3px solid #1b1b1b;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:600}
th,td{border:1px solid #8a8a8a;padding:.4rem .5rem;text-align:left;vertical-align:top}th{background:#f0f0f0}
code{font-family:Consolas,monospace;background:#f0f0f0;padding:0 .2rem}
@media (prefers-color-scheme:dark){body{color:#f0f0f0;background:#1f1f1f}a{color:#8cc4ff}
a:focus{outline-color:#f0f0f0}th,code{background:#333}th,td{border-color:#8a8a8a}}`;

export const LEGAL_STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

function page(title: string, body: string, other: { href: string; label: string }): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Practice Pulse</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Practice Pulse: ${title.toLowerCase()}</h1>
${body}
<p><a href="${other.href}">${other.label}</a></p>
</main>
</body>
</html>
`;
}

const STORED: [string, string, string][] = [
  [
    'Roster',
    "People's names, email / UPN, Entra object id, team and service, roles held, delegates, whether they are a social worker",
    'Until removed from the roster',
  ],
  [
    'Plan',
    'Priority areas, objectives, actions, owners (by role), due dates, measures',
    'Until the plan is re-imported',
  ],
  [
    'Status updates',
    'Action, author, RAG (red, amber, green), percent complete, narrative, evidence link, blockers, requested date, time',
    'RAG, percent and dates for good; narrative, blockers and reasons until the retention purge',
  ],
  [
    'Audit log',
    'Who changed what and when, before and after',
    'For good (free text inside is removed by the purge)',
  ],
  [
    'Conversation references',
    'The Teams ids needed to message a person, chat or channel',
    'While the app is installed',
  ],
  [
    'Outbox',
    'Each message the app sends on its own (the card) and its delivery state',
    'Delivery state for good; cards of sent messages until the retention purge',
  ],
  [
    'Health Check',
    'Rounds, statements, answers (1 to 5 or “prefer not to say”), optional comments; separately, who has answered (for nudges only)',
    'Answers for good (anonymous); comments until the retention purge',
  ],
];

function retention(settings: LegalPageSettings): string {
  const days = settings.RETENTION_DAYS;
  return days
    ? `In this installation the purge runs every night and removes such text once it is more than ${days} days old.`
    : 'In this installation no automatic purge is set: such text is kept until the programme office runs a purge.';
}

/** The privacy notice: what README's "Data and privacy" says, for the people who use the app. */
export function privacyPage(settings: LegalPageSettings): string {
  const rows = STORED.map(
    ([what, contents, kept]) => `<tr><th scope="row">${what}</th><td>${contents}</td><td>${kept}</td></tr>`,
  ).join('\n');
  return page(
    'Privacy notice',
    `<p>Practice Pulse is your council's Microsoft Teams app for its improvement plan: reminders and status updates
for action owners, short anonymous Health Check pulses for social workers, and weekly digests and a dashboard for
leaders. The council that installed it runs it in its own Microsoft 365 tenant and is responsible for the data
(the data controller). Ask the improvement programme office, or the council's data protection officer, about your
data or your rights.</p>

<h2>What is stored</h2>
<p>Everything is stored in the council's own database.</p>
<table>
<caption>Data Practice Pulse stores</caption>
<thead><tr><th scope="col">Data</th><th scope="col">Contents</th><th scope="col">Kept</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>

<h2>Who sees what</h2>
<ul>
<li>An action can be updated only by its owners, their delegates, programme leads and administrators. The check
is made on the server from your Microsoft 365 (Entra) identity, never from what a card sends.</li>
<li>Your reminders, and what you ask about your own actions, come to your 1:1 chat with the app, not to group
chats or channels.</li>
<li>Weekly digests of the plan's progress (actions, their owners' roles, status and deadlines, and Health Check
results) go only to the channels and chats someone subscribed with <code>digest here</code>.</li>
<li>Requests from other organisations' tenants are refused, and in production every request from Teams must carry
a valid Bot Framework token.</li>
</ul>

<h2>Health Check pulses are anonymous</h2>
<ul>
<li>What you answered and whether you answered are stored apart. Whether you answered is used only to decide who
gets a reminder to answer.</li>
<li>The link that lets you change your own answers until the round closes is destroyed when it closes. After that
nobody, including administrators with access to the database, can tell whose answers are whose.</li>
<li>No figure is shown for a group of fewer than ${settings.PULSE_MIN_GROUP} people who answered, and results
appear only after a round closes.</li>
<li>Comments are never shown with a name or team, and only to the roles allowed to read them. Please do not put
anything in a comment that would identify you or anyone else.</li>
</ul>

<h2>How long it is kept</h2>
<p>A purge removes free text written before a date: the narrative and blockers of status updates, the reasons
given for new due dates and for decisions on them, the comments of Health Check rounds that closed before the
date, and the same text where it was copied into the audit log or into messages sent. RAG, percent, dates,
authors, Health Check figures and the audit entries themselves stay, so the history of the plan is intact. Each
purge is recorded in the audit log (the date and the counts, never the text).</p>
<p>${retention(settings)}</p>

<h2>Logs</h2>
<p>The app's logs and metrics never contain passwords, tokens, update narratives, comments or Health Check
answers.</p>`,
    { href: '/terms.html', label: 'Terms of use' },
  );
}

/** Terms of use of an internal tool: who may use it, what belongs in it, and what it is not. */
export function termsPage(): string {
  return page(
    'Terms of use',
    `<p>Practice Pulse is an internal tool of the council that installed it in its Microsoft 365 tenant. By using
it you agree to these terms, alongside the council's own policies on acceptable use of IT and on information
governance, which always apply.</p>

<h2>Who may use it</h2>
<p>People the improvement programme office has put on the programme's roster, signed in with their council
account, for their work on the improvement plan and its Health Check. Access follows your role: the app decides
what you can see and change from your identity, and the programme office keeps the roster up to date.</p>

<h2>What to write</h2>
<ul>
<li>Status updates, blockers, reasons and evidence links are work records. Owners, their delegates, programme
leads and administrators can read them, and their figures appear in digests and reports to the programme and
improvement boards. Keep them factual and professional.</li>
<li>Do not put personal details of children, families, carers or staff, or any case information, in updates,
reasons or comments. Point to the council's own systems instead: an evidence link is a link, and the app does
not copy what it points to.</li>
<li>Health Check comments are anonymous only as long as they do not identify you or anyone else.</li>
</ul>

<h2>What it is, and is not</h2>
<ul>
<li>The improvement plan approved by the board is the record of what is to be done and by when; the app helps
keep it moving. Reminders are an aid: action owners remain responsible for their actions and deadlines.</li>
<li>The app is provided for internal use as it is. The council may change it, pause it or withdraw it, and may
change these terms; the version at this address is the current one.</li>
<li>Use of the app is recorded in an audit log (who changed what, and when).</li>
</ul>

<h2>Problems and concerns</h2>
<p>Tell the improvement programme office about anything wrong in the plan or the roster, a message you should
not have received, or any misuse. Questions about your data go to the council's data protection officer.</p>`,
    { href: '/privacy.html', label: 'Privacy notice' },
  );
}
