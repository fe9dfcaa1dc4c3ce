import type { IsoDate } from '../calendar/iso-date.js';
import type { RoleDirectory } from '../roster/role-directory.js';
import { mapColumns } from './columns.js';
import { ImportError, type ImportIssue } from './import-error.js';
import { parseDeadline } from './parse-deadline.js';
import type { Table } from './read-table.js';
import { type ParsedMeasure, splitMeasures } from './split-measures.js';

export interface DraftAction {
  row: number;
  ref: string;
  priorityArea: string;
  objectiveNumber: number;
  objectiveText: string;
  text: string;
  ownersText: string;
  ownerRoles: string[];
  dueText: string;
  dueDate: IsoDate;
  measures: ParsedMeasure[];
}

export interface PlanDraft {
  actions: DraftAction[];
  /** Owner names that match no known role, with the actions that use them. */
  unknownRoles: Map<string, string[]>;
}

const COLUMNS = [
  { key: 'area', header: 'Priority Area', required: true, maxLength: 200 },
  {
    key: 'objectiveNo',
    header: 'Objective No',
    aliases: ['Objective Number', 'Obj No'],
    required: true,
    maxLength: 10,
  },
  { key: 'objective', header: 'Objective', required: true, maxLength: 2000 },
  { key: 'action', header: 'Action', required: true, maxLength: 4000 },
  { key: 'owners', header: 'By Whom', aliases: ['Owner', 'Owners'], required: true, maxLength: 500 },
  { key: 'due', header: 'By When', aliases: ['Due', 'Deadline'], required: true, maxLength: 50 },
  { key: 'monitoring', header: 'Monitoring', aliases: ['Measures'], required: false, maxLength: 8000 },
] as const;

type Key = (typeof COLUMNS)[number]['key'];

const ACTION_LETTER = /^\s*\(?([a-z]{1,2})\)\s*([\s\S]+)$/i;

/** Turns the plan's own table into draft actions; every problem found is reported with row and column. */
export function parsePlan(file: string, table: Table, roles: RoleDirectory): PlanDraft {
  const rows = mapColumns<Key>(file, table, [...COLUMNS]);
  if (rows.length === 0) throw new ImportError(file, [{ message: 'the plan has a header but no actions' }]);
  const issues: ImportIssue[] = [];
  const actions: DraftAction[] = [];
  const seen = new Map<string, number>();
  const unknownRoles = new Map<string, string[]>();
  const objectiveText = new Map<number, { text: string; area: string }>();

  for (const r of rows) {
    const fail = (key: Key, message: string) => issues.push({ row: r.row, column: r.where(key), message });
    for (const key of ['area', 'objectiveNo', 'objective', 'action', 'owners', 'due'] as const) {
      if (!r.get(key)) fail(key, 'this cell is empty');
    }
    const objectiveNumber = Number(r.get('objectiveNo'));
    if (r.get('objectiveNo') && !(Number.isInteger(objectiveNumber) && objectiveNumber > 0)) {
      fail('objectiveNo', `"${r.get('objectiveNo')}" is not an objective number (expected 1, 2, 3 …)`);
    }
    const letter = ACTION_LETTER.exec(r.get('action'));
    if (r.get('action') && !letter)
      fail('action', 'the action does not start with its letter, as in "a) Agree …"');
    const dueDate = parseDeadline(r.get('due'));
    if (r.get('due') && !dueDate) {
      fail(
        'due',
        `"${r.get('due')}" is not a date (expected a month and year such as "Sept 2020", or 31/03/2021)`,
      );
    }
    if (!letter || !dueDate || !Number.isInteger(objectiveNumber) || objectiveNumber <= 0) continue;

    const ref = `${objectiveNumber}${letter[1]!.toLowerCase()}`;
    const first = seen.get(ref);
    if (first !== undefined) {
      fail('action', `action ${ref} appears twice (also on row ${first})`);
      continue;
    }
    seen.set(ref, r.row);
    const known = objectiveText.get(objectiveNumber);
    if (known && known.area !== r.get('area')) {
      fail('area', `objective ${objectiveNumber} is under "${known.area}" on an earlier row`);
    }
    if (!known) objectiveText.set(objectiveNumber, { text: r.get('objective'), area: r.get('area') });
    const owners = roles.parseOwners(r.get('owners'));
    for (const name of owners.unknown) unknownRoles.set(name, [...(unknownRoles.get(name) ?? []), ref]);
    actions.push({
      row: r.row,
      ref,
      priorityArea: r.get('area'),
      objectiveNumber,
      objectiveText: r.get('objective'),
      text: letter[2]!.trim(),
      ownersText: r.get('owners'),
      ownerRoles: owners.codes,
      dueText: r.get('due'),
      dueDate,
      measures: splitMeasures(r.get('monitoring')),
    });
  }
  if (issues.length) throw new ImportError(file, issues);
  return { actions, unknownRoles };
}
