import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedAudiences, type SsoSettings, verifySsoToken } from '../../../src/auth/sso-token.js';
import { type LocalJwks, startLocalJwks, TEST_CLIENT_ID } from '../../support/local-jwks.js';

const TENANT = '9a8b7c6d-0000-4000-8000-000000000001';
const OID = '00000000-0000-4000-8000-000000000020';

describe('verifySsoToken', () => {
  let jwks: LocalJwks;
  let settings: SsoSettings;
  beforeAll(async () => {
    jwks = await startLocalJwks();
    settings = {
      clientId: TEST_CLIENT_ID,
      publicUrl: 'https://pulse.example.org',
      jwksUrl: jwks.url,
      allowedTenants: [TENANT],
    };
  });
  afterAll(() => jwks.close());

  it('accepts a token signed by a published key, for this app, from an allowed tenant', async () => {
    const token = await jwks.sign({ tid: TENANT, oid: OID, name: 'Pat Owner' });
    await expect(verifySsoToken(token, settings)).resolves.toEqual({
      tenantId: TENANT,
      objectId: OID,
      name: 'Pat Owner',
    });
  });

  it('accepts the api:// audience and the v1 issuer', async () => {
    const token = await jwks.sign({
      tid: TENANT,
      oid: OID,
      aud: `api://pulse.example.org/${TEST_CLIENT_ID}`,
      iss: `https://sts.windows.net/${TENANT}/`,
    });
    await expect(verifySsoToken(token, settings)).resolves.toMatchObject({ objectId: OID });
  });

  it.each([
    ['no token', async () => undefined, 'missing'],
    ['a token that is not a JWT', async () => 'not.a.jwt', 'malformed'],
    ['an expired token', () => jwks.sign({ tid: TENANT, oid: OID, expiresIn: -600 }), 'expired'],
    ['a token for another app', () => jwks.sign({ tid: TENANT, oid: OID, aud: 'another-app' }), 'audience'],
    [
      'a token signed by another key',
      () => jwks.sign({ tid: TENANT, oid: OID, foreignKey: true }),
      'signature',
    ],
    [
      "a token whose issuer is not its tenant's",
      () => jwks.sign({ tid: TENANT, oid: OID, iss: 'https://login.microsoftonline.com/other/v2.0' }),
      'issuer',
    ],
    [
      'a token of a tenant not on the allow list',
      () => jwks.sign({ tid: 'other-tenant', oid: OID }),
      'tenant',
    ],
    ['a token with no object id', () => jwks.sign({ tid: TENANT, oid: '' }), 'malformed'],
  ])('refuses %s', async (_name, token, reason) => {
    await expect(verifySsoToken(await token(), settings)).rejects.toMatchObject({
      name: 'SsoTokenError',
      reason,
    });
  });

  it('says sign-in cannot be checked (not that the token is bad) when the signing keys cannot be fetched', async () => {
    const token = await jwks.sign({ tid: TENANT, oid: OID });
    await expect(
      verifySsoToken(token, { ...settings, jwksUrl: 'http://127.0.0.1:9/keys' }),
    ).rejects.toMatchObject({ reason: 'unavailable' });
  });

  it('refuses every token when no client id is configured', async () => {
    const token = await jwks.sign({ tid: TENANT, oid: OID });
    await expect(verifySsoToken(token, { ...settings, clientId: undefined })).rejects.toMatchObject({
      reason: 'audience',
    });
  });

  it('derives the api:// audience from the public URL', () => {
    expect(acceptedAudiences({ clientId: 'abc', publicUrl: 'https://bot.example.org:8443/x' })).toEqual([
      'abc',
      'api://bot.example.org:8443/abc',
    ]);
    expect(acceptedAudiences({ clientId: 'abc', publicUrl: undefined })).toEqual(['abc']);
  });
});
