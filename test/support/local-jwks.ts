import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export const TEST_CLIENT_ID = '11111111-2222-4333-8444-555555555555';

export interface TokenOptions {
  tid: string;
  oid: string;
  name?: string;
  aud?: string;
  iss?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with a key the JWKS does not publish. */
  foreignKey?: boolean;
  extra?: JWTPayload;
}

export interface LocalJwks {
  url: string;
  /** A Teams-SSO-shaped access token signed by the local key (v2.0 issuer of its tenant by default). */
  sign(options: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

/** A JWKS endpoint on 127.0.0.1 publishing one local RSA key, standing in for Entra's signing keys. */
export async function startLocalJwks(): Promise<LocalJwks> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'local-test-key', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // why: the app keeps one key set per JWKS URL for the process; a later JWKS on a port the OS handed out
  // again must not be taken for this one (its key has the same id), so each gets a path of its own.
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${randomUUID()}/discovery/v2.0/keys`;
  return {
    url,
    async sign(o) {
      const now = Math.floor(Date.now() / 1000);
      const expiresIn = o.expiresIn ?? 3600;
      return new SignJWT({ tid: o.tid, oid: o.oid, name: o.name ?? 'Test Person', ver: '2.0', ...o.extra })
        .setProtectedHeader({ alg: 'RS256', kid: 'local-test-key', typ: 'JWT' })
        .setIssuer(o.iss ?? `https://login.microsoftonline.com/${o.tid}/v2.0`)
        .setAudience(o.aud ?? TEST_CLIENT_ID)
        .setSubject(o.oid)
        .setIssuedAt(now + Math.min(0, expiresIn) - 60)
        .setNotBefore(now + Math.min(0, expiresIn) - 60)
        .setExpirationTime(now + expiresIn)
        .sign(o.foreignKey ? foreign.privateKey : privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
