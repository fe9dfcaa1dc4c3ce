import { describe, expect, it } from 'vitest';
import { buildApprovalCard, dateDecisionDataSchema } from '../../cards/approval.card.js';
import { buildConfirmWordsCard, saveWordsDataSchema } from '../../cards/confirm-words.card.js';
import { buildDateRequestCard } from '../../cards/date-request.card.js';
import { buildDelegatedCard } from '../../cards/delegated.card.js';
import { buildEscalationCard } from '../../cards/escalation.card.js';
import { buildHistoryCard } from '../../cards/history.card.js';
import { buildReminderCard, MAX_REMINDER_ITEMS } from '../../cards/reminder.card.js';
import { actionCardButtons, buttonDataSchema, openFormDataSchema } from '../../cards/update-buttons.js';
import {
  buildUpdateFormCard,
  PERCENT_PATTERN,
  submitUpdateDataSchema,
} from '../../cards/update-form.card.js';
import { buildUpdateRecordedCard } from '../../cards/update-recorded.card.js';
import { buildWhichActionCard, chooseActionDataSchema } from '../../cards/which-action.card.js';
import { dueStatus } from '../../src/plan/due-status.js';
import type { DateRequest } from '../../src/updates/date-request.js';
import { buttonOf, validCard } from '../bot/card-actions/update-test-kit.js';
import { actionView } from '../support/action-view.js';
import { cardText } from '../support/bot-harness.js';

const NOW = new Date('2026-12-01T09:31:00Z');
const TZ = 'Europe/London';
const long = (n: number) => 'Ŵ'.repeat(n);

const action = (i: number, text?: string) =>
  actionView(i, {
    ...(text === undefined ? {} : { text }),
    lastUpdateAt: new Date('2026-11-19T10:00:00Z'),
    measures: [{ text: long(400), isHealthCheck: false, statementId: null }],
  });

describe('reminder and update cards', () => {
  it('a full bundle is valid, under 28 KB, and says how many are not shown', () => {
    const items = Array.from({ length: 20 }, (_, i) => ({
      action: action(i + 1, long(2_000)),
      due: dueStatus('2026-12-11', 'open', '2026-12-01'),
    }));
    const card = validCard(
      buildReminderCard(
        { reminderId: action(99).id, today: '2026-12-01', windowDays: 14, timeZone: TZ, items },
        NOW,
      ),
    );
    expect(cardText(card)).toContain(`… and ${20 - MAX_REMINDER_ITEMS} more`);
    expect(buttonDataSchema.safeParse(buttonOf(card, 'On track', '1a').data).success).toBe(true);
    expect(openFormDataSchema.safeParse(buttonOf(card, 'Request new date', '1a').data).success).toBe(true);
  });

  it('never names a data field `key` in any action (the Agents Playground then sends nothing)', () => {
    const due = dueStatus('2026-12-11', 'open', '2026-12-01');
    const cards = [
      buildUpdateFormCard({ action: action(1), due, mode: 'update', key: 'k' }, NOW),
      buildDateRequestCard({ action: action(1), today: '2026-12-01', key: 'k' }),
      buildDelegatedCard({ action: action(1), owner: { display_name: 'Jo' }, key: 'k' }),
      buildConfirmWordsCard({
        action: action(1),
        rag: 'green',
        percent: 60,
        done: false,
        narrative: 'Signed off',
        fromWords: { rag: true, percent: false },
        key: 'k',
      }),
      {
        type: 'AdaptiveCard',
        actions: actionCardButtons(action(1).id, { update: true, reopen: false }, 'k'),
      },
    ];
    const dataFields = (node: unknown): string[] => {
      if (!node || typeof node !== 'object') return [];
      const own = 'data' in node && node.data && typeof node.data === 'object' ? Object.keys(node.data) : [];
      return [...own, ...Object.values(node).flatMap(dataFields)];
    };
    const fields = cards.flatMap(dataFields);
    expect(fields).toContain('submitKey');
    expect(fields).not.toContain('key');
  });

  it('asks percent complete as checked text, prefilled: a host that draws numbers as spin buttons can still submit', () => {
    const card = validCard(
      buildUpdateFormCard(
        { action: action(1), due: dueStatus('2026-12-11', 'open', '2026-12-01'), mode: 'update', key: 'k' },
        NOW,
      ),
    );
    const percent = (card.body as Record<string, unknown>[]).find((e) => e.id === 'percent');
    expect(percent).toMatchObject({
      type: 'Input.Text',
      isRequired: true,
      value: '60',
      regex: PERCENT_PATTERN,
    });
    const accepts = (typed: string) => new RegExp(PERCENT_PATTERN).test(typed);
    expect(['0', '5', '40', '99', '100'].filter(accepts)).toHaveLength(5);
    expect(['', '-1', '101', '4.5', '40%', 'abc', '007', '1000'].filter(accepts)).toEqual([]);
  });

  it('shows the last update as "Amber (at risk), 60%, 12 days ago" and escapes the action text', () => {
    const card = validCard(
      buildReminderCard(
        {
          reminderId: action(99).id,
          today: '2026-12-01',
          windowDays: 14,
          timeZone: TZ,
          items: [{ action: action(1), due: dueStatus('2026-12-11', 'open', '2026-12-01') }],
        },
        NOW,
      ),
    );
    const text = cardText(card);
    expect(text).toContain('1 action due in the next 14 working days');
    expect(text).toContain('Last update: Amber (at risk), 60%, 12 days ago');
    expect(text).toContain('‹b›now‹/b› \\*\\*please\\*\\*');
  });

  it('the forms are valid and their submit data parses with their own schemas', () => {
    const due = dueStatus('2026-12-11', 'open', '2026-12-01');
    for (const mode of ['update', 'done', 'help'] as const) {
      const card = validCard(
        buildUpdateFormCard({ action: action(1), due, mode, key: 'k', problem: '<b>x</b>' }, NOW),
      );
      const submit = buttonOf(card, mode === 'help' ? 'Send' : 'Submit');
      expect(submitUpdateDataSchema.safeParse(submit.data).success).toBe(true);
    }
    validCard(buildDateRequestCard({ action: action(1), today: '2026-12-01', key: 'k' }));
  });

  it('the approval card offers Approve/Decline while pending, and only the decision after', () => {
    const request: DateRequest = {
      id: '00000000-0000-4000-8000-00000000aaaa',
      actionId: action(1).id,
      requestedBy: { id: 'p', name: 'PSW <script>' },
      currentDueDate: '2026-12-11',
      requestedDate: '2027-01-29',
      reason: long(1_000),
      state: 'pending',
      decidedBy: null,
      decisionReason: null,
      decidedAt: null,
      createdAt: NOW,
    };
    const pending = validCard(buildApprovalCard({ request, action: action(1) }, NOW, TZ));
    expect(dateDecisionDataSchema.safeParse(buttonOf(pending, 'Approve').data).success).toBe(true);
    expect(cardText(pending)).toContain('PSW ‹script›');
    const decided = validCard(
      buildApprovalCard(
        {
          request: { ...request, state: 'approved', decidedBy: { id: 'l', name: 'DCIS' }, decidedAt: NOW },
          action: action(1),
        },
        NOW,
        TZ,
      ),
    );
    expect(() => buttonOf(decided, 'Approve')).toThrow();
    expect(cardText(decided)).toContain(
      'Approved by DCIS at 09:31 on 1 Dec 2026: 1a is now due 29 Jan 2027.',
    );
  });

  it('the summary, history, escalation, confirmation and which-action cards are valid', () => {
    const update = {
      kind: 'on_track',
      rag: 'green' as const,
      percent: 60,
      narrative: null,
      evidence_url: null,
      blockers: null,
      created_at: NOW,
    };
    const summary = validCard(
      buildUpdateRecordedCard({ action: { ref: '7c' }, update, beforePercent: 60, timeZone: TZ }),
    );
    expect(cardText(summary)).toContain('7c recorded as on track (unchanged 60%) at 09:31');
    expect(summary).not.toHaveProperty('actions');
    const entry = {
      at: NOW,
      who: 'PSW',
      kind: 'update',
      rag: 'red' as const,
      percent: 5,
      narrative: long(2_000),
      evidenceUrl: 'https://x.example',
      blockers: long(1_000),
    };
    validCard(
      buildHistoryCard({
        action: action(1),
        updates: Array(10).fill(entry),
        total: 14,
        dateRequests: [],
        timeZone: TZ,
      }),
    );
    const items = Array.from({ length: 30 }, (_, i) => ({
      action: action(i + 1, long(2_000)),
      due: dueStatus('2026-11-20', 'open', '2026-12-01'),
    }));
    expect(
      cardText(validCard(buildEscalationCard({ today: '2026-12-01', escalateAfter: 5, items }, NOW))),
    ).toContain('… and 20 more');
    const confirm = validCard(
      buildConfirmWordsCard({
        action: action(1),
        rag: 'green',
        percent: 60,
        done: false,
        narrative: long(2_000),
        fromWords: { rag: true, percent: false },
        key: 'k',
      }),
    );
    expect(saveWordsDataSchema.safeParse(buttonOf(confirm, 'Save').data).success).toBe(true);
    const which = validCard(buildWhichActionCard({ actions: items.map((i) => i.action), words: 'on track' }));
    expect(chooseActionDataSchema.safeParse(buttonOf(which, '1a').data).success).toBe(true);
  });
});
