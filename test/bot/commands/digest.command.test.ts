import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../src/db/connect.js';
import { listSubscriptions } from '../../../src/digest/subscription.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { botHarness, cardOf, cardText } from '../../support/bot-harness.js';
import { sampleOrg } from '../../support/plan-fixtures.js';
import { SAMPLE } from '../../support/sample-people.js';
import { createOrg, describeStores, testStore } from '../../support/store.js';
import { testApp } from '../../support/test-app.js';

// Wednesday 3 June 2020, 10:00 BST.
const NOW = new Date('2020-06-03T09:00:00Z');

describeStores('digest commands', (kind) => {
  let store: Store;
  let orgId: string;
  let otherOrg: string;
  let bot: ReturnType<typeof botHarness>;
  const channel = (conversationId: string, aadObjectId: string = SAMPLE.admin) => ({
    aadObjectId,
    conversationType: 'channel' as const,
    conversationId,
  });
  const subscriptions = () => listSubscriptions(store.db, orgId);
  const audits = () =>
    store.db
      .selectFrom('audit_log')
      .select(['change', 'after'])
      .where('org_id', '=', orgId)
      .where('entity', '=', 'digest_subscription')
      .execute();

  beforeAll(async () => {
    store = await testStore(kind);
    orgId = await sampleOrg(store);
    otherOrg = await createOrg(store, 'Other Council');
    const app = testApp(store, orgId, {
      clock: new ManualClock(NOW),
      config: { TENANT_ALLOW_LIST: `${orgId},${otherOrg}` },
    });
    bot = botHarness(app, orgId);
  });

  it('digest here: an admin subscribes the channel, audited, and is told when the first digest comes', async () => {
    const { replies } = await bot.say('digest here', channel('19:board@thread.tacv2'));
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('This channel gets the weekly digest');
    expect(text).toContain('for the whole plan, first on Mon 8 Jun 2020 at 08:30');
    const subs = await subscriptions();
    expect(subs.map((s) => [s.channelName, s.priorityAreas])).toEqual([['Programme Board', []]]);
    expect((await audits()).map((a) => a.change)).toEqual(['subscribed']);
  });

  it('digest here typed in a channel thread subscribes the channel itself, not the thread', async () => {
    const thread = '19:thread-root@thread.tacv2;messageid=1712345678901';
    await bot.raw(
      {
        type: 'message',
        text: 'digest here',
        conversation: { id: thread, conversationType: 'channel', tenantId: orgId, isGroup: true, name: '' },
        channelData: {
          tenant: { id: orgId },
          team: { id: 'team-1' },
          channel: { id: '19:thread-root@thread.tacv2', name: 'Improvement Board' },
        },
      },
      channel(thread),
    );
    const ref = await store.db
      .selectFrom('digest_subscriptions as s')
      .innerJoin('conversation_refs as c', 'c.id', 's.conversation_ref_id')
      .select(['c.conversation_id', 'c.reference', 'c.channel_name'])
      .where('s.org_id', '=', orgId)
      .where('c.channel_name', '=', 'Improvement Board')
      .executeTakeFirstOrThrow();
    expect(ref.conversation_id).toBe('19:thread-root@thread.tacv2');
    expect((ref.reference as { conversation: { id: string } }).conversation.id).toBe(
      '19:thread-root@thread.tacv2',
    );
  });

  it('digest here for <areas>: limits the channel by name or number; an unknown area changes nothing', async () => {
    await bot.say('digest here for workforce capacity, 1', channel('19:area@thread.tacv2'));
    const sub = (await subscriptions()).find((s) => s.channelName && s.priorityAreas.length);
    expect(sub?.priorityAreas).toEqual(['Workforce Capacity', 'Social Work Practice']);
    const before = await subscriptions();
    const { replies } = await bot.say('digest here for Astrology', channel('19:bad@thread.tacv2'));
    expect(cardText(cardOf(replies[0]))).toContain('There is no priority area "Astrology"');
    expect(await subscriptions()).toEqual(before);
  });

  it.each([
    ['a programme lead (not an admin)', SAMPLE.lead],
    ['an action owner', SAMPLE.owner],
  ])('digest here from %s is refused and stores nothing', async (_, who) => {
    const before = await subscriptions();
    const { replies } = await bot.say('digest here', channel('19:refused@thread.tacv2', who));
    expect(cardText(cardOf(replies[0]))).toContain('Only the programme office can do that');
    expect(await subscriptions()).toEqual(before);
  });

  it('digest here from someone not on the roster gets the polite refusal', async () => {
    const { replies } = await bot.say('digest here', channel('19:stranger@thread.tacv2', SAMPLE.stranger));
    expect(cardText(cardOf(replies[0]))).toContain("I don't know you yet");
  });

  it('digest here in a personal chat is refused', async () => {
    const before = await subscriptions();
    const { replies } = await bot.say('digest here', { aadObjectId: SAMPLE.admin });
    expect(cardText(cardOf(replies[0]))).toContain('Type this in a channel');
    expect(await subscriptions()).toEqual(before);
  });

  it('digest here in a channel of a tenant that is not allowed gets no answer and stores nothing', async () => {
    const before = await subscriptions();
    const { replies } = await bot.say('digest here', {
      ...channel('19:foreign@thread.tacv2'),
      tenantId: 'tenant-elsewhere',
    });
    expect(replies).toEqual([]);
    expect(await subscriptions()).toEqual(before);
    const foreign = await store.db
      .selectFrom('digest_subscriptions')
      .select('id')
      .where('org_id', '=', 'tenant-elsewhere')
      .execute();
    expect(foreign).toEqual([]);
  });

  it("digest here in another council's channel: our admin is a stranger there, nothing is subscribed", async () => {
    const { replies } = await bot.say('digest here', {
      ...channel('19:theirs@thread.tacv2'),
      tenantId: otherOrg,
    });
    expect(cardText(cardOf(replies[0]))).toContain("I don't know you yet");
    expect(await listSubscriptions(store.db, otherOrg)).toEqual([]);
  });

  it('digest stop: ends the subscription (audited); again says there was none', async () => {
    await bot.say('digest here', channel('19:stop@thread.tacv2'));
    const count = (await subscriptions()).length;
    const first = await bot.say('digest stop', channel('19:stop@thread.tacv2'));
    expect(cardText(cardOf(first.replies[0]))).toContain('Digest stopped');
    expect(await subscriptions()).toHaveLength(count - 1);
    const again = await bot.say('digest stop', channel('19:stop@thread.tacv2'));
    expect(cardText(cardOf(again.replies[0]))).toContain('No digest here');
    expect((await audits()).map((a) => a.change)).toContain('unsubscribed');
  });

  it('digest stop from a non-admin is refused', async () => {
    const { replies } = await bot.say('digest stop', channel('19:board@thread.tacv2', SAMPLE.lead));
    expect(cardText(cardOf(replies[0]))).toContain('Only the programme office can do that');
    expect(await subscriptions()).toEqual(
      expect.arrayContaining([expect.objectContaining({ channelName: 'Programme Board' })]),
    );
  });

  it('digest preview: a lead gets the digest card in the 1:1 chat', async () => {
    const { replies } = await bot.say('digest preview', { aadObjectId: SAMPLE.lead });
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('Weekly digest: Children at the Heart');
    expect(text).toMatch(/50 actions\*\*: 0 on track/);
  });

  it('digest preview asked in a channel goes to the 1:1 through the outbox, not to the channel', async () => {
    const { replies } = await bot.say('digest preview', channel('19:board@thread.tacv2', SAMPLE.lead));
    expect(cardText(cardOf(replies[0]))).toContain('I sent you the digest in our 1:1 chat');
    const queued = await store.db
      .selectFrom('outbox')
      .select(['kind', 'person_id'])
      .where('org_id', '=', orgId)
      .execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]?.kind).toBe('digest');
  });

  it.each([
    ['an action owner', SAMPLE.owner],
    ['a social worker', SAMPLE.socialWorker],
  ])('digest preview and digest now from %s are refused, with no figures', async (_, who) => {
    for (const command of ['digest preview', 'digest now']) {
      const { replies } = await bot.say(command, channel('19:board@thread.tacv2', who));
      const text = cardText(cardOf(replies[0]));
      expect(text).toContain('Only programme leads and admins can do that');
      expect(text).not.toContain('on track');
    }
  });

  it('digest now: posts the digest in the channel, with the channel’s area filter', async () => {
    const { replies } = await bot.say('digest now', channel('19:area@thread.tacv2', SAMPLE.lead));
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('Weekly digest: Children at the Heart');
    expect(text).toContain('Workforce Capacity, Social Work Practice');
    const personal = await bot.say('digest now', { aadObjectId: SAMPLE.lead });
    expect(cardText(cardOf(personal.replies[0]))).toContain('Type this in a channel');
  });
});
