import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';

/** What the tab API trusts from a Teams SSO token once it is verified. */
export interface SsoIdentity {
  tenantId: string;
  objectId: string;
  name: string | null;
}

export interface SsoSettings {
  /** Entra app (client) id the tab's tokens are issued for. */
  clientId: string | undefined;
  /** The bot's public base URL: its host forms the `api://<host>/<client id>` audience. */
  publicUrl: string | undefined;
  jwksUrl: string;
  allowedTenants: readonly string[];
}

/** Why a token was refused; the message is safe to show and says what to do. */
export class SsoTokenError extends Error {
  override name = 'SsoTokenError';
  constructor(
    readonly reason:
      | 'missing'
      | 'malformed'
      | 'expired'
      | 'signature'
      | 'audience'
      | 'issuer'
      | 'tenant'
      | 'unavailable',
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** One key set per URL: jose caches the keys and refetches when a token names an unknown key id. */
function keySet(url: string) {
  let set = keySets.get(url);
  if (!set) {
    set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    keySets.set(url, set);
  }
  return set;
}

/** The audiences a token may carry: the bare client id, or the `api://` id URI of the manifest. */
export function acceptedAudiences(settings: Pick<SsoSettings, 'clientId' | 'publicUrl'>): string[] {
  if (!settings.clientId) return [];
  const out = [settings.clientId];
  if (settings.publicUrl) out.push(`api://${new URL(settings.publicUrl).host}/${settings.clientId}`);
  return out;
}

// why: Entra issues v2.0 tokens from login.microsoftonline.com and v1.0 tokens from sts.windows.net,
// depending on the app registration's accessTokenAcceptedVersion; both name the tenant in the issuer.
const issuersOf = (tid: string) => [
  `https://login.microsoftonline.com/${tid}/v2.0`,
  `https://sts.windows.net/${tid}/`,
];

/**
 * Verifies a Teams SSO token (from `authentication.getAuthToken()`): signature against the JWKS, expiry,
 * audience, the issuer of the token's own tenant, and that tenant on the allow list.
 */
export async function verifySsoToken(token: string | undefined, settings: SsoSettings): Promise<SsoIdentity> {
  if (!token) throw new SsoTokenError('missing', 'Sign-in required: no Teams token was sent.');
  const audience = acceptedAudiences(settings);
  if (audience.length === 0)
    throw new SsoTokenError('audience', 'Sign-in is not configured on this server (AAD_APP_CLIENT_ID).');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet(settings.jwksUrl), { audience, clockTolerance: 60 }));
  } catch (error) {
    throw translate(error);
  }
  const tid = typeof payload.tid === 'string' ? payload.tid : '';
  const oid = typeof payload.oid === 'string' ? payload.oid : '';
  if (!tid || !oid) throw new SsoTokenError('malformed', 'The Teams token has no tenant or user id.');
  if (!issuersOf(tid).includes(String(payload.iss)))
    throw new SsoTokenError('issuer', 'The Teams token was not issued by your organisation.');
  if (!settings.allowedTenants.includes(tid))
    throw new SsoTokenError('tenant', 'Your organisation is not set up to use this app.');
  return { tenantId: tid, objectId: oid, name: typeof payload.name === 'string' ? payload.name : null };
}

function translate(error: unknown): SsoTokenError {
  if (error instanceof errors.JWTExpired)
    return new SsoTokenError('expired', 'Your sign-in has expired: reload the tab.');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
    return new SsoTokenError('audience', 'The Teams token was issued for another app.');
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  )
    return new SsoTokenError('signature', 'The Teams token signature is not valid.');
  if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout))
    return new SsoTokenError('malformed', `The Teams token is not valid (${error.code}).`);
  // why: the signing keys could not be fetched (timeout, network): the token may be fine, so no 401.
  return new SsoTokenError(
    'unavailable',
    'Sign-in cannot be checked right now. Please try again in a minute.',
  );
}
