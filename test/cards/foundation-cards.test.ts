import { describe, expect, it } from 'vitest';
import { buildActionCard } from '../../cards/action.card.js';
import { buildActionListCard, MAX_LISTED } from '../../cards/action-list.card.js';
import { escapeText } from '../../cards/card-kit.js';
import { buildHelpCard } from '../../cards/help.card.js';
import { buildNoticeCard } from '../../cards/notice.card.js';
import { buildWhoamiCard } from '../../cards/whoami.card.js';
import type { ActionView } from '../../src/plan/action-view.js';
import { dueStatus } from '../../src/plan/due-status.js';
import { cardText } from '../support/bot-harness.js';
import { validateCard } from '../support/card-validation.js';

const now = new Date('2020-03-16T09:30:00Z');
const action: ActionView = {
  id: '6f1c0c1e-0000-4000-8000-000000000001',
  ref: '3a',
  text: "Review and re-launch Nottingham's social work Practice Model and Standards.",
  priorityArea: 'Social Work Practice',
  objectiveNumber: 3,
  objectiveText: 'Practitioners are clear about the practice model.',
  ownersText: 'SLT/PIP',
  ownerRoles: ['SLT', 'PIP'],
  dueDate: '2020-04-30',
  dueText: 'April 2020',
  state: 'open',
  rag: 'amber',
  percent: 60,
  lastUpdateAt: new Date('2020-03-04T10:00:00Z'),
  measures: [
    {
      text: '% of social work colleagues who report … clear vision',
      isHealthCheck: true,
      statementId: 'vision',
    },
  ],
};

describe('foundation cards', () => {
  it('shows one action with owners, due date in working days, status with its word, and measures', () => {
    const card = buildActionCard(
      { action, due: dueStatus(action.dueDate, 'open', '2020-03-16'), latestNarrative: '**bold** <b>x</b>' },
      now,
    );
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('3a · Review and re-launch');
    expect(text).toContain('30 Apr 2020 (April 2020) · due in 31 working days');
    expect(text).toContain('Amber (at risk), 60%, 12 days ago');
    expect(text).toContain('(CIS Health Check)');
    expect(text).toContain('Latest: \\*\\*bold\\*\\* ‹b›x‹/b›');
  });

  it('cuts a long list with "and N more" and stays under the size limit', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      action: { ...action, ref: `${i + 1}a` },
      due: dueStatus(action.dueDate, 'open', '2020-03-16'),
    }));
    const card = buildActionListCard({ title: 'Your actions', items, emptyText: 'none' }, now);
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain(`… and ${40 - MAX_LISTED} more`);
  });

  it('builds valid help, notice and whoami cards', () => {
    for (const card of [
      buildHelpCard([{ usage: 'help', summary: 'What I can do.' }]),
      buildNoticeCard({ title: 'Done', lines: ['ok'], tone: 'error' }),
      buildWhoamiCard({
        displayName: 'A',
        email: 'a@x.example',
        team: null,
        roles: [],
        access: null,
        isSocialWorker: true,
        delegateName: null,
        actionCount: 0,
      }),
    ]) {
      expect(validateCard(card)).toEqual([]);
    }
  });

  it('reports what the library would let through: a newer version, an image without url', () => {
    expect(validateCard({ type: 'AdaptiveCard', version: '1.6', body: [] })).toContain(
      'card version 1.6 is newer than 1.5',
    );
    expect(validateCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Image' }] })).toContain(
      'Image without url',
    );
  });
});

describe('escapeText', () => {
  it.each([
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['[link](javascript:alert(1))', '\\[link\\](javascript:alert(1))'],
    ['- item', '\\- item'],
    ['re-launch', 're-launch'],
    ['_under_', '\\_under\\_'],
    ['<script>', '‹script›'],
    ['1. first', '1\\. first'],
    ['# heading', '\\# heading'],
  ])('shows %s literally', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });
});
