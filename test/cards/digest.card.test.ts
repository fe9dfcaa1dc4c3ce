import { describe, expect, it } from 'vitest';
import { buildDigestCard, DIGEST_LIST_LIMIT } from '../../cards/digest.card.js';
import { dashboardLink } from '../../src/digest/dashboard-link.js';
import type { DigestView } from '../../src/digest/digest-view.js';
import { type ActionFigure, emptyCounts } from '../../src/digest/plan-figures.js';
import { cardText } from '../support/bot-harness.js';
import { MAX_CARD_BYTES, validateCard } from '../support/card-validation.js';

// The longest link a digest carries: into Teams, for a subscription limited to three long-named areas.
const DEEP_LINK = dashboardLink({
  publicUrl: 'https://pulse.council.example',
  teamsAppId: '6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d',
  areas: [0, 1, 2].map((i) => `Priority area ${i} with a long descriptive name for the board`),
});

const LONG =
  'Develop and embed a communications plan to support workforce engagement with the practice improvements required, including face to face senior leader engagement and quarterly briefings for all staff. '.repeat(
    3,
  );

function action(i: number, overrides: Partial<ActionFigure> = {}): ActionFigure {
  return {
    id: `a${i}`,
    ref: `${Math.floor(i / 25) + 1}${String.fromCharCode(97 + (i % 25))}`,
    text: LONG,
    priorityArea: `Priority area ${i % 20} with a long descriptive name for the board`,
    ownersText: 'Head of S&I / Head of Comms / Director of Children’s Integrated Services',
    ownerRoles: ['Head of S&I', 'Head of Comms', 'DCIS'],
    dueDate: '2026-11-30',
    state: 'open',
    rag: 'red',
    percent: 40,
    lastUpdateAt: new Date('2026-10-01T09:00:00Z'),
    category: 'offTrack',
    daysOverdue: 120 - (i % 100),
    stale: true,
    ...overrides,
  };
}

/** The worst case for size: a 500-action plan where every list is full. */
function worstCase(): DigestView {
  const actions = Array.from({ length: 500 }, (_, i) => action(i));
  const counts = { ...emptyCounts(), total: 500, offTrack: 500, overdue: 500, stale: 500 };
  return {
    planName: 'Children at the Heart — improvement plan 2026/27',
    today: '2026-12-07',
    areaFilter: [],
    headline: counts,
    areas: Array.from({ length: 20 }, (_, i) => ({
      name: `Priority area ${i} with a long descriptive name for the board`,
      counts: { ...counts, total: 25 },
    })),
    overdue: actions,
    dueSoon: actions.map((a) => ({ ...a, daysOverdue: null, dueDate: '2026-12-15' })),
    changes: {
      since: '2026-11-30',
      updates: 1_200,
      actionsUpdated: 480,
      completed: actions.slice(0, 100),
      ragChanges: actions.map((a) => ({ action: a, from: 'green' as const, to: 'red' as const })),
      newDates: actions.slice(0, 50).map((a) => ({ action: a, from: '2026-11-30', to: '2027-03-31' })),
      escalations: actions.slice(0, 80).map((a) => ({
        action: a,
        escalatedOn: '2026-12-01',
        workingDaysOverdue: 5,
        ownerRoles: a.ownerRoles,
      })),
    },
    unreachable: Array.from({ length: 60 }, (_, i) => ({
      name: `Owner ${i} with a long display name`,
      kind: i % 3 ? ('person' as const) : ('channel' as const),
      why: i % 3 ? 'has blocked the bot or removed the app' : 'removed the bot',
    })),
    pulse: {
      roundName: 'November 2026',
      previousRoundName: 'October 2026',
      responseRate: 71,
      statements: Array.from({ length: 12 }, (_, i) => ({
        text: `Statement ${i}: I receive regular, reflective supervision that helps me in my practice.`,
        percent: i % 4 ? 64 : null,
        change: i % 4 ? 6 : null,
      })),
    },
    dashboardUrl: DEEP_LINK,
  };
}

describe('digest card', () => {
  it('parses at schema 1.5 and stays under 28 KB for a 500-action plan with every list full', () => {
    const card = buildDigestCard(worstCase(), 5);
    expect(validateCard(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
  });

  it('cuts long lists with "and N more", pointing to the dashboard and export', () => {
    const text = cardText(buildDigestCard(worstCase(), 5));
    expect(text).toContain('Overdue (500)');
    expect(text).toContain(
      `…and ${500 - DIGEST_LIST_LIMIT} more (full list in the dashboard and the export)`,
    );
    expect(text).toContain('Cannot be reached (60)');
    expect(text).toContain('Escalated to the programme leads (80):');
  });

  it('shows headline counts with RAG words, overdue with owner and working days, and the dashboard link', () => {
    const card = buildDigestCard(worstCase(), 5);
    const text = cardText(card);
    expect(text).toContain(
      '**500 actions**: 0 on track, 0 at risk, 500 off track, 0 complete; 500 overdue; 500 with no update in 30 days.',
    );
    expect(text).toContain('Off track (red)');
    expect(text).toMatch(
      /\*\*1a\*\* Develop .*… — Head of S&I \/ Head of Comms .* · 120 working days overdue/,
    );
    expect(text).toContain(
      'Statement 1: I receive regular, reflective supervision that helps me in my practice. **64%** (+6 since October 2026)',
    );
    expect(text).toContain('not shown (fewer than 5 answered)');
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open the plan dashboard',
        url: DEEP_LINK,
      },
    ]);
  });

  it('escapes what people typed (action text, names) so it shows literally', () => {
    const view = worstCase();
    view.overdue = [action(0, { text: '**Urgent** [click](javascript:alert(1)) <b>now</b>' })];
    const text = cardText(buildDigestCard(view, 5));
    expect(text).toContain('\\*\\*Urgent\\*\\* \\[click\\]');
    expect(text).toContain('‹b›now‹/b›');
    expect(text).not.toContain('**Urgent**');
    expect(text).not.toContain('<b>');
  });

  it('says so plainly for a plan with zero actions, and has no link without PUBLIC_URL', () => {
    const view: DigestView = {
      ...worstCase(),
      headline: emptyCounts(),
      areas: [],
      overdue: [],
      dueSoon: [],
      changes: {
        since: '2026-11-30',
        updates: 0,
        actionsUpdated: 0,
        completed: [],
        ragChanges: [],
        newDates: [],
        escalations: [],
      },
      unreachable: [],
      pulse: null,
      dashboardUrl: null,
    };
    const card = buildDigestCard(view, 5);
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('The plan has no actions yet.');
    expect(text).toContain('Nothing overdue.');
    expect(text).toContain('Everyone can be reached.');
    expect(card.actions).toBeUndefined();
  });
});
