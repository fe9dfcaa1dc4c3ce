import { readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor.js';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata.js';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { Server } from 'restify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAdapter } from '../../../bot/adapter.js';
import { cardActions } from '../../../bot/card-actions/index.js';
import { commands, matchCommand } from '../../../bot/commands/index.js';
import { KEY_FETCH_TIMEOUT_MS } from '../../../bot/fail-closed-auth.js';
import { PracticePulseBot } from '../../../bot/practice-pulse.bot.js';
import { SUBMIT_UPDATE_VERB } from '../../../cards/update-form.card.js';
import type { Store } from '../../../src/db/connect.js';
import { createServer, listen, MAX_BODY_BYTES } from '../../../src/http/server.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import { MATRIX_ACTION, MATRIX_PEOPLE, sharedMatrixOrg } from '../../support/matrix-org.js';
import { testStore } from '../../support/store.js';
import { storeFingerprint } from '../../support/store-fingerprint.js';
import { testStoreKinds } from '../../support/store-settings.js';
import { testApp } from '../../support/test-app.js';

const BOT_ID = '11111111-2222-4333-8444-555555555555';
const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';
const CHANNEL_ISSUER = 'https://api.botframework.com';
const CHANNEL_METADATA = 'https://login.botframework.com/v1/.well-known/openidconfiguration';

/** botbuilder's process-wide cache of Bot Framework signing keys, by metadata URL (private in its types). */
const keyCache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, OpenIdMetadata> })
  .openIdMetadataCache;

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A Bot Framework channel token as the Bot Connector signs it (here: with a key of the test's choosing). */
function channelToken(key: Key, kid: string, claims: Record<string, unknown> = {}, expiresIn = '5m') {
  return new SignJWT({ serviceurl: SERVICE_URL, aud: BOT_ID, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(CHANNEL_ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key);
}

/** The bot joining a personal chat: no reply is sent, so no outbound call is needed, but the turn is stored. */
function botAdded(tenant: string, conversationId: string, serviceUrl = SERVICE_URL) {
  return {
    type: 'conversationUpdate',
    id: `act-${conversationId}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:someone', aadObjectId: '00000000-0000-4000-8000-000000000020' },
    recipient: { id: `28:${BOT_ID}` },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: tenant },
    membersAdded: [{ id: `28:${BOT_ID}` }],
    channelData: { tenant: { id: tenant } },
  };
}

describe('inbound authentication on /api/messages (Bot credentials configured)', () => {
  let store: Store;
  let orgId: string;
  let server: Server;
  let url: string;
  let genuine: { privateKey: Key; jwk: JWK };

  beforeAll(async () => {
    // why: botbuilder console.errors every refused request; the assertions below say what matters.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    store = await testStore(testStoreKinds()[0]!);
    orgId = await sharedMatrixOrg(store);
    const app = testApp(store, orgId, {
      config: { BOT_ID, SECRET_BOT_PASSWORD: 'test-secret-not-real', BOT_TENANT_ID: orgId },
    });
    const bot = new PracticePulseBot(app, { commands, match: matchCommand, cardActions });
    server = createServer({ app, adapter: createAdapter(app.config, app.log), bot });
    await listen(server, 0, '127.0.0.1');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
    const pair = await generateKeyPair('RS256', { extractable: true });
    genuine = { privateKey: pair.privateKey, jwk: await exportJWK(pair.publicKey) };
  });

  afterAll(async () => {
    vi.mocked(console.error).mockRestore();
    keyCache.delete(CHANNEL_METADATA);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function post(body: unknown, authorization?: string, contentType = 'application/json') {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: await response.text() };
  }

  const stored = async (conversationId: string) =>
    (
      await store.db
        .selectFrom('conversation_refs')
        .select('id')
        .where('conversation_id', '=', conversationId)
        .execute()
    ).length;

  it('refuses a request with no token (401) and runs nothing', async () => {
    const res = await post(botAdded(orgId, 'conv-no-token'));
    expect(res.status).toBe(401);
    expect(await stored('conv-no-token')).toBe(0);
  });

  it("refuses an owner's update sent without a valid token: claiming their object id changes nothing", async () => {
    const action = await findActionByRef(store.db, orgId, MATRIX_ACTION);
    const before = await storeFingerprint(store, orgId);
    const { privateKey } = await generateKeyPair('RS256');
    const claimingOwner = {
      ...botAdded(orgId, 'conv-claim'),
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: { id: '29:owner', aadObjectId: MATRIX_PEOPLE.owner },
      value: {
        action: {
          type: 'Action.Execute',
          verb: SUBMIT_UPDATE_VERB,
          data: { actionId: action!.id, key: 'forged-1', mode: 'update', rag: 'green', percent: '100' },
        },
      },
    };
    for (const authorization of [undefined, `Bearer ${await channelToken(privateKey, 'forged')}`]) {
      expect((await post(claimingOwner, authorization)).status).toBe(401);
    }
    expect(await storeFingerprint(store, orgId)).toBe(before);
  });

  it('refuses a self-signed token from an issuer it does not trust, without any network', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ serviceurl: SERVICE_URL })
      .setProtectedHeader({ alg: 'RS256', kid: 'mine' })
      .setIssuer('https://attacker.example')
      .setAudience(BOT_ID)
      .setExpirationTime('5m')
      .sign(privateKey);
    const res = await post(botAdded(orgId, 'conv-bad-issuer'), `Bearer ${forged}`);
    expect(res.status).toBe(401);
    expect(await stored('conv-bad-issuer')).toBe(0);
  });

  it('refuses a forged Bot Framework token with 401, quickly, when the signing keys cannot be fetched (offline)', async () => {
    // why: nothing is cached yet, so botbuilder tries login.botframework.com; offline that fails, and a token
    // that cannot be verified must be refused as unauthenticated (botbuilder alone answers 500 with the error).
    keyCache.delete(CHANNEL_METADATA);
    const { privateKey } = await generateKeyPair('RS256');
    const started = Date.now();
    const res = await post(
      botAdded(orgId, 'conv-offline'),
      `Bearer ${await channelToken(privateKey, 'forged')}`,
    );
    expect(res.status).toBe(401);
    expect(res.body).not.toMatch(/login\.botframework\.com|ENOTFOUND/);
    expect(Date.now() - started).toBeLessThan(KEY_FETCH_TIMEOUT_MS + 1_000);
    expect(await stored('conv-offline')).toBe(0);
  });

  describe('with the Bot Framework signing keys known', () => {
    beforeAll(() => {
      // why: stands in for the keys botbuilder fetches from login.botframework.com (no network in tests): the
      // genuine key below plays Microsoft's; every forged token is signed with some other key.
      const metadata = new OpenIdMetadata(CHANNEL_METADATA);
      Object.assign(metadata, {
        keys: [{ ...genuine.jwk, kid: 'genuine', endorsements: ['msteams'] }],
        lastUpdated: Date.now(),
      });
      keyCache.set(CHANNEL_METADATA, metadata);
    });

    it('accepts a genuinely signed token and runs the turn (the conversation is stored)', async () => {
      const res = await post(
        botAdded(orgId, 'conv-genuine'),
        `Bearer ${await channelToken(genuine.privateKey, 'genuine')}`,
      );
      expect(res.status).toBe(200);
      expect(await stored('conv-genuine')).toBe(1);
    });

    it.each([
      [
        'signed with another key under the genuine key id',
        async () => {
          const { privateKey } = await generateKeyPair('RS256');
          return channelToken(privateKey, 'genuine');
        },
      ],
      [
        'for another bot (audience)',
        () => channelToken(genuine.privateKey, 'genuine', { aud: 'another-bot' }),
      ],
      ['expired', () => channelToken(genuine.privateKey, 'genuine', {}, '-10m')],
      [
        'issued for another service URL than the activity names',
        () => channelToken(genuine.privateKey, 'genuine', { serviceurl: 'https://attacker.example/' }),
      ],
      ['with an unknown key id', () => channelToken(genuine.privateKey, 'unknown')],
    ])('refuses a token %s (401) and runs nothing', async (label, make) => {
      const conversationId = `conv-${label.replace(/\W+/g, '-')}`;
      const res = await post(botAdded(orgId, conversationId), `Bearer ${await make()}`);
      expect(res.status).toBe(401);
      expect(await stored(conversationId)).toBe(0);
    });

    it('with a genuine token, still ignores an activity from a tenant that is not allowed', async () => {
      const res = await post(
        botAdded('tenant-not-allowed', 'conv-other-tenant'),
        `Bearer ${await channelToken(genuine.privateKey, 'genuine')}`,
      );
      expect(res.status).toBe(200);
      expect(await stored('conv-other-tenant')).toBe(0);
      const org = await store.db
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', 'tenant-not-allowed')
        .execute();
      expect(org).toEqual([]);
    });
  });

  describe('request bodies', () => {
    it(`refuses a body over MAX_BODY_BYTES (${MAX_BODY_BYTES}) with 413 before any parsing`, async () => {
      const big = { ...botAdded(orgId, 'conv-big'), text: 'x'.repeat(MAX_BODY_BYTES + 1) };
      const res = await post(big);
      expect(res.status).toBe(413);
      expect(await stored('conv-big')).toBe(0);
    });

    it('refuses a form body with 415', async () => {
      const res = await post(
        'type=message&text=hi&channelId=msteams',
        undefined,
        'application/x-www-form-urlencoded',
      );
      expect(res.status).toBe(415);
    });

    it('refuses a multipart upload with 415 before reading it, leaving no file behind (anonymous disk filling)', async () => {
      const before = new Set(readdirSync(tmpdir()));
      const form = new FormData();
      form.append('type', 'message');
      form.append('file', new Blob(['x'.repeat(2 * MAX_BODY_BYTES)]), 'big.txt');
      const response = await fetch(url, { method: 'POST', body: form });
      expect(response.status).toBe(415);
      await response.arrayBuffer();
      expect(readdirSync(tmpdir()).filter((f) => !before.has(f) && f.startsWith('upload_'))).toEqual([]);
    });

    it('refuses a body holding a NUL character with 400 (PostgreSQL cannot store it), on every route', async () => {
      const res = await post({ ...botAdded(orgId, 'conv-nul'), text: 'a\u0000b' });
      expect(res.status).toBe(400);
      expect(await stored('conv-nul')).toBe(0);
    });

    it('refuses malformed JSON with 400', async () => {
      const res = await post('{"type": "message", ');
      expect(res.status).toBe(400);
    });
  });
});
