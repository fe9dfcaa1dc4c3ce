import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../bot/commands/index.js';
import { STANDINGS, type Standing } from '../../src/access/permissions.js';
import type { Store } from '../../src/db/connect.js';
import { ManualClock } from '../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../support/bot-harness.js';
import { MATRIX_PEOPLE, sharedMatrixOrg } from '../support/matrix-org.js';
import { testStore } from '../support/store.js';
import { storeFingerprint } from '../support/store-fingerprint.js';
import { testStoreKinds } from '../support/store-settings.js';
import { testApp } from '../support/test-app.js';

/** 1,000 runs take ~8 s on an idle 2-core machine; the margin is for a machine shared with other test runs. */
const PROPERTY_TIMEOUT_MS = 90_000;

const NOT_UNDERSTOOD = "Sorry, I didn't understand that.";

/** The first word(s) of every registered command ("action ‹ref›" → "action"), so random text often routes. */
const commandWords = [...new Set(commands.map((c) => c.usage.split(/\s+[<‹[]/)[0]!.trim()))];

const argument = fc.oneof(
  fc.constantFrom('3a', '1d', '99z', '0', '-1', '1a 1b', 'to Matrix Owner', 'to owner@matrix.example'),
  fc.constantFrom(
    '<script>alert(1)</script>',
    'a\u0000b',
    '**x**',
    '[x](javascript:alert(1))',
    "'; drop table people; --",
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: -5, max: 400 }).map(String),
);
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc
    .tuple(fc.constantFrom(...commandWords), fc.array(argument, { maxLength: 3 }))
    .map(([w, a]) => [w, ...a].join(' ')),
  fc
    .tuple(fc.constantFrom(...commandWords), fc.constantFrom(' ', '\n', '\t', '\u00a0', '  '))
    .map(([w, sep]) => `${sep}${w.toUpperCase()}${sep}`),
  fc.constantFrom('', ' ', 'x'.repeat(4_001), `action ${'1'.repeat(5_000)}`, '<at>practice-pulse</at>'),
);

describe('property: random command text through the bot', () => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  let last: string;
  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    orgId = await sharedMatrixOrg(store);
    bot = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-03-16T09:30:00Z')) }),
      orgId,
    );
    last = await storeFingerprint(store, orgId);
  });

  it(
    'never crashes, always answers, and changes nothing for text it does not understand or a stranger',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          text,
          fc.constantFrom<Standing>(...STANDINGS),
          fc.constantFrom('personal' as const, 'groupChat' as const, 'channel' as const),
          async (said, who, conversationType) => {
            const { replies } = await bot.say(said, {
              aadObjectId: MATRIX_PEOPLE[who],
              conversationType,
              conversationId: `${conversationType}-property`,
            });
            expect(replies.length).toBeGreaterThanOrEqual(1);
            const shown = replies.map((r) => (r.attachments?.length ? cardText(cardOf(r)) : (r.text ?? '')));
            expect(shown.join('')).not.toBe('');
            const before = last;
            last = await storeFingerprint(store, orgId);
            if (who === 'stranger' || shown.some((s) => s.includes(NOT_UNDERSTOOD)))
              expect(last).toBe(before);
          },
        ),
        { numRuns: 1_000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
