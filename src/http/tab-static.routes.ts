import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response } from 'restify';
import type { AppContext } from '../app-context.js';
import { devSignInAllowed } from '../auth/tab-sign-in.js';
import { defaultTenant } from '../config/load-config.js';
import type { RouteRegistrar } from './server.js';

/** The files `npm run build:tab` writes; nothing else under /tab/ is served (no path from the URL is read). */
const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'config.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'config.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
};

// why: Teams loads tabs in an iframe of its own origins; no other site may frame the tab (clickjacking).
// Scripts only from this server; teams-js fetches its list of valid Teams origins from the Office CDN.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.microsoft365.com https://*.office.com https://*.cloud.microsoft",
].join('; ');

export function defaultTabDir(): string {
  return join(process.cwd(), 'tab', 'dist');
}

/**
 * `/tab/<file>`: the built tab, read once at start; `/api/tab/dev/people`: the roster for the development
 * sign-in, only with ENV=local (404 otherwise, so the page tells people to open it in Teams).
 */
export function tabStaticRoutes(app: AppContext, dir = defaultTabDir()): RouteRegistrar {
  const files = new Map<string, Buffer>();
  for (const name of Object.keys(FILES)) {
    const path = join(dir, name);
    if (existsSync(path)) files.set(name, readFileSync(path));
  }
  if (files.size < Object.keys(FILES).length)
    app.log.warn({ dir }, 'the tab is not built: run `npm run build:tab` (npm start does it for you)');
  return (server) => {
    server.get('/tab/:file', async (req: Request, res: Response) => {
      const name = String(req.params.file ?? '');
      const body = files.get(name);
      if (!body) {
        res.send(404, { message: 'Not found.' });
        return;
      }
      res.setHeader('content-type', FILES[name] as string);
      res.setHeader('cache-control', name.endsWith('.html') ? 'no-cache' : 'public, max-age=300');
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader('x-content-type-options', 'nosniff');
      res.sendRaw(200, body);
    });

    server.get('/api/tab/dev/people', async (_req: Request, res: Response) => {
      if (!devSignInAllowed(app)) {
        res.send(404, { message: 'Not found.' });
        return;
      }
      const people = await app.db
        .selectFrom('people as p')
        .leftJoin('role_assignments as ra', 'ra.person_id', 'p.id')
        .select(['p.aad_object_id', 'p.display_name'])
        .select((eb) => eb.fn.agg<string[]>('array_agg', ['ra.role_code']).as('roles'))
        .where('p.org_id', '=', defaultTenant(app.config))
        .where('p.active', '=', true)
        .where('p.aad_object_id', 'is not', null)
        .groupBy(['p.aad_object_id', 'p.display_name'])
        .orderBy('p.display_name')
        .execute();
      res.send(
        200,
        people.map((p) => ({
          objectId: p.aad_object_id,
          name: p.display_name,
          roles: (p.roles ?? []).filter(Boolean),
        })),
      );
    });
  };
}
