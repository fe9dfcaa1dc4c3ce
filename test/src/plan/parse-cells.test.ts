import { describe, expect, it } from 'vitest';
import { parseDeadline } from '../../../src/plan/parse-deadline.js';
import { splitMeasures } from '../../../src/plan/split-measures.js';
import { RoleDirectory } from '../../../src/roster/role-directory.js';

describe('parseDeadline', () => {
  it.each([
    ['Sept 2020', '2020-09-30'],
    ['September 2020', '2020-09-30'],
    ['Sep-20', '2020-09-30'],
    ['May 2020', '2020-05-29'],
    ['Jan 2021', '2021-01-29'],
    ['31/03/2021', '2021-03-31'],
    ['2021-03-31', '2021-03-31'],
  ])('reads %s as %s', (text, expected) => {
    expect(parseDeadline(text)).toBe(expected);
  });

  it.each(['Spring-ish', 'Smarch 2020', '31/02/2021', '', 'ongoing'])('cannot read "%s"', (text) => {
    expect(parseDeadline(text)).toBeUndefined();
  });
});

describe('splitMeasures', () => {
  it('splits sentences into measures but not after "No."', () => {
    const measures = splitMeasures(
      'The Percentage of Referrals within 12 months of a previous Referral. No. of children in PLO and average length of time in PLO. No of children in care proceedings.',
    );
    expect(measures.map((m) => m.text)).toEqual([
      'The Percentage of Referrals within 12 months of a previous Referral',
      'No. of children in PLO and average length of time in PLO',
      'No of children in care proceedings',
    ]);
  });

  it('recognises CIS Health Check measures', () => {
    const [plain, check] = splitMeasures(
      'PiP in place. % of social work colleagues who report in the CIS Health Check that they have regular supervision.',
    );
    expect(plain).toEqual({ text: 'PiP in place', isHealthCheck: false });
    expect(check?.isHealthCheck).toBe(true);
  });

  it('gives no measures for a blank cell', () => {
    expect(splitMeasures('  ')).toEqual([]);
  });
});

describe('RoleDirectory.parseOwners', () => {
  const roles = new RoleDirectory([
    { code: 'DCS', title: "Director of Children's Services", aliases: [] },
    { code: 'PIP', title: 'Partner in Practice', aliases: ['PiP', 'PIP Team', 'SLT PIP Team'] },
    { code: 'Head of CSW', title: "Head of Children's Social Work", aliases: [] },
    { code: 'DCIS', title: "Director of Children's Integrated Services", aliases: [] },
  ]);

  it.each([
    ['DCS/SLT PIP Team', ['DCS', 'PIP'], []],
    ['CEO / DCS', ['CEO', 'DCS'], ['CEO']],
    ['DCIS/ Head of CSW', ['DCIS', 'Head of CSW'], []],
    ['PiP', ['PIP'], []],
    ['pip/PIP', ['PIP'], []],
  ])('reads "%s"', (cell, codes, unknown) => {
    expect(roles.parseOwners(cell)).toEqual({ codes, unknown });
  });
});
