import { beforeAll, describe, expect, it } from 'vitest';
import { parseOpenOptions } from '../../../bot/commands/pulse-open.command.js';
import type { Store } from '../../../src/db/connect.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

describe('pulse open options', () => {
  it.each([
    ['', {}],
    ['until 2026-12-12', { closesOn: '2026-12-12' }],
    [
      'from 2026-12-01 until 2026-12-12 team CiN Team 1',
      { opensOn: '2026-12-01', closesOn: '2026-12-12', team: 'CiN Team 1' },
    ],
    ['service Children in Need', { service: 'Children in Need' }],
    ['UNTIL 2026-12-12 Service Children in Need', { closesOn: '2026-12-12', service: 'Children in Need' }],
    ['team Assessment Team until 2026-12-12', { team: 'Assessment Team', closesOn: '2026-12-12' }],
    ["team Children's Service Team", { team: "Children's Service Team" }],
  ])('reads "%s"', (text, expected) => {
    expect(parseOpenOptions(text)).toEqual(expected);
  });

  it.each(['tomorrow', 'until', 'team', 'for CiN Team 1'])('does not guess at "%s"', (text) => {
    expect(parseOpenOptions(text)).toBeUndefined();
  });
});

describeStores('`pulse open` for one team, as the help card suggests', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await testStore(kind);
  });

  it('opens the round for the team named "CiN Team 1", not a team called "1"', async () => {
    const orgId = await sampleOrg(store);
    const clock = new ManualClock(new Date('2025-12-01T09:30:00Z'));
    const bot = botHarness(testApp(store, orgId, { clock }), orgId);
    const { replies } = await bot.say('pulse open until 2025-12-12 team CiN Team 1', {
      aadObjectId: SAMPLE.admin,
    });
    expect(cardText(cardOf(replies[0]))).toContain(
      '5 social workers in CiN Team 1 are asked; it closes Fri 12 Dec.',
    );
  });
});
