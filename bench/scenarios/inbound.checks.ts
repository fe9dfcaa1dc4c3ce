import type { LoadTarget } from '../support/load.js';

const CARD = 'application/vnd.microsoft.card.adaptive';

interface ConnectorRequest {
  method: string;
  url: string;
  body: string;
}

const hasCard = (json: string) => json.includes(CARD);

/**
 * Sends one activity and checks the bot really handled it, so the load that follows measures the real path
 * and not an error or a refusal: a card for practice-pulse (in the invoke answer or in the reply it sent to
 * the connector) when a card is required, any reply otherwise (the echo bot).
 */
export async function expectAnswer(
  target: LoadTarget,
  check: { who: string; fixture: string; connectorUrl: string; cardRequired: boolean },
): Promise<void> {
  const { who, fixture, connectorUrl, cardRequired } = check;
  const body = target.body();
  const activityId = JSON.parse(body).id as string;
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const answer = await response.text();
  const fail = (why: string) => new Error(`${who} did not handle ${fixture}: ${why}`);
  if (response.status !== 200) throw fail(`HTTP ${response.status} ${answer.slice(0, 200)}`);
  const last = (await (await fetch(`${connectorUrl}/last`)).json()) as ConnectorRequest;
  const replied = last.body.includes(activityId) ? last.body : '';
  if (fixture.startsWith('invoke.')) {
    const invoke = answer ? (JSON.parse(answer) as { statusCode?: number }) : {};
    if (invoke.statusCode !== 200) throw fail(`invoke answered ${answer.slice(0, 200) || '(empty)'}`);
    if (cardRequired && !hasCard(answer) && !hasCard(replied))
      throw fail(`no card in the invoke answer (${answer.slice(0, 200)}) nor in a reply`);
    return;
  }
  if (!replied)
    throw fail(`no reply to the activity reached the connector (last: ${last.method} ${last.url})`);
  if (cardRequired && !hasCard(replied)) throw fail(`the reply has no card: ${replied.slice(0, 200)}`);
}
