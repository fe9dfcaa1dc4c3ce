import { describe, expect, it } from 'vitest';
import {
  buildChooseActionCard,
  type ChooseActionPurpose,
  MAX_CHOICES_LISTED,
  showActionDataSchema,
} from '../../cards/choose-action.card.js';
import { buildCommandSyntaxCard, MAX_REFS_LISTED } from '../../cards/command-syntax.card.js';
import { openFormDataSchema } from '../../cards/update-buttons.js';
import { dueStatus } from '../../src/plan/due-status.js';
import { buttonOf, validCard } from '../bot/card-actions/update-test-kit.js';
import { actionView } from '../support/action-view.js';
import { cardText } from '../support/bot-harness.js';

const action = (i: number, text?: string) => actionView(i, text === undefined ? {} : { text });
const items = (n: number, text?: string) =>
  Array.from({ length: n }, (_, i) => ({
    action: action(i + 1, text),
    due: dueStatus('2026-12-11', 'open', i % 2 ? '2026-12-01' : '2026-12-15'),
  }));

describe('the cards bare commands answer with', () => {
  it.each<[ChooseActionPurpose, string, (data: unknown) => boolean]>([
    ['update', 'Update 1a', (d) => openFormDataSchema.safeParse(d).success],
    ['done', 'Done 1a', (d) => openFormDataSchema.safeParse(d).success],
    ['history', 'History of 1a', (d) => showActionDataSchema.safeParse(d).success],
    ['action', 'Open 1a', (d) => showActionDataSchema.safeParse(d).success],
  ])(
    '%s: a long list is valid, under 28 KB, names what is not shown, and its buttons carry valid data',
    (purpose, title, valid) => {
      const card = validCard(buildChooseActionCard({ purpose, items: items(30, 'Ŵ'.repeat(2_000)) }));
      const text = cardText(card);
      expect(text).toContain(`… and ${30 - MAX_CHOICES_LISTED} more: type \`${purpose} ‹ref›\``);
      const button = buttonOf(card, title, '1a');
      expect(valid(button.data)).toBe(true);
      expect(button.raw.fallback).toMatchObject({ type: 'Action.Submit', data: button.data });
    },
  );

  it('escapes action text and says overdue in words, not by colour alone', () => {
    const text = cardText(validCard(buildChooseActionCard({ purpose: 'update', items: items(2) })));
    expect(text).toContain('**1a** · Develop a communications plan ‹b›now‹/b› \\*\\*please\\*\\*');
    expect(text).toContain('Due 11 Dec 2026 · overdue by 2 working days');
    expect(text).toContain('Due 11 Dec 2026 · due in 8 working days');
  });

  it('with nothing to choose says so, with no buttons', () => {
    const card = validCard(buildChooseActionCard({ purpose: 'done', items: [] }));
    expect(cardText(card)).toContain('You have no open actions to mark done.');
    expect(JSON.stringify(card)).not.toContain('Action.');
  });

  it.each(['snooze', 'delegate'] as const)(
    '%s: how to type it, with the refs, valid and short',
    (command) => {
      const card = validCard(
        buildCommandSyntaxCard({ command, items: items(30, 'Ŵ'.repeat(2_000)), maxSnoozeDays: 20 }),
      );
      const text = cardText(card);
      expect(text).toContain(command === 'snooze' ? '`snooze 1a 3`' : '`delegate 1a to me` takes it back');
      expect(text).toContain(`… and ${30 - MAX_REFS_LISTED} more`);
      expect(JSON.stringify(card).length).toBeLessThan(8_000);
      const empty = cardText(validCard(buildCommandSyntaxCard({ command, items: [], maxSnoozeDays: 20 })));
      expect(empty).toContain(command === 'snooze' ? 'no reminders to pause' : 'nothing to delegate');
    },
  );
});
