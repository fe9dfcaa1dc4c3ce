import type { ActionView } from '../../src/plan/action-view.js';

/** Action `i` as the cards see it (ref `<i>a`), with markup in its text to prove it is escaped. */
export function actionView(i: number, overrides: Partial<ActionView> = {}): ActionView {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    ref: `${i}a`,
    text: 'Develop a communications plan <b>now</b> **please**',
    priorityArea: 'Social Work Practice',
    objectiveNumber: i,
    objectiveText: 'Leadership',
    ownersText: 'Head of S&I',
    ownerRoles: ['Head of S&I'],
    dueDate: '2026-12-11',
    dueText: 'Dec 2026',
    state: 'open',
    rag: 'amber',
    percent: 60,
    lastUpdateAt: null,
    measures: [],
    ...overrides,
  };
}
