import type { FakeConnector } from '../../test/support/fake-connector.js';
import type { BenchRow } from '../bench.types.js';

/** Teams' limit per app per tenant. */
export const TENANT_LIMIT = 50;

/**
 * What a fan-out achieved, judged by the fake connector (the referee): accepted sends per second from the
 * first to the last, 429s it had to answer, recipients never reached, and recipients reached twice.
 */
export function deliveryFigures(
  scenario: string,
  label: string,
  connector: FakeConnector,
  orgId: string,
  expected: number,
  options: { rateTarget: boolean },
): BenchRow[] {
  const sent = connector.sent().filter((c) => c.tenantId === orgId);
  const perConversation = new Map<string, number>();
  for (const call of sent)
    perConversation.set(call.conversationId, (perConversation.get(call.conversationId) ?? 0) + 1);
  const times = sent.map((c) => c.at);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const rate = last > first ? (sent.length - 1) / ((last - first) / 1000) : 0;
  const ratio = rate / TENANT_LIMIT;
  const lost = expected - perConversation.size;
  const duplicated = sent.length - perConversation.size;
  const rejected = connector.limitRejectionsIn(orgId);
  return [
    { scenario, metric: `${label}: messages per second`, value: round(rate, 1), unit: 'msg/s' },
    {
      scenario,
      metric: `${label}: ratio to Teams' 50/s per tenant`,
      value: round(ratio, 3),
      ...(options.rateTarget ? { target: '≥ 0.95', ok: ratio >= 0.95 } : {}),
    },
    {
      scenario,
      metric: `${label}: 429s caused by the bot`,
      value: rejected,
      target: '0',
      ok: rejected === 0,
    },
    { scenario, metric: `${label}: lost`, value: lost, target: '0', ok: lost === 0 },
    { scenario, metric: `${label}: duplicated`, value: duplicated, target: '0', ok: duplicated === 0 },
  ];
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
