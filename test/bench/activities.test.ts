import { describe, expect, it } from 'vitest';
import { activityBodies, benchTenant, loadActivity } from '../../bench/support/activities.js';

const vars = { 'action:1a': '0b7e1c5a-3f1d-4c1e-9a51-6f0d2f7c9b10' };

describe('activityBodies', () => {
  it('gives each request its own activity id and form key, and points replies at the connector', () => {
    const next = activityBodies('submit-update', 'http://127.0.0.1:4000', vars);
    const [a, b] = [JSON.parse(next()), JSON.parse(next())];
    expect(a.id).not.toBe(b.id);
    expect(a.serviceUrl).toBe('http://127.0.0.1:4000/');
    expect(a.value.action.data.submitKey).toBe(`bench:${a.id}:update`);
    expect(b.value.action.data.submitKey).toBe(`bench:${b.id}:update`);
    expect(a.value.action.data.actionId).toBe(vars['action:1a']);
  });

  it('keeps the recorded Teams shape: msteams, personal chat, tenant, Entra object id', () => {
    const activity = JSON.parse(activityBodies('message.my-actions', 'http://127.0.0.1:4000/', vars)());
    expect(activity).toMatchObject({
      channelId: 'msteams',
      text: 'my actions',
      conversation: { conversationType: 'personal' },
      channelData: { tenant: { id: benchTenant() } },
    });
    expect(activity.from.aadObjectId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a fixture whose placeholder has no value, naming it', () => {
    expect(() => activityBodies('submit-update', 'http://127.0.0.1:4000', {})).toThrow(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the fixture's placeholder, quoted in the error
      'submit-update: no value for ${action:1a}',
    );
  });

  it('fails clearly for a fixture that does not exist', () => {
    expect(() => loadActivity('no-such-fixture')).toThrow(/no-such-fixture\.json/);
  });
});
