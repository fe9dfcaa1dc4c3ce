import type { Activity } from 'botbuilder';
import { beforeAll, expect, it } from 'vitest';
import {
  CAPABILITIES,
  type Capability,
  matrixCell,
  STANDINGS,
  type Standing,
} from '../../../src/access/permissions.js';
import { canOnAction, resolveViewer, standingsOn } from '../../../src/access/viewer.js';
import type { AppContext } from '../../../src/app-context.js';
import type { Store } from '../../../src/db/connect.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { MATRIX_ACTION, MATRIX_PEOPLE, matrixOrg } from '../../support/matrix-org.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

/** What a probe is given: the org, the bot driven through Teams-shaped activities, and the store. */
interface World {
  store: Store;
  orgId: string;
  app: AppContext;
  bot: ReturnType<typeof botHarness>;
}

/**
 * One real entry point per capability: it acts as the person and reports whether the thing was done (or
 * shown) rather than refused. A capability with no bot command, card or tab route yet is decided by the server
 * check every entry point calls (canOnAction on the matrix action, with the person resolved from the store).
 */
interface Probe {
  entry: string;
  run(world: World, who: Standing): Promise<boolean>;
}

const firstCardText = (replies: Partial<Activity>[]) => (replies.length ? cardText(cardOf(replies[0])) : '');

const PROBES: Partial<Record<Capability, Probe>> = {
  viewAction: {
    entry: `bot: "action ${MATRIX_ACTION}"`,
    async run({ bot }, who) {
      const { replies } = await bot.say(`action ${MATRIX_ACTION}`, { aadObjectId: MATRIX_PEOPLE[who] });
      const text = firstCardText(replies);
      expect(text).not.toBe('');
      return text.includes('Rolling recruitment campaign');
    },
  },
};

async function serverCheck({ store, orgId }: World, who: Standing, capability: Capability) {
  const viewer = await resolveViewer(store.db, orgId, MATRIX_PEOPLE[who]);
  const action = await findActionByRef(store.db, orgId, MATRIX_ACTION);
  return canOnAction(store.db, viewer, action!, capability);
}

describeStores('authorization matrix: every standing × capability through its entry point', (kind) => {
  const world = {} as World;
  beforeAll(async () => {
    world.store = await testStore(kind);
    world.orgId = await matrixOrg(world.store);
    world.app = testApp(world.store, world.orgId, {
      clock: new ManualClock(new Date('2020-03-16T09:30:00Z')),
    });
    world.bot = botHarness(world.app, world.orgId);
  });

  it('gives each standing to one person alone, so no cell passes because of another standing', async () => {
    const action = await findActionByRef(world.store.db, world.orgId, MATRIX_ACTION);
    for (const who of STANDINGS) {
      const viewer = await resolveViewer(world.store.db, world.orgId, MATRIX_PEOPLE[who]);
      expect(await standingsOn(world.store.db, viewer, action!)).toEqual([who]);
    }
  });

  for (const capability of CAPABILITIES) {
    const probe = PROBES[capability];
    for (const who of STANDINGS) {
      const expected = matrixCell(who, capability);
      const via = probe?.entry ?? 'server check (no bot or tab entry yet)';
      it(`${who} × ${capability}: ${expected ? 'allowed' : 'refused'} — ${via}`, async () => {
        const done = probe ? await probe.run(world, who) : await serverCheck(world, who, capability);
        expect(done).toBe(expected);
      });
    }
  }
});
