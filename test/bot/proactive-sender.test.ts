import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProactiveSender } from '../../bot/proactive-sender.js';
import { SendFailure } from '../../src/delivery/message-sender.js';
import { FakeConnector } from '../support/fake-connector.js';

const activity = { type: 'message', text: 'Action 3a is due on Friday.' };

describe('ProactiveSender', () => {
  let connector: FakeConnector;
  let sender: ProactiveSender;
  const reference = () => ({
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    conversation: { id: 'a:chat-1', tenantId: 'tenant-1', conversationType: 'personal' },
    bot: { id: '28:practice-pulse' },
    user: { id: '29:user-1', aadObjectId: 'aad-1' },
  });
  const toConversation = () => ({
    orgId: 'tenant-1',
    target: { kind: 'conversation' as const, reference: reference() },
    activity,
  });

  beforeAll(async () => {
    connector = await FakeConnector.start();
    sender = new ProactiveSender(new ConfigurationBotFrameworkAuthentication({}), 'practice-pulse-local');
  });
  afterAll(() => connector.close());

  it('sends to a stored conversation and returns the Teams activity id', async () => {
    const receipt = await sender.send(toConversation());
    const call = connector.calls.at(-1)!;
    expect(call).toMatchObject({
      kind: 'send',
      conversationId: 'a:chat-1',
      tenantId: 'tenant-1',
      status: 201,
    });
    expect(call.body).toMatchObject({ type: 'message', text: activity.text });
    expect(receipt).toEqual({ activityId: call.activityId, conversationId: 'a:chat-1' });
  });

  it('creates the 1:1 for a person with none, then sends, and returns the new reference', async () => {
    const receipt = await sender.send({
      orgId: 'tenant-1',
      target: {
        kind: 'person',
        tenantId: 'tenant-1',
        serviceUrl: connector.serviceUrl,
        aadObjectId: 'aad-2',
      },
      activity,
    });
    const [create, send] = connector.calls.slice(-2);
    expect(create).toMatchObject({ kind: 'create', status: 201 });
    expect(create!.body).toMatchObject({
      isGroup: false,
      bot: { id: '28:practice-pulse-local' },
      members: [{ id: 'aad-2' }],
      tenantId: 'tenant-1',
      channelData: { tenant: { id: 'tenant-1' } },
    });
    expect(send).toMatchObject({ kind: 'send', conversationId: 'a:personal-aad-2' });
    expect(receipt.conversationId).toBe('a:personal-aad-2');
    expect(receipt.createdReference).toMatchObject({
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      conversation: { id: 'a:personal-aad-2', tenantId: 'tenant-1', conversationType: 'personal' },
      user: { aadObjectId: 'aad-2' },
    });
    expect(receipt.createdReference).not.toHaveProperty('activityId');
  });

  it('reports a 429 with its Retry-After, after one request (botbuilder does not retry on its own)', async () => {
    const before = connector.calls.length;
    connector.inject({ status: 429, retryAfterSeconds: 3, times: 1 });
    const error = await sender.send(toConversation()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SendFailure);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 3_000 });
    expect(connector.calls.length - before).toBe(1);
  });

  it.each([403, 404, 412, 500, 502, 503, 504])('reports %i once, with its status', async (status) => {
    const before = connector.calls.length;
    connector.inject({ status, times: 1 });
    await expect(sender.send(toConversation())).rejects.toMatchObject({ name: 'SendFailure', status });
    expect(connector.calls.length - before).toBe(1);
  });

  it('reports a refused connection by its code, at once', async () => {
    const started = Date.now();
    const dead = {
      ...toConversation(),
      target: {
        kind: 'conversation' as const,
        reference: { ...reference(), serviceUrl: 'http://127.0.0.1:1/' },
      },
    };
    await expect(sender.send(dead)).rejects.toMatchObject({
      name: 'SendFailure',
      status: undefined,
      code: 'ECONNREFUSED',
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('reports a create refused with 403 (app not installed for the person)', async () => {
    connector.inject({ calls: ['create'], status: 403, times: 1 });
    await expect(
      sender.send({
        orgId: 'tenant-1',
        target: {
          kind: 'person',
          tenantId: 'tenant-1',
          serviceUrl: connector.serviceUrl,
          aadObjectId: 'aad-3',
        },
        activity,
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("works from the bot's inbound adapter, sharing its authentication, still without hidden retries", async () => {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const shared = ProactiveSender.fromAdapter(adapter, 'practice-pulse-local');
    expect((await shared.send(toConversation())).activityId).toMatch(/^1:/);
    const before = connector.calls.length;
    connector.inject({ status: 502, times: 1 });
    await expect(shared.send(toConversation())).rejects.toMatchObject({ status: 502 });
    expect(connector.calls.length - before).toBe(1);
  });
});
