import type { BenchRow, BenchScenario } from '../bench.types.js';
import { activityBodies, loadActivity } from '../support/activities.js';
import {
  referenceVars,
  seededStore,
  startEchoBot,
  startPracticePulse,
  startStubConnector,
} from '../support/practice-pulse.js';
import type { RunningProcess } from '../support/processes.js';
import { errorRow } from '../support/run-scenarios.js';
import { type StoreKind, storesFor } from '../support/stores.js';
import { expectAnswer } from './inbound.checks.js';
import { type Figures, figureRows, type LoadShape, NAME, ratioRows } from './inbound.figures.js';
import { answersWithCard, measure } from './inbound.measure.js';

const FULL: LoadShape = {
  connections: 50,
  rate: 100,
  warmUpSeconds: 1,
  saturatedSeconds: 4,
  fixedSeconds: 5,
};
// why: a smoke check of the machinery, few connections so that even a slow bot completes requests in 0.3 s.
const QUICK: LoadShape = {
  connections: 5,
  rate: 20,
  warmUpSeconds: 0,
  saturatedSeconds: 0.3,
  fixedSeconds: 0.3,
};

/**
 * The recorded activities sent (from the DCS of the sample roster), each checked once before it is measured:
 * practice-pulse must answer with a card showing `shows` (action 1a's text; the note the submit recorded).
 */
const ACTIVITIES = [
  {
    fixture: 'message.my-actions',
    label: '`my actions`',
    shows: 'Agree Partner in Practice support with DfE',
  },
  { fixture: 'submit-update', label: 'card submit', shows: 'support agreed with DfE' },
] as const;

/** Each activity's figures, or the error that kept it from being measured. */
async function measureBot(
  who: string,
  bot: RunningProcess,
  connector: RunningProcess,
  shape: LoadShape,
  vars: Record<string, string>,
): Promise<Map<string, Figures | Error>> {
  const isReference = who === 'echo bot';
  const figures = new Map<string, Figures | Error>();
  for (const { fixture, label, shows } of ACTIVITIES) {
    try {
      const connectorUrl = connector.baseUrl;
      const isInvoke = loadActivity(fixture).type === 'invoke';
      const target = {
        url: `${bot.baseUrl}/api/messages`,
        body: activityBodies(fixture, connectorUrl, vars),
        ...(isReference || !isInvoke ? {} : { accept: answersWithCard }),
      };
      await expectAnswer(target, { who, fixture, connectorUrl, ...(isReference ? {} : { mustShow: shows }) });
      const cardReplies = isReference || isInvoke ? {} : { cardRepliesAt: connectorUrl };
      figures.set(label, await measure(target, { bot, shape, ...cardReplies }));
    } catch (error) {
      figures.set(label, error as Error);
    }
  }
  return figures;
}

async function practicePulseRows(
  kind: StoreKind,
  connector: RunningProcess,
  echo: Map<string, Figures | Error>,
  shape: LoadShape,
): Promise<BenchRow[]> {
  const who = `practice-pulse (${kind === 'pglite' ? 'embedded' : 'PostgreSQL'})`;
  const store = await seededStore(kind);
  const bot = await startPracticePulse(store.env);
  const mine = await measureBot(who, bot, connector, shape, store.vars);
  await bot.stop();
  return [...mine].flatMap(([label, f]) => {
    if (f instanceof Error) return [errorRow(NAME, f)];
    const reference = echo.get(label);
    const ratios =
      reference && !(reference instanceof Error) ? ratioRows(who, label, f, reference, shape) : [];
    return [...figureRows(who, label, f, shape), ...ratios];
  });
}

/**
 * Inbound (issues 5 and 11): practice-pulse's /api/messages against the bare botbuilder echo bot, both
 * replying through the same stub connector, measured in the same run. Saturation shows throughput; latency
 * is compared at a fixed offered load, because at saturation it is only queueing.
 */
export const inboundScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 240, quick: 60 },
  async run({ quick }) {
    const shape = quick ? QUICK : FULL;
    const rows: BenchRow[] = [];
    const connector = await startStubConnector();
    const echoBot = await startEchoBot();
    const echo = await measureBot('echo bot', echoBot, connector, shape, referenceVars());
    await echoBot.stop();
    for (const [label, f] of echo)
      rows.push(...(f instanceof Error ? [errorRow(NAME, f)] : figureRows('echo bot', label, f, shape)));
    for (const kind of storesFor(quick)) {
      try {
        rows.push(...(await practicePulseRows(kind, connector, echo, shape)));
      } catch (error) {
        rows.push(errorRow(NAME, error));
      }
    }
    await connector.stop();
    return rows;
  },
};
