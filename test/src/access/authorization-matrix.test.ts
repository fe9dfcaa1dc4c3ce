import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLINE_DATE_VERB } from '../../../cards/approval.card.js';
import { REQUEST_DATE_VERB } from '../../../cards/date-request.card.js';
import { REOPEN_VERB } from '../../../cards/update-buttons.js';
import { SUBMIT_UPDATE_VERB } from '../../../cards/update-form.card.js';
import {
  ACTION_CAPABILITIES,
  CAPABILITIES,
  type Capability,
  matrixCell,
  STANDINGS,
  type Standing,
} from '../../../src/access/permissions.js';
import { can, canOnAction, resolveViewer, standingsOn } from '../../../src/access/viewer.js';
import type { AppContext } from '../../../src/app-context.js';
import type { Store } from '../../../src/db/connect.js';
import { createServer, listen } from '../../../src/http/server.js';
import { tabRoutes } from '../../../src/http/tab.routes.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import { submitAnswers } from '../../../src/pulse/answer.service.js';
import { liveRound, roundStatements } from '../../../src/pulse/round.repository.js';
import { openRound } from '../../../src/pulse/round.service.js';
import { closeRound } from '../../../src/pulse/round-close.service.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { newId } from '../../../src/shared/ids.js';
import { decideDateRequest } from '../../../src/updates/date-decision.service.js';
import type { DateRequestMessages } from '../../../src/updates/date-request.js';
import { requestNewDate } from '../../../src/updates/date-request.service.js';
import type { Sender } from '../../support/bot-harness.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { type LocalJwks, startLocalJwks, TEST_CLIENT_ID } from '../../support/local-jwks.js';
import {
  EARLY_TODAY,
  laterToday,
  MATRIX_ACTION,
  MATRIX_PEOPLE,
  sharedMatrixOrg,
} from '../../support/matrix-org.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

/** What a probe is given: the org, the bot driven through Teams-shaped activities, and the store. */
interface World {
  store: Store;
  orgId: string;
  app: AppContext;
  bot: ReturnType<typeof botHarness>;
  /** The real restify server with the tab's API, signing people in with SSO tokens from a local JWKS. */
  tab: { url: string; jwks: LocalJwks; close(): Promise<void> };
  actionId: string;
}

/**
 * One real entry point per capability: it acts as the person and reports whether the thing was done (or
 * shown) rather than refused. A capability with no bot command, card or tab route yet is decided by the server
 * check every entry point calls (canOnAction on the matrix action, with the person resolved from the store).
 */
interface Probe {
  entry: string;
  /** Once before the capability's cells (e.g. a closed round with comments to see). */
  setup?(world: World): Promise<void>;
  run(world: World, who: Standing): Promise<boolean>;
}

const NOW = new Date('2020-03-16T09:30:00Z');
const TODAY = '2020-03-16';
const COMMENT = 'MATRIX-COMMENT: the duty rota works now';

/** Says something to the bot in the person's 1:1 chat and returns the text of its answer. */
async function ask(world: World, who: Standing, text: string, sender: Partial<Sender> = {}) {
  const { replies } = await world.bot.say(text, { aadObjectId: MATRIX_PEOPLE[who], ...sender });
  expect(replies.length).toBeGreaterThan(0);
  return replies.map((r) => (r.attachments?.length ? cardText(cardOf(r)) : (r.text ?? ''))).join('\n');
}

/** Calls the tab API as the person (SSO token for their object id) and returns the HTTP status. */
async function tabCall(world: World, who: Standing, path: string, body?: unknown) {
  const token = await world.tab.jwks.sign({ tid: world.orgId, oid: MATRIX_PEOPLE[who] });
  const response = await fetch(`${world.tab.url}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  await response.arrayBuffer();
  return response.status;
}

const viewerOf = async (world: World, who: Standing) =>
  resolveViewer(world.store.db, world.orgId, MATRIX_PEOPLE[who]);

async function closeLiveRound(world: World) {
  const live = await liveRound(world.store.db, world.orgId);
  if (live) await closeRound(world.store.db, world.orgId, live.id, 'matrix test', EARLY_TODAY);
}

/** A round answered by the six colleagues (one comment), then closed: what results and comments show. */
async function closedRoundWithComment(world: World) {
  await closeLiveRound(world);
  const { db } = world.store;
  const round = await openRound(
    db,
    world.orgId,
    { actor: 'matrix test' },
    { today: TODAY, openDays: 10, minGroup: 5 },
    NOW,
  );
  const statements = await roundStatements(db, round.id);
  const colleagues = await db
    .selectFrom('people')
    .select('id')
    .where('org_id', '=', world.orgId)
    .where('email', 'like', 'sw_@matrix.example')
    .execute();
  for (const [i, c] of colleagues.entries()) {
    const answers = Object.fromEntries(statements.map((s) => [s.id, (i % 5) + 1]));
    await submitAnswers(
      db,
      world.orgId,
      c.id,
      { roundId: round.id, answers, comment: i === 0 ? COMMENT : null },
      TODAY,
    );
  }
  await closeRound(db, world.orgId, round.id, 'matrix test', laterToday());
}

/** The outbox messages the date services write (their cards are not what this test is about). */
const DATE_MESSAGES: DateRequestMessages = {
  approval: () => ({ type: 'message', text: 'approval' }),
  outcome: () => ({ type: 'message', text: 'outcome' }),
};

let requestCounter = 0;

/** A pending new-date request on the matrix action, made by its owner through the real service. */
async function pendingRequest(world: World): Promise<string> {
  const waiting = await world.store.db
    .selectFrom('date_requests')
    .select('id')
    .where('action_id', '=', world.actionId)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  if (waiting) return waiting.id;
  const owner = await viewerOf(world, 'owner');
  const result = await requestNewDate(
    world.store.db,
    owner!,
    {
      actionId: world.actionId,
      newDate: `2020-06-${String(10 + (++requestCounter % 18)).padStart(2, '0')}`,
      reason: 'matrix test',
      idempotencyKey: `req-${requestCounter}`,
    },
    { now: NOW, today: TODAY, messages: DATE_MESSAGES },
  );
  if (result.kind !== 'requested' && result.kind !== 'duplicate')
    throw new Error(`no request: ${result.kind}`);
  return result.request.id;
}

const PROBES: Partial<Record<Capability, Probe>> = {
  viewAction: {
    entry: `bot: "action ${MATRIX_ACTION}"`,
    async run(world, who) {
      return (await ask(world, who, `action ${MATRIX_ACTION}`)).includes('Rolling recruitment campaign');
    },
  },
  updateAction: {
    entry: 'tab API: POST /api/tab/actions/:id/updates',
    async run(world, who) {
      const status = await tabCall(world, who, `/api/tab/actions/${world.actionId}/updates`, {
        actionId: world.actionId,
        rag: 'amber',
        percent: 40,
        narrative: `update by ${who}`,
        idempotencyKey: `matrix-${who}-${newId()}`,
      });
      expect([200, 401, 403]).toContain(status);
      return status === 200;
    },
  },
  requestDate: {
    entry: 'date request service (the card action calls it)',
    async run(world, who) {
      const viewer = await viewerOf(world, who);
      if (!viewer) return false;
      await world.store.db
        .updateTable('date_requests')
        .set({ state: 'declined' })
        .where('action_id', '=', world.actionId)
        .where('state', '=', 'pending')
        .execute();
      const result = await requestNewDate(
        world.store.db,
        viewer,
        {
          actionId: world.actionId,
          newDate: '2020-07-31',
          reason: `asked by ${who}`,
          idempotencyKey: newId(),
        },
        { now: NOW, today: TODAY, messages: DATE_MESSAGES },
      );
      return result.kind === 'requested';
    },
  },
  approveDate: {
    entry: 'date decision service (the approval card calls it)',
    async run(world, who) {
      const requestId = await pendingRequest(world);
      const viewer = await viewerOf(world, who);
      if (!viewer) return false;
      const result = await decideDateRequest(
        world.store.db,
        viewer,
        { requestId, decision: 'decline', reason: `declined by ${who}` },
        { now: NOW, messages: DATE_MESSAGES },
      );
      return result.kind === 'decided';
    },
  },
  openRound: {
    entry: 'bot: "pulse open"',
    setup: closeLiveRound,
    async run(world, who) {
      const text = await ask(world, who, 'pulse open');
      const opened = /Health Check (is open|opens)/i.test(text) || /round.*open/i.test(text);
      await closeLiveRound(world);
      return opened && !text.includes('Only the programme office');
    },
  },
  answerPulse: {
    entry: 'bot: "pulse" (the pulse card is sent only to the audience)',
    async setup(world) {
      await closeLiveRound(world);
      await openRound(
        world.store.db,
        world.orgId,
        { actor: 'matrix test' },
        { today: TODAY, openDays: 10, minGroup: 5 },
        NOW,
      );
    },
    async run(world, who) {
      const text = await ask(world, who, 'pulse');
      return text.includes('Strongly agree') || text.includes('Strongly disagree');
    },
  },
  seeRoundStatus: {
    entry: 'bot: "pulse status"',
    async run(world, who) {
      const text = await ask(world, who, 'pulse status');
      return !text.includes('Not available to you') && !text.includes("I don't know you yet");
    },
  },
  seeResults: {
    entry: 'bot: "pulse results"',
    setup: closedRoundWithComment,
    async run(world, who) {
      const text = await ask(world, who, 'pulse results');
      return !text.includes('Not available to you') && !text.includes("I don't know you yet");
    },
  },
  seeComments: {
    entry: 'bot: "pulse results" (comments section)',
    async run(world, who) {
      return (await ask(world, who, 'pulse results')).includes(COMMENT);
    },
  },
  subscribeDigest: {
    entry: 'bot: "digest here" in a team channel',
    async run(world, who) {
      const text = await ask(world, who, 'digest here', {
        conversationType: 'channel',
        conversationId: `19:matrix-${who}@thread.tacv2`,
        teamId: 'team-matrix',
      });
      return !text.includes('Only the programme office') && !text.includes("I don't know you yet");
    },
  },
  previewDigest: {
    entry: 'bot: "digest preview"',
    async run(world, who) {
      const text = await ask(world, who, 'digest preview');
      return !text.includes('Only programme leads and admins') && !text.includes("I don't know you yet");
    },
  },
  export: {
    entry: 'tab API: GET /api/tab/export?format=csv',
    async run(world, who) {
      const status = await tabCall(world, who, '/api/tab/export?format=csv');
      expect([200, 401, 403]).toContain(status);
      return status === 200;
    },
  },
};

/** The same capabilities through the bot's cards and commands (issue 5), where a second entry point exists. */
const BOT_PROBES: Partial<Record<Capability, Probe>> = {
  viewAction: {
    entry: `bot: "history ${MATRIX_ACTION}"`,
    async run(world, who) {
      const text = await ask(world, who, `history ${MATRIX_ACTION}`);
      return !text.includes(`No action ${MATRIX_ACTION} for you`) && !text.includes("I don't know you yet");
    },
  },
  updateAction: {
    entry: 'bot card: update form submit',
    async run(world, who) {
      const key = `matrix-bot-${who}-${newId()}`;
      await world.bot.execute(
        SUBMIT_UPDATE_VERB,
        {
          actionId: world.actionId,
          submitKey: key,
          mode: 'update',
          rag: 'amber',
          percent: '45',
          narrative: `by ${who}`,
        },
        { aadObjectId: MATRIX_PEOPLE[who] },
      );
      return (await updatesWithKey(world, key)) === 1;
    },
  },
  requestDate: {
    entry: 'bot card: request a new date',
    async run(world, who) {
      await declinePending(world);
      const before = await dateRequestCount(world);
      await world.bot.execute(
        REQUEST_DATE_VERB,
        { actionId: world.actionId, submitKey: newId(), newDate: '2020-08-28', reason: `asked by ${who}` },
        { aadObjectId: MATRIX_PEOPLE[who] },
      );
      return (await dateRequestCount(world)) === before + 1;
    },
  },
  approveDate: {
    entry: 'bot card: Decline on the approval card',
    async run(world, who) {
      const requestId = await pendingRequest(world);
      await world.bot.execute(
        DECLINE_DATE_VERB,
        { requestId, reason: `declined by ${who}` },
        { aadObjectId: MATRIX_PEOPLE[who] },
      );
      const row = await world.store.db
        .selectFrom('date_requests')
        .select('state')
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow();
      return row.state !== 'pending';
    },
  },
  reopenAction: {
    entry: 'bot card: Reopen',
    async run(world, who) {
      await setState(world, 'complete');
      await world.bot.execute(REOPEN_VERB, { actionId: world.actionId }, { aadObjectId: MATRIX_PEOPLE[who] });
      const reopened = (await actionState(world)) === 'open';
      await setState(world, 'open');
      return reopened;
    },
  },
  delegateAction: {
    entry: `bot: "delegate ${MATRIX_ACTION} to <person>"`,
    async run(world, who) {
      const before = await activeDelegations(world);
      await ask(world, who, `delegate ${MATRIX_ACTION} to sw1@matrix.example`);
      const delegated = (await activeDelegations(world)) > before;
      // why: undo at once, or the colleague would hold a delegate standing in every later cell.
      await world.store.db
        .updateTable('action_delegations')
        .set({ revoked_at: NOW })
        .where('action_id', '=', world.actionId)
        .where('revoked_at', 'is', null)
        .execute();
      return delegated;
    },
  },
};

const updatesWithKey = async (world: World, key: string) =>
  (
    await world.store.db
      .selectFrom('status_updates')
      .select('id')
      .where('org_id', '=', world.orgId)
      .where('idempotency_key', 'like', `%:${key}`)
      .execute()
  ).length;

const dateRequestCount = async (world: World) =>
  (
    await world.store.db
      .selectFrom('date_requests')
      .select('id')
      .where('action_id', '=', world.actionId)
      .execute()
  ).length;

const declinePending = (world: World) =>
  world.store.db
    .updateTable('date_requests')
    .set({ state: 'declined' })
    .where('action_id', '=', world.actionId)
    .where('state', '=', 'pending')
    .execute();

const activeDelegations = async (world: World) =>
  (
    await world.store.db
      .selectFrom('action_delegations')
      .select('id')
      .where('action_id', '=', world.actionId)
      .where('revoked_at', 'is', null)
      .execute()
  ).length;

async function actionState(world: World) {
  const row = await world.store.db
    .selectFrom('actions')
    .select('state')
    .where('id', '=', world.actionId)
    .executeTakeFirstOrThrow();
  return row.state;
}

const setState = (world: World, state: 'open' | 'complete') =>
  world.store.db.updateTable('actions').set({ state }).where('id', '=', world.actionId).execute();

async function serverCheck({ store, orgId }: World, who: Standing, capability: Capability) {
  const viewer = await resolveViewer(store.db, orgId, MATRIX_PEOPLE[who]);
  if (!ACTION_CAPABILITIES.includes(capability)) return can(viewer, capability);
  const action = await findActionByRef(store.db, orgId, MATRIX_ACTION);
  return canOnAction(store.db, viewer, action!, capability);
}

describeStores('authorization matrix: every standing × capability through its entry point', (kind) => {
  const world = {} as World;
  beforeAll(async () => {
    world.store = await testStore(kind);
    world.orgId = await sharedMatrixOrg(world.store);
    world.app = testApp(world.store, world.orgId, {
      clock: new ManualClock(new Date('2020-03-16T09:30:00Z')),
    });
    world.bot = botHarness(world.app, world.orgId);
    world.actionId = (await findActionByRef(world.store.db, world.orgId, MATRIX_ACTION))!.id;
    const jwks = await startLocalJwks();
    const tabApp = testApp(world.store, world.orgId, {
      clock: new ManualClock(NOW),
      config: { AAD_APP_CLIENT_ID: TEST_CLIENT_ID, SSO_JWKS_URL: jwks.url },
    });
    const server = createServer({
      app: tabApp,
      adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
      bot: new ActivityHandler(),
      routes: [tabRoutes(tabApp)],
    });
    await listen(server, 0, '127.0.0.1');
    world.tab = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      jwks,
      close: async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await jwks.close();
      },
    };
  });
  afterAll(() => world.tab.close());

  it('gives each standing to one person alone, so no cell passes because of another standing', async () => {
    const action = await findActionByRef(world.store.db, world.orgId, MATRIX_ACTION);
    for (const who of STANDINGS) {
      const viewer = await resolveViewer(world.store.db, world.orgId, MATRIX_PEOPLE[who]);
      expect(await standingsOn(world.store.db, viewer, action!)).toEqual([who]);
    }
  });

  it('grants owner and delegate only action capabilities (they are standings towards one action)', () => {
    for (const capability of CAPABILITIES.filter((c) => !ACTION_CAPABILITIES.includes(c))) {
      expect([capability, matrixCell('owner', capability), matrixCell('delegate', capability)]).toEqual([
        capability,
        false,
        false,
      ]);
    }
  });

  for (const capability of CAPABILITIES) {
    const probes = [PROBES[capability], BOT_PROBES[capability]].filter((p): p is Probe => p !== undefined);
    describe(capability, () => {
      for (const probe of probes) if (probe.setup) beforeAll(() => probe.setup!(world));
      for (const who of STANDINGS) {
        const expected = matrixCell(who, capability);
        if (probes.length === 0) {
          it(`${who}: ${expected ? 'allowed' : 'refused'} — server check (no bot or tab entry yet)`, async () => {
            expect(await serverCheck(world, who, capability)).toBe(expected);
          });
        }
        for (const probe of probes) {
          it(`${who}: ${expected ? 'allowed' : 'refused'} — ${probe.entry}`, async () => {
            expect(await probe.run(world, who)).toBe(expected);
          });
        }
      }
    });
  }
});
