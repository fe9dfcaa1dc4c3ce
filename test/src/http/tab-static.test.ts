import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureTabBuilt } from '../../../scripts/build-tab.js';
import type { Store } from '../../../src/db/connect.js';
import type { TabMyActions } from '../../../src/http/tab-api.types.js';
import { SAMPLE } from '../../support/sample-people.js';
import { describeStores, testStore } from '../../support/store.js';
import { startTabServer, type TabServer } from '../../support/tab-server.js';

describeStores('tab static files and the ENV=local development sign-in', (kind) => {
  let store: Store;
  let tab: TabServer;
  beforeAll(async () => {
    await ensureTabBuilt();
    store = await testStore(kind);
    tab = await startTabServer(store, { config: { ENV: 'local' } });
  });
  afterAll(() => tab.close());

  it('serves the built pages with types, caching and a content security policy (scripts from here, framed by Teams only)', async () => {
    const res = await fetch(`${tab.url}/tab/index.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'self' https://teams.microsoft.com");
    expect(csp).toContain("script-src 'self'");
    expect((await fetch(`${tab.url}/tab/app.js`)).headers.get('content-type')).toContain('text/javascript');
  });

  it.each(['nope.js', '..%2Fpackage.json', '%2E%2E%2F%2E%2E%2Fpackage.json', 'build.json'])(
    'answers 404 for /tab/%s',
    async (name) => {
      expect((await fetch(`${tab.url}/tab/${name}`)).status).toBe(404);
    },
  );

  it('lists roster people for the development sign-in and signs in as the one picked', async () => {
    const people = (await (await fetch(`${tab.url}/api/tab/dev/people`)).json()) as { objectId: string }[];
    expect(people.map((p) => p.objectId)).toContain(SAMPLE.owner);
    const res = await fetch(`${tab.url}/api/tab/my-actions`, {
      headers: { authorization: `Dev ${SAMPLE.owner}` },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as TabMyActions).actions).toHaveLength(10);
    const stranger = await fetch(`${tab.url}/api/tab/my-actions`, {
      headers: { authorization: `Dev ${SAMPLE.stranger}` },
    });
    expect(stranger.status).toBe(403);
  });
});
