import { buildWhoamiCard } from '../../cards/whoami.card.js';
import { findPersonById } from '../../src/people/people.repository.js';
import { listActionsFor } from '../../src/plan/action.repository.js';
import { loadRoles } from '../../src/roster/roles-import.js';
import { replyCard } from '../turn.js';
import type { BotCommand } from './command.js';
import { replyNotOnRoster } from './not-on-roster.js';

export const whoamiCommand: BotCommand = {
  personalOnly: true,
  usage: 'whoami',
  summary: 'What I know about you: roles, access, delegate.',
  pattern: /^who\s?am\s?i\??$/i,
  async run(turn) {
    if (!turn.viewer) return replyNotOnRoster(turn);
    const { person, roles } = turn.viewer;
    const titles = new Map((await loadRoles(turn.app.db, turn.orgId)).map((r) => [r.code, r.title]));
    const delegate = person.delegate_person_id
      ? await findPersonById(turn.app.db, turn.orgId, person.delegate_person_id)
      : undefined;
    const actions = await listActionsFor(turn.app.db, turn.orgId, person.id);
    await replyCard(
      turn,
      buildWhoamiCard({
        displayName: person.display_name,
        email: person.email,
        team: person.team,
        roles: roles.map((code) => ({ code, title: titles.get(code) ?? code })),
        access: person.access,
        isSocialWorker: person.is_social_worker,
        delegateName: delegate?.display_name ?? null,
        actionCount: actions.filter((a) => a.state === 'open').length,
      }),
    );
  },
};
