import { h, render } from './dom.js';
import { connectTeams, devHost, type Host, insideTeams } from './teams-host.js';

const DEV_KEY = 'practice-pulse.dev-sign-in';

interface DevPerson {
  objectId: string;
  name: string;
  roles: string[];
}

/**
 * In Teams: the Teams host (SSO). In a plain browser: the development sign-in, which the server offers
 * only with ENV=local; anywhere else the page says to open it in Teams.
 */
export async function chooseHost(root: HTMLElement): Promise<Host | null> {
  if (insideTeams()) return connectTeams();
  const remembered = sessionStorage.getItem(DEV_KEY);
  if (remembered) return devHost(remembered);
  const res = await fetch('/api/tab/dev/people');
  if (!res.ok) {
    render(root, h('h1', {}, 'Practice Pulse'), h('p', {}, 'Open this tab in Microsoft Teams to sign in.'));
    return null;
  }
  const people = (await res.json()) as DevPerson[];
  return new Promise((resolve) => {
    const select = h(
      'select',
      { id: 'dev-person', name: 'person' },
      ...people.map((p) =>
        h('option', { value: p.objectId }, `${p.name}${p.roles.length ? ` (${p.roles.join(', ')})` : ''}`),
      ),
    );
    const form = h(
      'form',
      { class: 'card' },
      h('h1', {}, 'Development sign-in'),
      h('p', { class: 'muted' }, 'ENV=local only: pick a person from the roster to see the tab as them.'),
      h('div', { class: 'field' }, h('label', { for: 'dev-person' }, 'Person'), select),
      h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      sessionStorage.setItem(DEV_KEY, select.value);
      resolve(devHost(select.value));
    });
    render(root, form);
    select.focus();
  });
}
