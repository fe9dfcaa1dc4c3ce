import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CallKind,
  createdConversationId,
  getOrAdd,
  type Json,
  mulberry32,
  parseRoute,
  type Route,
  readJson,
} from './fake-connector.routes.js';
import { SlidingWindows } from './sliding-windows.js';

export type { CallKind };

/**
 * A fake Bot Connector (the Teams side of proactive messaging) on 127.0.0.1: it answers the REST calls
 * botbuilder makes, records them, and enforces Teams' published rate limits by answering 429 with
 * Retry-After. Tests and benches use it; it has no test-framework imports.
 */

/** Teams' limits per bot per conversation, and per app per tenant (requests per second). */
export const teamsLimits = {
  conversation: [
    { count: 7, windowMs: 1_000 },
    { count: 8, windowMs: 2_000 },
    { count: 60, windowMs: 30_000 },
    { count: 1_800, windowMs: 3_600_000 },
  ],
  tenant: [{ count: 50, windowMs: 1_000 }],
};

export interface Fault {
  /** Which conversations it hits (all when unset). */
  conversationId?: string | ((id: string) => boolean);
  /** Which calls it hits: create (POST /v3/conversations), send, update, member. Default: send and create. */
  calls?: CallKind[];
  /** HTTP status to answer (e.g. 403, 404, 429, 500, 503); unset with delayMs: only slow, then normal. */
  status?: number;
  retryAfterSeconds?: number;
  /** Extra delay before answering. */
  delayMs?: number;
  /** Fraction of matching calls hit, 0–1 (default 1), drawn from the connector's seeded random. */
  rate?: number;
  /** How many calls it hits before it is used up (default unlimited). */
  times?: number;
}

export interface RecordedCall {
  kind: CallKind;
  conversationId: string;
  tenantId: string;
  status: number;
  /** The activity id given out (sends and updates that succeeded). */
  activityId?: string;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeConnectorOptions {
  /** Enforce Teams' limits (default true). */
  enforceLimits?: boolean;
  /** Limits to enforce instead of Teams' (tests that need more speed than 50/s). */
  limits?: typeof teamsLimits;
  /** Base latency of every answer in ms (default 0). */
  latencyMs?: number;
  /** Seed of the random used for fault rates (default 1). */
  seed?: number;
  /** Members answered by GET /v3/conversations/:id/members/:id, by member id. */
  members?: Record<string, Record<string, unknown>>;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export class FakeConnector {
  readonly calls: RecordedCall[] = [];
  private readonly faults: Fault[] = [];
  private readonly conversationTenant = new Map<string, string>();
  private readonly conversationWindows = new Map<string, SlidingWindows>();
  private readonly tenantWindows = new Map<string, SlidingWindows>();
  private nextActivity = 1;
  private random: () => number;
  private enforceLimits: boolean;
  private readonly limits: typeof teamsLimits;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeConnectorOptions,
  ) {
    this.random = mulberry32(options.seed ?? 1);
    this.enforceLimits = options.enforceLimits ?? true;
    this.limits = options.limits ?? teamsLimits;
  }

  static async start(options: FakeConnectorOptions = {}): Promise<FakeConnector> {
    const server = createServer({ keepAlive: true });
    const connector = new FakeConnector(server, options);
    server.on('request', (req, res) => {
      connector.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'FakeConnectorError', message: String(error) } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return connector;
  }

  /** The service URL to store in conversation references (ends with a slash, like Teams'). */
  get serviceUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** Adds a fault; returns a function that removes it. */
  inject(fault: Fault): () => void {
    this.faults.push(fault);
    return () => {
      const at = this.faults.indexOf(fault);
      if (at >= 0) this.faults.splice(at, 1);
    };
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  setEnforceLimits(on: boolean): void {
    this.enforceLimits = on;
  }

  /** Successful sends (message activities accepted), in arrival order. */
  sent(): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'send' && c.status < 300);
  }

  /** How many 429s the connector answered because a Teams limit was exceeded (not injected ones). */
  limitRejections = 0;
  private readonly rejectionsByTenant = new Map<string, number>();

  /** The same, for one tenant's calls only. */
  limitRejectionsIn(tenantId: string): number {
    return this.rejectionsByTenant.get(tenantId) ?? 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // why: Teams counts a request when it arrives; reading the body may take this process a few turns.
    const reply = await this.reply(req, Date.now());
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(JSON.stringify(reply.body));
  }

  private async reply(req: IncomingMessage, arrivedAt: number): Promise<Reply> {
    const body = await readJson(req);
    const route = parseRoute(req.method ?? '', new URL(req.url ?? '/', 'http://x').pathname);
    if (!route) return { status: 404, body: { error: { code: 'BadRequest', message: 'unknown route' } } };
    const conversationId = route.kind === 'create' ? createdConversationId(body) : route.conversationId;
    const tenantId = this.tenantOf(conversationId, body);
    const record: RecordedCall = {
      kind: route.kind,
      conversationId,
      tenantId,
      status: 0,
      body,
      at: arrivedAt,
    };
    this.calls.push(record);

    const fault = this.matchFault(route.kind, conversationId);
    const delay = (this.options.latencyMs ?? 0) + (fault?.delayMs ?? 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (fault?.status) {
      record.status = fault.status;
      const retryAfter = fault.retryAfterSeconds;
      return {
        status: fault.status,
        body: { error: { code: 'Injected', message: `injected ${fault.status}` } },
        headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
      };
    }
    const retryAfter = this.enforceLimits
      ? this.checkLimits(route.kind, conversationId, tenantId, arrivedAt)
      : 0;
    if (retryAfter > 0) {
      record.status = 429;
      this.limitRejections += 1;
      this.rejectionsByTenant.set(tenantId, this.limitRejectionsIn(tenantId) + 1);
      return {
        status: 429,
        body: { error: { code: 'Throttled', message: 'rate limit exceeded' } },
        headers: { 'retry-after': String(retryAfter) },
      };
    }
    return this.accept(route, record);
  }

  private accept(route: Route, record: RecordedCall): Reply {
    if (route.kind === 'create') {
      record.status = 201;
      return { status: 201, body: { id: record.conversationId, serviceUrl: this.serviceUrl } };
    }
    if (route.kind === 'member') {
      const member = this.options.members?.[route.memberId];
      record.status = member ? 200 : 404;
      return { status: record.status, body: member ?? { error: { code: 'MemberNotFoundInConversation' } } };
    }
    record.status = route.kind === 'send' ? 201 : 200;
    record.activityId = route.kind === 'update' ? route.activityId : `1:${this.nextActivity++}`;
    return { status: record.status, body: { id: record.activityId } };
  }

  private tenantOf(conversationId: string, body: Json): string {
    const conversation = body.conversation as Json | undefined;
    const channelData = body.channelData as { tenant?: { id?: string } } | undefined;
    const found =
      (conversation?.tenantId as string | undefined) ??
      channelData?.tenant?.id ??
      (body.tenantId as string | undefined);
    if (found) this.conversationTenant.set(conversationId, found);
    return found ?? this.conversationTenant.get(conversationId) ?? 'unknown';
  }

  private matchFault(kind: CallKind, conversationId: string): Fault | undefined {
    for (const fault of this.faults) {
      if (!(fault.calls ?? ['send', 'create']).includes(kind)) continue;
      const target = fault.conversationId;
      if (typeof target === 'string' && target !== conversationId) continue;
      if (typeof target === 'function' && !target(conversationId)) continue;
      if (fault.rate !== undefined && this.random() >= fault.rate) continue;
      if (fault.times !== undefined) {
        if (fault.times <= 0) continue;
        fault.times -= 1;
      }
      return fault;
    }
    return undefined;
  }

  /** Seconds to wait when a limit is exceeded, else 0 (and the call is counted). */
  private checkLimits(kind: CallKind, conversationId: string, tenantId: string, now: number): number {
    const tenant = getOrAdd(this.tenantWindows, tenantId, () => new SlidingWindows(this.limits.tenant));
    const conversation =
      kind === 'send' || kind === 'update'
        ? getOrAdd(
            this.conversationWindows,
            conversationId,
            () => new SlidingWindows(this.limits.conversation),
          )
        : undefined;
    const waitMs = Math.max(tenant.waitMs(now), conversation?.waitMs(now) ?? 0);
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    tenant.record(now);
    conversation?.record(now);
    return 0;
  }
}
