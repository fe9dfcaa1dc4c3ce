import type {
  TabAction,
  TabHistoryEntry,
  TabMyActions,
  TabUpdateResult,
} from '../../src/http/tab-api.types.js';
import type { Api } from './api.js';
import { h, render } from './dom.js';
import { dateTime, plural, ragText, shortDate, updateKind } from './format.js';
import { newKey, updateForm } from './update-form.js';

/** The personal tab: the signed-in person's actions, soonest due first, each with its history and form. */
export async function showMyActions(root: HTMLElement, api: Api): Promise<void> {
  const data = await api.get<TabMyActions>('/api/tab/my-actions');
  const notice = h('p', { class: 'notice', role: 'status' });
  const list = h('div', { class: 'actions' });
  const replace = (action: TabAction) => {
    const index = data.actions.findIndex((a) => a.id === action.id);
    if (index >= 0) data.actions[index] = action;
    draw();
  };
  const draw = () => {
    list.replaceChildren(...data.actions.map((a) => actionCard(a, api, notice, replace)));
  };
  draw();
  const open = data.actions.filter((a) => a.state === 'open');
  const overdue = open.filter((a) => a.due.kind === 'overdue').length;
  render(
    root,
    h('h1', {}, 'My actions'),
    h(
      'p',
      { class: 'muted' },
      data.actions.length === 0
        ? 'You have no actions in the plan.'
        : `${data.person.name}: ${plural(open.length, 'open action')}${overdue ? `, ${overdue} overdue` : ''}.`,
    ),
    notice,
    list,
  );
}

function actionCard(
  action: TabAction,
  api: Api,
  notice: HTMLElement,
  replace: (a: TabAction) => void,
): HTMLElement {
  const slot = h('div', { class: 'form-slot' });
  const toggle = h(
    'button',
    { type: 'button', class: 'primary', 'aria-expanded': 'false', 'aria-controls': `form-${action.id}` },
    `Update ${action.ref}`,
  );
  slot.id = `form-${action.id}`;
  const close = () => {
    slot.replaceChildren();
    toggle.setAttribute('aria-expanded', 'false');
    toggle.focus();
  };
  toggle.addEventListener('click', () => {
    if (slot.childElementCount) return close();
    toggle.setAttribute('aria-expanded', 'true');
    const form = updateForm({
      action,
      cancel: close,
      submit: async (input) => {
        const result = await api.post<TabUpdateResult>(`/api/tab/actions/${action.id}/updates`, input);
        if (result.outcome === 'refused') throw new Error(result.message);
        notice.textContent = result.message;
        if (result.action) replace(result.action);
        document.getElementById(`action-${action.id}`)?.focus();
      },
    });
    slot.replaceChildren(form);
    form.querySelector<HTMLInputElement>('input[name="rag"]:checked')?.focus();
  });
  // why: one key per rendering of the card, so a double click records one "on track".
  const onTrackKey = newKey();
  const onTrack = h('button', { type: 'button', 'aria-label': `Mark ${action.ref} on track` }, 'On track');
  onTrack.addEventListener('click', async () => {
    onTrack.disabled = true;
    try {
      const result = await api.post<TabUpdateResult>(`/api/tab/actions/${action.id}/on-track`, {
        idempotencyKey: onTrackKey,
      });
      notice.textContent = result.message;
      if (result.action) replace(result.action);
      document.getElementById(`action-${action.id}`)?.focus();
    } catch (error) {
      notice.textContent = error instanceof Error ? error.message : String(error);
      onTrack.disabled = false;
    }
  });
  return h(
    'article',
    {
      class: `card due-${action.due.kind}`,
      id: `action-${action.id}`,
      tabindex: -1,
      'aria-labelledby': `t-${action.id}`,
    },
    h('h2', { id: `t-${action.id}` }, h('span', { class: 'ref' }, action.ref), ' ', action.text),
    h('p', { class: 'muted' }, `Objective ${action.objectiveNumber}: ${action.objectiveText}`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Due'),
      h('dd', {}, `${shortDate(action.dueDate)} · `, h('strong', { class: `due-label` }, action.due.label)),
      h('dt', {}, 'Status'),
      h('dd', {}, h('span', { class: `badge rag-${action.rag ?? 'none'}` }, action.status)),
      h('dt', {}, 'Owners'),
      h('dd', {}, action.ownersText),
    ),
    action.measures.length
      ? h(
          'details',
          {},
          h('summary', {}, `Judged by (${action.measures.length})`),
          h(
            'ul',
            {},
            ...action.measures.map((m) => h('li', {}, m.text, m.isHealthCheck ? ' (CIS Health Check)' : '')),
          ),
        )
      : null,
    history(action.history),
    action.canUpdate && action.state === 'open' ? h('div', { class: 'buttons' }, onTrack, toggle) : null,
    slot,
  );
}

function history(entries: TabHistoryEntry[]): HTMLElement {
  if (entries.length === 0) return h('p', { class: 'muted' }, 'No updates yet.');
  return h(
    'details',
    { class: 'history' },
    h('summary', {}, `History (${entries.length})`),
    h(
      'ol',
      {},
      ...entries.map((e) =>
        h(
          'li',
          {},
          h('strong', {}, `${updateKind(e.kind)}: ${ragText(e.rag)}, ${e.percent}%`),
          ` · ${dateTime(e.at)}${e.author ? ` · ${e.author}` : ''}`,
          e.narrative ? h('p', {}, e.narrative) : null,
          e.blockers ? h('p', {}, `Blockers: ${e.blockers}`) : null,
          e.evidenceUrl
            ? h(
                'p',
                {},
                h('a', { href: e.evidenceUrl, target: '_blank', rel: 'noopener noreferrer' }, 'Evidence'),
              )
            : null,
        ),
      ),
    ),
  );
}
