import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './plan-fixtures.js';

/** A recorded Teams activity from test/fixtures/activities/<name>.json, with fields replaced. */
export function loadActivity(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const activity = JSON.parse(readFileSync(join(FIXTURES, 'activities', `${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
  return { ...activity, ...overrides };
}

/** Puts an activity in another tenant, everywhere Teams names the tenant. */
export function inTenant(activity: Record<string, unknown>, tenantId: string): Record<string, unknown> {
  const conversation = activity.conversation as Record<string, unknown>;
  return {
    ...activity,
    conversation: { ...conversation, tenantId },
    channelData: { tenant: { id: tenantId } },
  };
}
