import type {
  TabAction,
  TabHistoryEntry,
  TabMyActions,
  TabUpdateResult,
} from '../../src/http/tab-api.types.js';
import type { Api } from './api.js';
import { h, render } from './dom.js';
import { dateTime, plural, ragText, shortDate, updateKind } from './format.js';
import { type FormMode, newKey, updateForm } from './update-form.js';

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
  const slot = h('div', { class: 'form-slot', id: `form-${action.id}` });
  const opener = (mode: FormMode, label: string, aria: string, primary: boolean) => {
    const button = h(
      'button',
      {
        type: 'button',
        class: primary ? 'primary' : undefined,
        'aria-expanded': 'false',
        'aria-controls': slot.id,
        'aria-label': aria,
      },
      label,
    );
    button.addEventListener('click', () => openForm(mode, button));
    return button;
  };
  let opened: HTMLButtonElement | null = null;
  const close = () => {
    slot.replaceChildren();
    opened?.setAttribute('aria-expanded', 'false');
    opened?.focus();
    opened = null;
  };
  const openForm = (mode: FormMode, button: HTMLButtonElement) => {
    const again = opened === button;
    close();
    if (again) return;
    opened = button;
    button.setAttribute('aria-expanded', 'true');
    const path = `/api/tab/actions/${action.id}/${mode === 'done' ? 'done' : 'updates'}`;
    const form = updateForm({
      action,
      mode,
      cancel: close,
      submit: async (input) => {
        const result = await api.post<TabUpdateResult>(path, mode === 'done' ? doneBody(input) : input);
        if (result.outcome === 'refused') throw new Error(result.message);
        notice.textContent = result.message;
        if (result.action) replace(result.action);
        document.getElementById(`action-${action.id}`)?.focus();
      },
    });
    slot.replaceChildren(form);
    form.querySelector<HTMLElement>('input[name="rag"]:checked, textarea')?.focus();
  };
  const toggle = opener('update', `Update ${action.ref}`, `Update ${action.ref}`, true);
  const doneButton = opener('done', 'Done', `Mark ${action.ref} done`, false);
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
    action.canUpdate && action.state === 'open'
      ? h('div', { class: 'buttons' }, onTrack, toggle, doneButton)
      : null,
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

/** The Done route takes only what the person wrote; the server sets green and 100%. */
function doneBody(input: unknown) {
  const { narrative, evidenceUrl, idempotencyKey } = input as Record<string, unknown>;
  return { narrative, evidenceUrl, idempotencyKey };
}
