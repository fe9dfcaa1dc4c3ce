import type { IncomingMessage } from 'node:http';

/** The Bot Framework REST calls the fake connector answers, and how it reads them. */

export type CallKind = 'create' | 'send' | 'update' | 'member';
export type Json = Record<string, unknown>;

export type Route =
  | { kind: 'create' }
  | { kind: 'send'; conversationId: string }
  | { kind: 'update'; conversationId: string; activityId: string }
  | { kind: 'member'; conversationId: string; memberId: string };

export function parseRoute(method: string, path: string): Route | undefined {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] !== 'v3' || parts[1] !== 'conversations') return undefined;
  const [, , conversationId, sub, id, extra] = parts;
  if (method === 'POST' && parts.length === 2) return { kind: 'create' };
  if (!conversationId) return undefined;
  if (method === 'POST' && sub === 'activities' && extra === undefined)
    return { kind: 'send', conversationId };
  if (method === 'PUT' && sub === 'activities' && id && extra === undefined)
    return { kind: 'update', conversationId, activityId: id };
  if (method === 'GET' && sub === 'members' && id && extra === undefined)
    return { kind: 'member', conversationId, memberId: id };
  return undefined;
}

/** Teams gives a 1:1 a stable id per member: creating it twice returns the same conversation. */
export function createdConversationId(body: Json): string {
  const members = body.members as Array<{ id?: string }> | undefined;
  return `a:personal-${members?.[0]?.id ?? 'unknown'}`;
}

export async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  return parsed && typeof parsed === 'object' ? (parsed as Json) : {};
}

export function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** A small seeded random, so injected fault rates repeat run to run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
