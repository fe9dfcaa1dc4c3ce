import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { sql } from 'kysely';
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { AppContext } from '../app-context.js';

/** Adds routes to the server (tab API, metrics, static files) without this file knowing them. */
export type RouteRegistrar = (server: Server) => void;

/** Largest request body accepted: Teams activities are far smaller. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerParts {
  app: AppContext;
  adapter: CloudAdapter;
  bot: ActivityHandler;
  routes?: RouteRegistrar[];
}

export function createServer({ app, adapter, bot, routes = [] }: ServerParts): Server {
  const server = restify.createServer({ name: 'practice-pulse', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(jsonBodiesOnly);
  server.use(restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }));
  server.use(restify.plugins.jsonBodyParser({ bodyReader: true, mapParams: false }));
  server.use(rejectNulCharacters);

  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (ctx) => bot.run(ctx));
  });

  server.get('/api/health', async (_req, res) => {
    try {
      await sql`select 1`.execute(app.db);
      res.send(200, { status: 'ok' });
    } catch (error) {
      app.log.error({ err: error }, 'health check: store unreachable');
      res.send(503, { status: 'store unreachable' });
    }
  });

  for (const register of routes) register(server);
  return server;
}

/**
 * Every route takes JSON or nothing. Any other body is refused (415) before it is read: restify's general
 * bodyParser would hand multipart uploads to formidable, which writes them to the temp folder past
 * MAX_BODY_BYTES and keeps them, before any authentication — a way to fill the disk anonymously.
 */
function jsonBodiesOnly(req: Request, res: Response, next: Next): void {
  const hasBody = req.isChunked() || Number(req.header('content-length') ?? 0) > 0;
  const type = req.contentType().toLowerCase();
  if (hasBody && type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
    res.send(415, { message: 'Send JSON (Content-Type: application/json).' });
    next(false);
    return;
  }
  next();
}

/**
 * Refuses a JSON body holding U+0000 (400): it is not text, and PostgreSQL cannot store it, so a comment or
 * note carrying one would otherwise fail deep in a handler instead of getting a clear answer.
 */
function rejectNulCharacters(req: Request, res: Response, next: Next): void {
  if (typeof req.body === 'object' && req.body !== null && JSON.stringify(req.body).includes('\\u0000')) {
    res.send(400, { message: 'The request contains a NUL character, which is not text.' });
    next(false);
    return;
  }
  next();
}

export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}
