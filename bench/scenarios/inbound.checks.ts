import type { LoadTarget } from '../support/load.js';

const CARD = 'application/vnd.microsoft.card.adaptive';

interface ConnectorRequest {
  method: string;
  url: string;
  body: string;
}

export interface AnswerCheck {
  who: string;
  fixture: string;
  connectorUrl: string;
  /** Text the answering card must show (proof of the real path, not a refusal); unset: any answer will do. */
  mustShow?: string;
}

/**
 * Sends one activity and checks the bot really handled it, so the load that follows measures the real path
 * and not an error or a refusal card. An invoke must be answered 200 with statusCode 200; the card may be in
 * the invoke answer or in a reply the bot sent to the connector.
 */
export async function expectAnswer(target: LoadTarget, check: AnswerCheck): Promise<void> {
  const body = target.body();
  const activityId = JSON.parse(body).id as string;
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const answer = await response.text();
  const fail = (why: string) => new Error(`${check.who} did not handle ${check.fixture}: ${why}`);
  if (response.status !== 200) throw fail(`HTTP ${response.status} ${answer.slice(0, 200)}`);
  const last = (await (await fetch(`${check.connectorUrl}/last`)).json()) as ConnectorRequest;
  const reply = last.body.includes(activityId) ? last.body : '';
  if (JSON.parse(body).type === 'invoke') {
    const invoke = answer ? (JSON.parse(answer) as { statusCode?: number }) : {};
    if (invoke.statusCode !== 200) throw fail(`invoke answered ${answer.slice(0, 200) || '(empty)'}`);
  } else if (!reply) {
    throw fail(`no reply reached the connector (last: ${last.method} ${last.url})`);
  }
  if (check.mustShow === undefined) return;
  const shown = [answer, reply].find((text) => text.includes(CARD) && text.includes(check.mustShow!));
  if (!shown)
    throw fail(
      `no card showing "${check.mustShow}" (answer: ${answer.slice(0, 300)}; reply: ${reply.slice(0, 300)})`,
    );
}
