import { describe, expect, it } from 'vitest';
import { closedOn, type RoundRow } from '../../../src/pulse/round.repository.js';

const round = (closedAt: Date | null): RoundRow => ({
  id: 'r',
  org_id: 'o',
  state: closedAt ? 'closed' : 'open',
  opens_on: '2025-12-01',
  closes_on: '2025-12-12',
  audience_team: null,
  audience_service: null,
  audience_size: 10,
  respondents: null,
  link_secret: null,
  created_by: 'test',
  created_at: new Date('2025-12-01T09:00:00Z'),
  opened_at: null,
  closed_at: closedAt,
  series_id: null,
});

describe('closedOn', () => {
  it.each([
    ['an open round: its last day', null, '2025-12-12'],
    ['closed by the job after its last day: its last day', new Date('2025-12-13T00:05:00Z'), '2025-12-12'],
    [
      'closed early by an admin: the day it was closed (London time)',
      new Date('2025-12-04T23:30:00Z'),
      '2025-12-04',
    ],
  ])('%s', (_name, closedAt, expected) => {
    expect(closedOn(round(closedAt), 'Europe/London')).toBe(expected);
  });
});
