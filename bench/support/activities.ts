import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A recorded Teams activity from bench/fixtures (`message.my-actions`, `submit-update`). */
export function loadActivity(
  name: string,
): Record<string, unknown> & { channelData: { tenant: { id: string } } } {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8'));
}

/** The tenant every bench activity comes from (it is put on the bot's allow-list). */
export const benchTenant = (): string => loadActivity('message.my-actions').channelData.tenant.id;

/**
 * A request body factory for a recorded Teams activity: the reply address points at the stub connector,
 * `${name}` placeholders take the store's values (ids differ per store), and every request gets its own
 * activity id, as Teams sends them (a repeated id would be a redelivery), which `${request}` also takes
 * (e.g. a form's idempotency key: each request is a new submission, not a double tap).
 */
export function activityBodies(name: string, serviceUrl: string, vars: Record<string, string>): () => string {
  const marker = `bench-${randomUUID()}`;
  const activity = { ...loadActivity(name), id: marker, serviceUrl: serviceUrl.replace(/\/?$/, '/') };
  const text = JSON.stringify(activity).replace(/\$\{([^}]+)\}/g, (whole, key: string) => {
    const value = key === 'request' ? marker : vars[key];
    if (value === undefined) throw new Error(`${name}: no value for ${whole}`);
    return value;
  });
  const parts = text.split(marker);
  let n = 0;
  return () => parts.join(`${marker}-${++n}`);
}
