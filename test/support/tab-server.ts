import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Server } from 'restify';
import type { AppContext } from '../../src/app-context.js';
import type { Store } from '../../src/db/connect.js';
import { createServer, listen } from '../../src/http/server.js';
import { tabRoutes } from '../../src/http/tab.routes.js';
import { findPersonByAad } from '../../src/people/people.repository.js';
import { ManualClock } from '../../src/shared/clock.js';
import { type LocalJwks, startLocalJwks, TEST_CLIENT_ID } from './local-jwks.js';
import { sampleOrg } from './plan-fixtures.js';
import { testApp } from './test-app.js';

export interface TabServer {
  app: AppContext;
  orgId: string;
  url: string;
  jwks: LocalJwks;
  /** A valid SSO token for a sample person (object id). */
  tokenFor(objectId: string, overrides?: Partial<Parameters<LocalJwks['sign']>[0]>): Promise<string>;
  personId(objectId: string): Promise<string>;
  close(): Promise<void>;
}

/** Monday 16 March 2020, 09:30 London: the sample plan has overdue, due-soon and later actions. */
export const TAB_NOW = new Date('2020-03-16T09:30:00Z');

/**
 * The real server (restify, CloudAdapter without credentials, a bot that answers nothing) with the tab's
 * routes, on a fresh organisation holding the sample plan, and a local JWKS for its SSO tokens.
 */
export async function startTabServer(
  store: Store,
  options: { config?: Record<string, string>; tabDir?: string } = {},
): Promise<TabServer> {
  const orgId = await sampleOrg(store);
  const jwks = await startLocalJwks();
  const app = testApp(store, orgId, {
    clock: new ManualClock(TAB_NOW),
    config: { AAD_APP_CLIENT_ID: TEST_CLIENT_ID, SSO_JWKS_URL: jwks.url, ...options.config },
  });
  const server: Server = createServer({
    app,
    adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
    bot: new ActivityHandler(),
    routes: [tabRoutes(app, { tabDir: options.tabDir })],
  });
  await listen(server, 0, '127.0.0.1');
  return {
    app,
    orgId,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    jwks,
    tokenFor: (oid, overrides = {}) => jwks.sign({ tid: orgId, oid, ...overrides }),
    personId: async (oid) => (await findPersonByAad(store.db, orgId, oid))!.id,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // why: a browser keeps sockets open after its page closed; close() alone would wait for them.
      server.server.closeAllConnections();
      await closed;
      await jwks.close();
    },
  };
}
