import type { TabAction } from '../../src/http/tab-api.types.js';
import { firstProblem, statusUpdateInputSchema } from '../../src/updates/status-update.input.js';
import { h, uid } from './dom.js';
import { ragText } from './format.js';

export type FormMode = 'update' | 'done';

/** The card's message when Done is sent without saying what was delivered. */
export const DONE_NEEDS_EVIDENCE = 'Say what was delivered: the evidence that it is done.';

export interface UpdateFormOptions {
  action: TabAction;
  /** `update`: the full form; `done`: what was delivered and the evidence (recorded green at 100%). */
  mode: FormMode;
  /** Sends the parsed update; resolves with the message to show, rejects with an error to show. */
  submit(input: unknown): Promise<void>;
  cancel(): void;
}

/** A fresh idempotency key for one submit. */
export const newKey = () =>
  typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;

/**
 * The card's update form, in the tab: RAG (preselected from last time), percent, what has happened, evidence
 * link, blockers; or, to mark it done, what was delivered and the evidence. Checked here with the card's own
 * schema, and again on the server by the same service.
 */
export function updateForm({ action, mode, submit, cancel }: UpdateFormOptions): HTMLFormElement {
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
  const done = mode === 'done';
  const fields = done
    ? [
        field(
          'narrative',
          'What was delivered (the evidence it is done)',
          h('textarea', { rows: 3, required: true }),
        ),
        field(
          'evidenceUrl',
          'Evidence link',
          h('input', { type: 'url', placeholder: 'https://' }),
          'Optional',
        ),
      ]
    : [
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
        field(
          'evidenceUrl',
          'Evidence link',
          h('input', { type: 'url', placeholder: 'https://' }),
          'Optional',
        ),
        field('blockers', 'Blockers', h('textarea', { rows: 2 }), 'Optional'),
      ];
  const form = h(
    'form',
    {
      class: 'update-form',
      'aria-label': `${done ? 'Mark done' : 'Update'} ${action.ref}`,
      novalidate: true,
    },
    ...fields,
    problem,
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit', class: 'primary' }, done ? 'Mark done' : 'Save update'),
      h('button', { type: 'button', onclick: cancel }, 'Cancel'),
    ),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const raw = {
      actionId: action.id,
      rag: done ? 'green' : (data.get('rag') ?? undefined),
      percent: done ? 100 : data.get('percent') === '' ? Number.NaN : Number(data.get('percent')),
      narrative: data.get('narrative') ?? '',
      evidenceUrl: data.get('evidenceUrl') ?? '',
      blockers: data.get('blockers') ?? '',
      idempotencyKey,
    };
    if (done && !String(raw.narrative).trim()) {
      problem.textContent = DONE_NEEDS_EVIDENCE;
      form.querySelector<HTMLElement>('[name="narrative"]')?.focus();
      return;
    }
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
