import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDINGS, type Standing } from '../../../src/access/permissions.js';
import type { Store } from '../../../src/db/connect.js';
import { createServer, listen } from '../../../src/http/server.js';
import { tabRoutes } from '../../../src/http/tab.routes.js';
import { findActionByRef } from '../../../src/plan/action.repository.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { type LocalJwks, startLocalJwks, TEST_CLIENT_ID } from '../../support/local-jwks.js';
import { laterToday, MATRIX_ACTION, MATRIX_PEOPLE, sharedMatrixOrg } from '../../support/matrix-org.js';
import { testStore } from '../../support/store.js';
import { storeFingerprint } from '../../support/store-fingerprint.js';
import { testStoreKinds } from '../../support/store-settings.js';
import { testApp } from '../../support/test-app.js';

/** 1,000 requests take a few seconds on an idle machine; the margin is for a machine shared with other runs. */
const PROPERTY_TIMEOUT_MS = 90_000;

const hostile = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom(
    '',
    'green',
    'purple',
    '250',
    '-1',
    'javascript:alert(1)',
    '<b>x</b>',
    "'; drop table actions; --",
  ),
  fc.uuid(),
  fc.integer({ min: -10, max: 300 }),
);
const body = fc.dictionary(
  fc.constantFrom(
    'actionId',
    'rag',
    'percent',
    'narrative',
    'evidenceUrl',
    'blockers',
    'idempotencyKey',
    'personId',
  ),
  hostile,
  { maxKeys: 8 },
);
const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?format=csv',
    '?format=pdf',
    '?area=Nowhere',
    '?person=not-a-uuid',
    '?status=red&role=HR',
    '?x=1',
  ),
  fc.string({ maxLength: 20 }).map((s) => `?q=${encodeURIComponent(s)}`),
);
const request = fc.record({
  who: fc.option(fc.constantFrom<Standing>(...STANDINGS), { nil: undefined }),
  badToken: fc.boolean(),
  method: fc.constantFrom('GET', 'POST'),
  path: fc.constantFrom('me', 'my-actions', 'plan', 'export', 'updates', 'done', 'on-track', 'unknown'),
  realAction: fc.boolean(),
  query,
  body,
});

describe('property: random tab API requests', () => {
  let store: Store;
  let orgId: string;
  let jwks: LocalJwks;
  let base: string;
  let actionId: string;
  let last: string;
  const servers: { close(cb: () => void): void }[] = [];

  beforeAll(async () => {
    store = await testStore(testStoreKinds()[0]!);
    orgId = await sharedMatrixOrg(store);
    actionId = (await findActionByRef(store.db, orgId, MATRIX_ACTION))!.id;
    jwks = await startLocalJwks();
    const app = testApp(store, orgId, {
      clock: new ManualClock(laterToday()),
      config: { AAD_APP_CLIENT_ID: TEST_CLIENT_ID, SSO_JWKS_URL: jwks.url },
    });
    const server = createServer({
      app,
      adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
      bot: new ActivityHandler(),
      routes: [tabRoutes(app)],
    });
    await listen(server, 0, '127.0.0.1');
    servers.push(server);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/tab`;
    last = await storeFingerprint(store, orgId);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    await jwks.close();
  });

  it(
    'never answers 5xx, always answers JSON (or the export file), and a refusal changes nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const id = r.realAction ? actionId : '00000000-0000-4000-8000-000000000000';
          const path = ['updates', 'done', 'on-track'].includes(r.path) ? `actions/${id}/${r.path}` : r.path;
          const token = r.who
            ? await jwks.sign({ tid: orgId, oid: MATRIX_PEOPLE[r.who], foreignKey: r.badToken })
            : undefined;
          const response = await fetch(`${base}/${path}${r.query}`, {
            method: r.method,
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(r.method === 'POST' ? { 'content-type': 'application/json' } : {}),
            },
            ...(r.method === 'POST' ? { body: JSON.stringify({ actionId: id, ...r.body }) } : {}),
          });
          const text = await response.text();
          expect(response.status).toBeLessThan(500);
          if (!(r.path === 'export' && response.status === 200)) expect(() => JSON.parse(text)).not.toThrow();
          const before = last;
          last = await storeFingerprint(store, orgId);
          const cannotChange = !r.who || r.badToken || r.who === 'stranger' || r.who === 'socialWorker';
          if (response.status >= 400 || cannotChange) expect(last).toBe(before);
        }),
        { numRuns: 1_000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
