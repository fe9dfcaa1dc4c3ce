import { ApiError, createApi } from './api.js';
import { showDashboard } from './dashboard.view.js';
import { h, render } from './dom.js';
import { showMyActions } from './my-actions.view.js';
import { chooseHost } from './sign-in.js';
import { applyTheme } from './teams-host.js';

/**
 * Entry of /tab/index.html: `?view=mine` (personal tab "My actions") or `?view=plan` ("Plan dashboard", a
 * personal tab and a channel tab).
 */
async function start(root: HTMLElement): Promise<void> {
  const query = new URLSearchParams(location.search);
  const host = await chooseHost(root);
  if (!host) return;
  applyTheme(host.theme);
  host.onThemeChange(applyTheme);
  const api = createApi(host.credentials);
  // why: the personal "Plan dashboard" tab has a fixed URL, so a digest's deep link carries its priority
  // areas as the sub-page id (`area=…&area=…`, src/digest/dashboard-link.ts) instead of in the URL.
  for (const area of new URLSearchParams(host.subPageId).getAll('area')) query.append('area', area);
  if (query.get('view') === 'plan') await showDashboard(root, api, query);
  else await showMyActions(root, api);
  // why: the first-render figure (bench and browser tests) is read from this mark.
  performance.mark('practice-pulse:first-render');
}

const root = document.getElementById('app') as HTMLElement;
start(root).catch((error: unknown) => {
  const message =
    error instanceof ApiError || error instanceof Error
      ? error.message
      : 'Something went wrong loading the tab.';
  render(root, h('h1', {}, 'Practice Pulse'), h('p', { role: 'alert', class: 'problem' }, message));
});
