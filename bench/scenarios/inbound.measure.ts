import { type LoadResult, type LoadTarget, offer, saturate, waitUntilIdle } from '../support/load.js';
import type { RunningProcess } from '../support/processes.js';
import type { Figures, LoadShape } from './inbound.figures.js';

const CARD = 'application/vnd.microsoft.card.adaptive';

/** An invoke answered with a card in its body (a refusal or "slow down" comes as a text message instead). */
export const answersWithCard = (body: string) => body.includes(CARD);

interface ConnectorStats {
  activities: number;
  cards: number;
}

const connectorStats = async (connectorUrl: string): Promise<ConnectorStats> =>
  (await fetch(`${connectorUrl}/stats`)).json() as Promise<ConnectorStats>;

/**
 * Runs one load and, for a message whose answer is a card reply through the connector, counts as failed every
 * request that got a 2xx but no card (refused, throttled or dropped): the HTTP answer alone cannot tell.
 */
async function counted(
  load: () => Promise<LoadResult>,
  health: string,
  connectorUrl: string | undefined,
): Promise<LoadResult> {
  const before = connectorUrl ? await connectorStats(connectorUrl) : undefined;
  const result = await load();
  // why: autocannon stops sending at the deadline; the bot still works off what it had received.
  await waitUntilIdle(health);
  if (!before || !connectorUrl) return result;
  const cards = (await connectorStats(connectorUrl)).cards - before.cards;
  const missing = Math.max(0, result.succeeded - cards);
  if (missing === 0) return result;
  const succeeded = result.succeeded - missing;
  return {
    ...result,
    succeeded,
    requestsPerSecond: (result.requestsPerSecond * succeeded) / result.succeeded,
    failed: result.failed + missing,
    statusCodes: `${result.statusCodes} no card reply×${missing}`,
  };
}

export interface MeasureOptions {
  bot: RunningProcess;
  shape: LoadShape;
  /** The stub connector to count card replies on; unset when the answer is not a card reply. */
  cardRepliesAt?: string;
}

/** Warm-up, then saturation, then the fixed offered load, each after the bot has gone idle. */
export async function measure(
  target: LoadTarget,
  { bot, shape, cardRepliesAt }: MeasureOptions,
): Promise<Figures> {
  const health = `${bot.baseUrl}/api/health`;
  const { connections } = shape;
  if (shape.warmUpSeconds > 0) await saturate(target, { durationSeconds: shape.warmUpSeconds }, connections);
  await waitUntilIdle(health);
  const saturated = await counted(
    () => saturate(target, { durationSeconds: shape.saturatedSeconds }, connections),
    health,
    cardRepliesAt,
  );
  const fixed = await counted(
    () => offer(target, { durationSeconds: shape.fixedSeconds }, shape.rate, connections),
    health,
    cardRepliesAt,
  );
  return { saturated, fixed };
}
