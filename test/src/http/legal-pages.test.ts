import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Server } from 'restify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../src/app-context.js';
import { legalPageRoutes } from '../../../src/http/legal-pages.routes.js';
import { createServer, listen } from '../../../src/http/server.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';
import { testConfig } from '../../support/test-app.js';

/** The real server with the pages the manifest's privacyUrl and termsOfUseUrl point at (env/.env.dev). */
async function start(config: Record<string, string>): Promise<{ server: Server; url: string }> {
  const parsed = testConfig(config);
  // why: the pages need no store; only /api/health would touch it, and it is not called here.
  const app: AppContext = {
    config: parsed,
    db: undefined as never,
    clock: systemClock,
    log: createLogger('silent'),
  };
  const server = createServer({
    app,
    adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
    bot: new ActivityHandler(),
    routes: [legalPageRoutes(parsed)],
  });
  await listen(server, 0, '127.0.0.1');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The page's text as a reader gets it: tags dropped, whitespace collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('privacy notice and terms of use', () => {
  let site: { server: Server; url: string };
  let kept: { server: Server; url: string };
  beforeAll(async () => {
    site = await start({ PULSE_MIN_GROUP: '6', RETENTION_DAYS: '365' });
    kept = await start({});
  });
  afterAll(() => {
    site.server.close();
    kept.server.close();
  });

  it.each(['/privacy.html', '/terms.html'])(
    '%s answers 200: HTML, no script, no framing, no sniffing',
    async (path) => {
      const res = await fetch(`${site.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>\n<html lang="en-GB">/);
      expect(html).toContain('<meta name="viewport"');
      expect(html).not.toMatch(/<script|<img|<iframe|https?:\/\//i);
      expect(html.match(/<h1>/g)).toHaveLength(1);
      // The style the policy allows is the page's own: a browser applies it only if the hashes agree.
      const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
      expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    },
  );

  it('the privacy notice says what README "Data and privacy" says: what is stored, who sees what, anonymity, retention', async () => {
    const html = await (await fetch(`${site.url}/privacy.html`)).text();
    const text = textOf(html);
    for (const data of [
      'Roster',
      'Plan',
      'Status updates',
      'Audit log',
      'Conversation references',
      'Outbox',
      'Health Check',
    ])
      expect(html).toContain(`<th scope="row">${data}</th>`);
    expect(text).toContain('only by its owners, their delegates, programme leads and administrators');
    expect(text).toContain('What you answered and whether you answered are stored apart.');
    expect(text).toContain('is destroyed when it closes');
    expect(text).toContain('No figure is shown for a group of fewer than 6 people who answered');
    expect(text).toContain('Comments are never shown with a name or team');
    expect(text).toContain('removes such text once it is more than 365 days old');
    expect(html).toContain('<a href="/terms.html">Terms of use</a>');
  });

  it('says so when this installation purges nothing on its own, and the default threshold', async () => {
    const text = textOf(await (await fetch(`${kept.url}/privacy.html`)).text());
    expect(text).toContain('no automatic purge is set');
    expect(text).toContain('fewer than 5 people who answered');
  });

  it('the terms of use cover who may use it, what not to write, and that owners stay responsible', async () => {
    const html = await (await fetch(`${site.url}/terms.html`)).text();
    const text = textOf(html);
    expect(text).toContain("People the improvement programme office has put on the programme's roster");
    expect(text).toContain('Do not put personal details of children, families, carers or staff');
    expect(text).toContain('action owners remain responsible for their actions and deadlines');
    expect(html).toContain('<a href="/privacy.html">Privacy notice</a>');
  });
});
