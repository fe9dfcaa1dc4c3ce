import { timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Request, Response } from 'restify';
import type { AppContext } from '../app-context.js';
import { isSchemaCurrent } from '../db/migrate.js';
import type { Metrics } from '../ops/metrics.js';
import type { RouteRegistrar } from './server.js';

/** Activity types counted by name; anything else (the body is not trusted yet) counts as `other`. */
const ACTIVITY_TYPES = new Set([
  'message',
  'invoke',
  'conversationUpdate',
  'installationUpdate',
  'messageReaction',
  'messageUpdate',
  'messageDelete',
  'event',
  'typing',
]);

/** With SECRET_METRICS_TOKEN set, only `Authorization: Bearer <token>` may scrape; unset, only outside ENV=prod. */
function metricsAllowed(app: AppContext, authorization: string | undefined): boolean {
  const token = app.config.SECRET_METRICS_TOKEN;
  if (!token) return app.config.ENV !== 'prod';
  const given = Buffer.from(authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function readiness(app: AppContext): Promise<{ code: number; status: string }> {
  try {
    await sql`select 1`.execute(app.db);
  } catch (error) {
    app.log.error({ err: error }, 'readiness: store unreachable');
    return { code: 503, status: 'store unreachable' };
  }
  if (!(await isSchemaCurrent(app.db))) return { code: 503, status: 'migrations pending' };
  return { code: 200, status: 'ready' };
}

/**
 * `/api/ready` (store reachable and migrated: take traffic), `/metrics` (Prometheus text format), and
 * timing of every `/api/messages` turn, which is the latency Teams sees.
 */
export function opsRoutes(app: AppContext, metrics: Metrics): RouteRegistrar {
  return (server) => {
    server.get('/api/ready', async (_req: Request, res: Response) => {
      const { code, status } = await readiness(app);
      res.send(code, { status });
    });

    server.get('/metrics', async (req: Request, res: Response) => {
      // why: the figures name tenants and rounds; on a public bot host only the scraper may read them.
      if (!metricsAllowed(app, req.header('authorization'))) {
        res.send(401, { message: 'Send the SECRET_METRICS_TOKEN as a bearer token.' });
        return;
      }
      const body = await metrics.scrape();
      res.setHeader('content-type', metrics.registry.contentType);
      res.sendRaw(200, body);
    });

    server.on('after', (req: Request, res: Response) => {
      if (req.method !== 'POST' || req.path() !== '/api/messages') return;
      const raw = (req.body as { type?: unknown } | undefined)?.type;
      const type = typeof raw === 'string' && ACTIVITY_TYPES.has(raw) ? raw : 'other';
      metrics.inboundActivity(type, (Date.now() - req.time()) / 1000, res.statusCode >= 500 ? 'error' : 'ok');
    });
  };
}
