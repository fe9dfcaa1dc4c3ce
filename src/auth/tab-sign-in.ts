import { resolveViewer, type Viewer } from '../access/viewer.js';
import type { AppContext } from '../app-context.js';
import { defaultTenant } from '../config/load-config.js';
import { SsoTokenError, verifySsoToken } from './sso-token.js';

export type TabSignIn =
  | { kind: 'ok'; viewer: Viewer }
  | { kind: 'refused'; status: 401 | 403 | 503; reason: string; message: string };

const STATUS_OF: Partial<Record<SsoTokenError['reason'], 403 | 503>> = { tenant: 403, unavailable: 503 };

const refused = (status: 401 | 403 | 503, reason: string, message: string): TabSignIn => ({
  kind: 'refused',
  status,
  reason,
  message,
});

/** True when the development sign-in (no Teams, pick a roster person) is allowed: only ENV=local. */
export const devSignInAllowed = (app: AppContext) => app.config.ENV === 'local';

/**
 * Who is calling the tab API. In Teams: `Authorization: Bearer <SSO token>`, verified, its tenant is the
 * organisation and its object id is looked up on the roster. With ENV=local only: `Authorization: Dev
 * <object id>` signs in as that roster person of the default tenant, for trying the tab in a browser.
 */
export async function signInTab(app: AppContext, authorization: string | undefined): Promise<TabSignIn> {
  const [scheme, credential] = (authorization ?? '').trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'dev') {
    if (!devSignInAllowed(app))
      return refused(401, 'dev', 'Development sign-in is only available when ENV=local.');
    return onRoster(app, defaultTenant(app.config), credential);
  }
  if (scheme?.toLowerCase() !== 'bearer' || !credential)
    return refused(401, 'missing', 'Sign-in required: no Teams token was sent.');
  try {
    const identity = await verifySsoToken(credential, {
      clientId: app.config.AAD_APP_CLIENT_ID,
      publicUrl: app.config.PUBLIC_URL,
      jwksUrl: app.config.SSO_JWKS_URL,
      allowedTenants: app.config.TENANT_ALLOW_LIST,
    });
    return onRoster(app, identity.tenantId, identity.objectId);
  } catch (error) {
    if (!(error instanceof SsoTokenError)) throw error;
    if (error.reason === 'unavailable')
      app.log.warn({ err: error.cause }, 'tab sign-in: signing keys unavailable');
    else app.log.info({ reason: error.reason }, 'tab sign-in refused');
    return refused(STATUS_OF[error.reason] ?? 401, error.reason, error.message);
  }
}

async function onRoster(app: AppContext, orgId: string, objectId: string | undefined): Promise<TabSignIn> {
  const viewer = await resolveViewer(app.db, orgId, objectId);
  if (!viewer)
    return refused(
      403,
      'not-on-roster',
      "You are not on this plan's roster yet. Ask the programme office to add you, then reload the tab.",
    );
  return { kind: 'ok', viewer };
}
