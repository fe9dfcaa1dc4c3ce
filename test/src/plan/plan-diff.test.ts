import { describe, expect, it } from 'vitest';
import type { DraftAction } from '../../../src/plan/parse-plan.js';
import { diffPlan } from '../../../src/plan/plan-diff.js';
import type { ExistingAction } from '../../../src/plan/stored-plan.repository.js';

const draft = (ref: string, change: Partial<DraftAction> = {}): DraftAction => ({
  row: 2,
  ref,
  priorityArea: 'Area',
  objectiveNumber: 1,
  objectiveText: 'Objective',
  text: `Do ${ref}.`,
  ownersText: 'DCS',
  ownerRoles: ['DCS'],
  dueText: 'March 2021',
  dueDate: '2021-03-31',
  measures: [{ text: 'Done.', isHealthCheck: false }],
  ...change,
});

const stored = (ref: string, change: Partial<ExistingAction> = {}): ExistingAction => ({
  id: `id-${ref}`,
  ref,
  text: `Do ${ref}.`,
  owners_text: 'DCS',
  due_text: 'March 2021',
  due_date: '2021-03-31',
  objective_id: 7,
  state: 'open',
  roles: ['DCS'],
  measures: ['Done.'],
  ...change,
});

const objectives = new Map([[1, 7]]);

describe('diffPlan', () => {
  it('finds added, changed, unchanged and withdrawn actions, keeping the plan order', () => {
    const existing = new Map(
      [
        stored('1a'),
        stored('1b', { due_date: '2021-01-31' }),
        stored('1c'),
        stored('1d', { state: 'withdrawn' }),
        stored('1e', { state: 'withdrawn' }),
      ].map((a) => [a.ref, a]),
    );
    const actions = [draft('1z'), draft('1a'), draft('1b', { ownerRoles: ['DCS', 'HR'] }), draft('1d')];

    const diff = diffPlan(actions, existing, objectives);

    expect(diff.written.map((w) => [w.row.ref, w.before?.id ?? 'new', w.fields])).toEqual([
      ['1z', 'new', []],
      ['1b', 'id-1b', ['owners', 'due date']],
      ['1d', 'id-1d', ['reinstated']],
    ]);
    expect(diff.written[0]!.row.id).not.toBe('id-1z');
    expect(diff.unchanged).toBe(1);
    expect(diff.withdrawn.map((a) => a.ref)).toEqual(['1c']);
  });

  it('sees a move to another objective and a change of measures', () => {
    const existing = new Map([['1a', stored('1a', { objective_id: 8, measures: ['Done.', 'Audited.'] })]]);
    const diff = diffPlan([draft('1a')], existing, objectives);
    expect(diff.written[0]!.fields).toEqual(['objective', 'measures']);
  });
});
