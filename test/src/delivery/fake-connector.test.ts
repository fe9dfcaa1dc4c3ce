import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeConnector } from '../../support/fake-connector.js';
import { SlidingWindows } from '../../support/sliding-windows.js';

describe('fake Bot Connector', () => {
  let connector: FakeConnector;
  beforeEach(async () => {
    connector = await FakeConnector.start({
      members: { 'aad-1': { id: '29:1', name: 'Sam', aadObjectId: 'aad-1' } },
    });
  });
  afterEach(() => connector.close());

  const post = (conversationId: string, tenantId = 't1') =>
    fetch(`${connector.serviceUrl}v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', conversation: { id: conversationId, tenantId } }),
    });

  it('answers the 8th message to one conversation within a second with 429 and Retry-After', async () => {
    const statuses = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await post('a:1')).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 429]);
    const last = await post('a:1');
    expect(last.headers.get('retry-after')).toBe('1');
    expect(connector.limitRejections).toBe(2);
    expect(connector.sent()).toHaveLength(7);
  });

  it('answers the 51st request of one tenant within a second with 429, other tenants unaffected', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 51 }, (_, i) => post(`a:${i}`).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect((await post('a:other', 't2')).status).toBe(201);
    expect(connector.limitRejectionsIn('t1')).toBe(1);
    expect(connector.limitRejectionsIn('t2')).toBe(0);
  });

  it('injects faults per conversation, a number of times', async () => {
    connector.inject({ conversationId: 'a:x', status: 403, times: 1 });
    expect((await post('a:x')).status).toBe(403);
    expect((await post('a:x')).status).toBe(201);
    expect((await post('a:y')).status).toBe(201);
  });

  it('injects faults at a rate, repeatably from its seed', async () => {
    connector.setEnforceLimits(false);
    connector.inject({ status: 503, rate: 0.25 });
    const statuses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post(`a:${i}`).then((r) => r.status)),
    );
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(30);
    expect(failed).toBeLessThan(70);
  });

  it('answers slowly when told to', async () => {
    connector.inject({ delayMs: 150, times: 1 });
    const started = Date.now();
    expect((await post('a:slow')).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('updates an activity in place, answers member look-ups, and 404s unknown routes', async () => {
    const sent = (await (await post('a:1')).json()) as { id: string };
    const put = await fetch(`${connector.serviceUrl}v3/conversations/a%3A1/activities/${sent.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'replaced' }),
    });
    expect(await put.json()).toEqual({ id: sent.id });
    expect(connector.calls.at(-1)).toMatchObject({ kind: 'update', tenantId: 't1', activityId: sent.id });
    const member = await fetch(`${connector.serviceUrl}v3/conversations/a%3A1/members/aad-1`);
    expect(await member.json()).toMatchObject({ name: 'Sam' });
    expect((await fetch(`${connector.serviceUrl}v3/conversations/a%3A1/members/nobody`)).status).toBe(404);
    expect((await fetch(`${connector.serviceUrl}v3/teams`)).status).toBe(404);
  });
});

describe("the fake connector's window check", () => {
  it('judges calls by arrival time even when they are recorded out of order', () => {
    const windows = new SlidingWindows([{ count: 2, windowMs: 1_000 }]);
    windows.record(500);
    windows.record(100);
    expect(windows.waitMs(600)).toBe(500);
    expect(windows.waitMs(1_100)).toBe(0);
  });
});
