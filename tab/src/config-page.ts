import { app, authentication, pages } from '@microsoft/teams-js';
import { createApi } from './api.js';
import { h, render } from './dom.js';
import { applyTheme, asTheme } from './teams-host.js';

/**
 * The configuration page of the "Plan dashboard" tab (manifest configurableTabs): the person adding the tab
 * may pick a priority area to open on (the plan's own names, so no typing); Save sets the URL the tab loads.
 */
async function start(root: HTMLElement): Promise<void> {
  await app.initialize();
  const context = await app.getContext();
  applyTheme(asTheme(context.app.theme));
  app.registerOnThemeChangeHandler((theme) => applyTheme(asTheme(theme)));
  const api = createApi(async () => `Bearer ${await authentication.getAuthToken()}`);
  const problem = h('p', { class: 'problem', role: 'alert' });
  const area = h('select', { id: 'config-area', name: 'area' }, h('option', { value: '' }, 'The whole plan'));
  render(
    root,
    h('h1', {}, 'Plan dashboard'),
    h(
      'p',
      {},
      'Shows the improvement plan at a glance: status by priority area, overdue actions, the Health Check.',
    ),
    h('div', { class: 'field' }, h('label', { for: 'config-area' }, 'Open on priority area'), area),
    problem,
  );
  try {
    const { areas } = await api.get<{ areas: string[] }>('/api/tab/areas');
    for (const name of areas) area.append(h('option', { value: name }, name));
  } catch (error) {
    problem.textContent = `${error instanceof Error ? error.message : String(error)} The tab will show the whole plan.`;
  }
  pages.config.registerOnSaveHandler((event) => {
    const url = new URL('/tab/index.html', location.origin);
    url.searchParams.set('view', 'plan');
    if (area.value) url.searchParams.set('area', area.value);
    pages.config
      .setConfig({
        entityId: 'plan-dashboard',
        contentUrl: url.toString(),
        websiteUrl: url.toString(),
        suggestedDisplayName: 'Plan dashboard',
      })
      .then(() => event.notifySuccess())
      .catch((error: unknown) => event.notifyFailure(String(error)));
  });
  // why: Teams keeps Save disabled until the page says its settings are valid; the defaults are.
  pages.config.setValidityState(true);
}

const root = document.getElementById('app') as HTMLElement;
start(root).catch((error: unknown) => {
  render(root, h('p', { role: 'alert', class: 'problem' }, `Could not set up the tab: ${String(error)}`));
});
