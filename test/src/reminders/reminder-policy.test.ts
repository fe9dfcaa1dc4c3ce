import { describe, expect, it } from 'vitest';
import { reminderMessages } from '../../../cards/reminder-messages.js';
import type { AppContext } from '../../../src/app-context.js';
import { zonedInstant } from '../../../src/calendar/iso-date.js';
import { demoDueDate } from '../../../src/reminders/demo-dates.js';
import { reminderDay, reminderJob } from '../../../src/reminders/reminder.job.js';
import {
  isEscalationDue,
  policyOf,
  reminderTrigger,
  workingDaysLeft,
} from '../../../src/reminders/reminder-policy.js';
import { testConfig } from '../../support/test-app.js';

const policy = policyOf(testConfig());
/** Due Thu 17 Dec 2026. */
const DUE = '2026-12-17';

describe('reminder policy', () => {
  it.each([
    ['2026-11-27', { reason: 'before', workingDays: 14 }],
    ['2026-12-08', { reason: 'before', workingDays: 7 }],
    ['2026-12-16', { reason: 'before', workingDays: 1 }],
    ['2026-12-17', { reason: 'due', workingDays: 0 }],
    ['2026-12-24', { reason: 'overdue', workingDays: 5 }],
    // Christmas Day, Boxing Day (Mon 28 Dec) and New Year's Day are not working days.
    ['2027-01-05', { reason: 'overdue', workingDays: 10 }],
  ])('on %s: %o', (today, trigger) => {
    expect(reminderTrigger(DUE, today, policy)).toEqual(trigger);
  });

  it.each(['2026-11-26', '2026-12-09', '2026-12-18', '2026-12-23', '2026-12-29'])(
    'nothing on %s',
    (today) => {
      expect(reminderTrigger(DUE, today, policy)).toBeUndefined();
    },
  );

  it('escalates from the 5th working day overdue', () => {
    expect(isEscalationDue(DUE, '2026-12-23', policy)).toBe(false);
    expect(isEscalationDue(DUE, '2026-12-24', policy)).toBe(true);
  });

  it('counts a due date on a weekend as due on the working day before, overdue after it', () => {
    expect(workingDaysLeft('2026-12-05', '2026-12-04')).toBe(0);
    expect(workingDaysLeft('2026-12-05', '2026-12-07')).toBe(-1);
  });

  it('follows the settings', () => {
    const custom = policyOf(
      testConfig({ REMINDER_DAYS_BEFORE: '3', REMINDER_OVERDUE_EVERY_DAYS: '1', ESCALATE_AFTER_DAYS: '2' }),
    );
    expect(reminderTrigger(DUE, '2026-12-14', custom)).toEqual({ reason: 'before', workingDays: 3 });
    expect(reminderTrigger(DUE, '2026-12-18', custom)).toEqual({ reason: 'overdue', workingDays: 1 });
    expect(isEscalationDue(DUE, '2026-12-21', custom)).toBe(true);
  });
});

describe('reminderDay', () => {
  const config = testConfig();
  it('runs the job at REMINDER_TIME on weekdays (bank holidays are skipped in the run)', () => {
    const app = { config: testConfig({ REMINDER_TIME: '08:05' }) } as AppContext;
    expect(reminderJob(reminderMessages).cron(app)).toBe('5 8 * * 1-5');
    expect(reminderJob(reminderMessages).catchUpOnStart).toBe(true);
  });
  it('is today at or after REMINDER_TIME on a working day, in London time (BST too)', () => {
    expect(reminderDay(zonedInstant('2026-12-01', '09:30', 'Europe/London'), config)).toBe('2026-12-01');
    expect(reminderDay(new Date('2026-06-01T08:30:00Z'), config)).toBe('2026-06-01');
    expect(reminderDay(new Date('2026-06-01T08:29:00Z'), config)).toBeUndefined();
  });
  it.each(['2026-12-05', '2026-12-25', '2026-12-28'])(
    'is nothing on %s (weekend or bank holiday)',
    (date) => {
      expect(reminderDay(zonedInstant(date, '10:00', 'Europe/London'), config)).toBeUndefined();
    },
  );
});

describe('demo dates', () => {
  it('keeps the plan’s order and rough spacing, starting 7 working days out, so the 7-day reminder goes on day one', () => {
    const today = '2026-12-01';
    expect(demoDueDate('2020-03-31', '2020-03-31', today)).toBe('2026-12-10');
    const april = demoDueDate('2020-04-30', '2020-03-31', today);
    const may = demoDueDate('2020-05-29', '2020-03-31', today);
    expect(april > '2026-12-10' && may > april).toBe(true);
  });
});
