import { createServer } from 'node:http';

/**
 * The Bot Connector as far as inbound benchmarks need it: every reply, update or conversation the bot asks for
 * is accepted at once with a new id, so what is measured is the bot, not Teams. It enforces no limits (the
 * fan-out scenarios use the fake connector for that). It keeps only the last request (`GET /last`) and counts
 * the activities sent and those carrying an Adaptive Card (`GET /stats`), so a scenario can check the bot
 * really answered with its card. Run as its own process: PORT=… tsx this.
 */
const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT: expected the port to listen on');

let next = 0;
let last = { method: '', url: '', body: '' };
const stats = { activities: 0, cards: 0 };
const CARD = 'application/vnd.microsoft.card.adaptive';
const json = (status: number, body: unknown) => ({ status, text: JSON.stringify(body) });

function answer(method: string, url: string) {
  if (url === '/ready') return json(200, { ok: true });
  if (url === '/last') return json(200, last);
  if (url === '/stats') return json(200, stats);
  const member = /\/v3\/conversations\/[^/]+\/members\/([^/?]+)/.exec(url);
  if (method === 'GET' && member) {
    const id = decodeURIComponent(member[1]!);
    return json(200, { id, name: 'Bench User', userPrincipalName: 'bench@example.org' });
  }
  if (method === 'POST' && /^\/v3\/conversations\/?(\?|$)/.test(url))
    return json(201, { id: `a:bench-${++next}`, activityId: `bench-${next}` });
  if (method === 'POST' || method === 'PUT') return json(200, { id: `bench-${++next}` });
  if (method === 'DELETE') return json(200, {});
  return json(404, { error: { code: 'NotFound', message: `${method} ${url}` } });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const { status, text } = answer(method, url);
    if (url.startsWith('/v3/')) {
      last = { method, url, body: Buffer.concat(chunks).toString() };
      if (/\/activities(\/|$)/.test(url) && method !== 'DELETE') {
        stats.activities++;
        if (last.body.includes(CARD)) stats.cards++;
      }
    }
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
