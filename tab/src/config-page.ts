import { app, pages } from '@microsoft/teams-js';
import { h, render } from './dom.js';
import { applyTheme, asTheme } from './teams-host.js';

/**
 * The configuration page of the "Plan dashboard" tab (manifest configurableTabs): the person adding the tab
 * may pick a priority area to open on; Save sets the content URL the channel tab will load.
 */
async function start(root: HTMLElement): Promise<void> {
  await app.initialize();
  const context = await app.getContext();
  applyTheme(asTheme(context.app.theme));
  app.registerOnThemeChangeHandler((theme) => applyTheme(asTheme(theme)));
  const area = h('input', { id: 'config-area', name: 'area', type: 'text', autocomplete: 'off' });
  render(
    root,
    h('h1', {}, 'Plan dashboard'),
    h(
      'p',
      {},
      'Shows the improvement plan at a glance: status by priority area, overdue actions, the Health Check.',
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'config-area' }, 'Open on priority area (optional)'),
      h('span', { class: 'hint', id: 'config-area-hint' }, 'Leave empty for the whole plan.'),
      area,
    ),
  );
  area.setAttribute('aria-describedby', 'config-area-hint');
  pages.config.registerOnSaveHandler((event) => {
    const url = new URL('/tab/index.html', location.origin);
    url.searchParams.set('view', 'plan');
    if (area.value.trim()) url.searchParams.set('area', area.value.trim());
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
