import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardText } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';
import { validCard } from './update-test-kit.js';

/** The recorded Teams invoke the bench posts (bench/fixtures/submit-update.json), with its placeholders filled. */
function recordedSubmit(orgId: string, actionId: string, request: string) {
  const text = readFileSync(new URL('../../../bench/fixtures/submit-update.json', import.meta.url), 'utf8')
    .replace(/\$\{action:1a\}/, actionId)
    .replace(/\$\{request\}/, request);
  const activity = JSON.parse(text);
  activity.conversation.tenantId = orgId;
  activity.channelData.tenant.id = orgId;
  return activity;
}

describeStores('the bench card-submit fixture', (kind) => {
  let store: Store;
  let orgId: string;
  let bot: ReturnType<typeof botHarness>;
  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    bot = botHarness(
      testApp(store, orgId, { clock: new ManualClock(new Date('2020-03-20T09:31:00Z')) }),
      orgId,
    );
  });

  it('is an update the bot records once, however often it is delivered', async () => {
    const action = await findActionByRef(store.db, orgId, '1a');
    const activity = recordedSubmit(orgId, action!.id, 'r1');
    expect(activity.from.aadObjectId).toBe(SAMPLE.dcs);
    const first = await bot.raw(activity);
    expect(first.invokeResponse?.status).toBe(200);
    expect(cardText(validCard(first.invokeResponse?.body.value))).toContain(
      '1a recorded: Amber (at risk), 60% at 09:31',
    );
    await bot.raw(activity);
    const updates = await store.db
      .selectFrom('status_updates')
      .select('id')
      .where('action_id', '=', action!.id)
      .execute();
    expect(updates).toHaveLength(1);
  });
});
