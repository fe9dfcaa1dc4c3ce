import { type AdaptiveCard, adaptiveCard, escapeText, facts, heading, text } from './card-kit.js';

export interface WhoamiView {
  displayName: string;
  email: string;
  team: string | null;
  roles: { code: string; title: string }[];
  access: 'admin' | 'lead' | null;
  isSocialWorker: boolean;
  delegateName: string | null;
  actionCount: number;
}

/** What the bot knows about the person asking: from the roster, matched by their Entra object id. */
export function buildWhoamiCard(view: WhoamiView): AdaptiveCard {
  const roles = view.roles.length
    ? view.roles.map((r) => `${escapeText(r.title)} (${escapeText(r.code)})`).join(', ')
    : 'none';
  const access = { admin: 'Programme office (admin)', lead: 'Programme lead' } as const;
  return adaptiveCard([
    heading(escapeText(view.displayName)),
    facts([
      ['Email', escapeText(view.email)],
      ['Team', escapeText(view.team ?? '—')],
      ['Roles', roles],
      ['Actions you act for', String(view.actionCount)],
      ['Access', view.access ? access[view.access] : 'Standard'],
      ['Health Check pulses', view.isSocialWorker ? 'Yes, you are asked' : 'No'],
      ['Delegate', escapeText(view.delegateName ?? 'none')],
    ]),
    text('Something wrong? Ask the programme office to update the roster.', { isSubtle: true }),
  ]);
}
