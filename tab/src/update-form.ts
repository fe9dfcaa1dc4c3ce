import type { TabAction } from '../../src/http/tab-api.types.js';
import { firstProblem, statusUpdateInputSchema } from '../../src/updates/status-update.input.js';
import { h, uid } from './dom.js';
import { ragText } from './format.js';

export interface UpdateFormOptions {
  action: TabAction;
  /** Sends the parsed update; resolves with the message to show, rejects with an error to show. */
  submit(input: unknown): Promise<void>;
  cancel(): void;
}

/** A fresh idempotency key for one submit. */
export const newKey = () =>
  typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;

/**
 * The card's update form, in the tab: RAG (preselected from last time), percent, what has happened, evidence
 * link, blockers. Checked here with the card's own schema, and again on the server by the same service.
 */
export function updateForm({ action, submit, cancel }: UpdateFormOptions): HTMLFormElement {
  // why: one key per opened form, so a double click or a retried request records one update.
  const idempotencyKey = newKey();
  const id = uid(`update-${action.ref}`);
  const field = (name: string, label: string, control: HTMLElement, hint?: string) => {
    control.id = `${id}-${name}`;
    control.setAttribute('name', name);
    if (hint) control.setAttribute('aria-describedby', `${id}-${name}-hint`);
    return h(
      'div',
      { class: 'field' },
      h('label', { for: control.id }, label),
      hint ? h('span', { class: 'hint', id: `${id}-${name}-hint` }, hint) : null,
      control,
    );
  };
  const rags = (['green', 'amber', 'red'] as const).map((rag) =>
    h(
      'label',
      { class: `choice rag-${rag}` },
      h('input', {
        type: 'radio',
        name: 'rag',
        value: rag,
        checked: (action.rag ?? 'green') === rag,
        id: `${id}-rag-${rag}`,
      }),
      ragText(rag),
    ),
  );
  const problem = h('p', { class: 'problem', role: 'alert', id: `${id}-problem` });
  const form = h(
    'form',
    { class: 'update-form', 'aria-label': `Update ${action.ref}`, novalidate: true },
    h('fieldset', { class: 'rags' }, h('legend', {}, 'Status'), ...rags),
    field(
      'percent',
      'Percent complete',
      h('input', {
        type: 'number',
        min: 0,
        max: 100,
        step: 1,
        inputmode: 'numeric',
        value: action.percent ?? 0,
      }),
    ),
    field('narrative', 'What has happened', h('textarea', { rows: 3 })),
    field('evidenceUrl', 'Evidence link', h('input', { type: 'url', placeholder: 'https://' }), 'Optional'),
    field('blockers', 'Blockers', h('textarea', { rows: 2 }), 'Optional'),
    problem,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary' }, 'Save update'),
      h('button', { type: 'button', onclick: cancel }, 'Cancel'),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const raw = {
      actionId: action.id,
      rag: data.get('rag') ?? undefined,
      percent: data.get('percent') === '' ? Number.NaN : Number(data.get('percent')),
      narrative: data.get('narrative') ?? '',
      evidenceUrl: data.get('evidenceUrl') ?? '',
      blockers: data.get('blockers') ?? '',
      idempotencyKey,
    };
    const parsed = statusUpdateInputSchema.safeParse(raw);
    if (!parsed.success) {
      problem.textContent = firstProblem(parsed.error);
      const name = String(parsed.error.issues[0]?.path[0] ?? '');
      form.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
      return;
    }
    const button = form.querySelector('button[type="submit"]') as HTMLButtonElement;
    button.disabled = true;
    problem.textContent = '';
    try {
      await submit(parsed.data);
    } catch (error) {
      problem.textContent = error instanceof Error ? error.message : String(error);
      button.disabled = false;
    }
  });
  return form;
}
