import type { BenchRow, BenchScenario } from '../bench.types.js';
import { activityBodies } from '../support/activities.js';
import { type LoadLength, type LoadResult, type LoadTarget, offer, saturate } from '../support/load.js';
import {
  seededStore,
  startEchoBot,
  startPracticePulse,
  startStubConnector,
} from '../support/practice-pulse.js';
import type { RunningProcess } from '../support/processes.js';
import { errorRow } from '../support/run-scenarios.js';
import { STORE_KINDS } from '../support/stores.js';
import { expectAnswer } from './inbound.checks.js';

const NAME = 'inbound';
const CONNECTIONS = 50;
const RATE = 100;

/** The recorded activities sent, each checked once for a real card answer before it is measured. */
const ACTIVITIES = [
  { fixture: 'message.my-actions', label: '`my actions`' },
  { fixture: 'invoke.card-submit', label: 'card submit' },
] as const;

interface Figures {
  saturated: LoadResult;
  fixed: LoadResult;
}

const lengths = (quick: boolean) => ({
  warmUp: { durationSeconds: quick ? 0 : 1 },
  saturated: { durationSeconds: quick ? 0.5 : 4 },
  fixed: { durationSeconds: quick ? 0.5 : 5 },
});

async function measure(target: LoadTarget, quick: boolean): Promise<Figures> {
  const l = lengths(quick);
  if (l.warmUp.durationSeconds > 0) await saturate(target, l.warmUp as LoadLength, CONNECTIONS);
  const saturated = await saturate(target, l.saturated, CONNECTIONS);
  const fixed = await offer(target, l.fixed, RATE, CONNECTIONS);
  return { saturated, fixed };
}

const ms = (v: number) => `${Math.round(v)} ms`;
const failures = (r: LoadResult) => (r.failed > 0 ? `; ${r.failed} failed (${r.statusCodes})` : '');

function figureRows(who: string, label: string, f: Figures): BenchRow[] {
  const clean = f.saturated.failed === 0 && f.fixed.failed === 0;
  return [
    {
      scenario: NAME,
      metric: `${label} → ${who}, ${CONNECTIONS} connections`,
      value: `${Math.round(f.saturated.requestsPerSecond)} req/s, p50 ${ms(f.saturated.p50Ms)}, p99 ${ms(f.saturated.p99Ms)}${failures(f.saturated)}`,
      ...(clean ? {} : { target: 'no failed requests', ok: false }),
    },
    {
      scenario: NAME,
      metric: `${label} → ${who}, ${RATE} req/s offered`,
      value: `${Math.round(f.fixed.requestsPerSecond)} req/s, p50 ${ms(f.fixed.p50Ms)}, p99 ${ms(f.fixed.p99Ms)}${failures(f.fixed)}`,
      ...(clean ? {} : { target: 'no failed requests', ok: false }),
    },
  ];
}

function ratioRows(who: string, label: string, bot: Figures, echo: Figures): BenchRow[] {
  const throughput = bot.saturated.requestsPerSecond / echo.saturated.requestsPerSecond;
  const p99 = bot.fixed.p99Ms / Math.max(echo.fixed.p99Ms, 1);
  return [
    {
      scenario: NAME,
      metric: `${label} → ${who}: throughput ÷ echo bot`,
      value: throughput,
      unit: '×',
      target: '≥ 0.5×',
      ok: throughput >= 0.5,
    },
    {
      scenario: NAME,
      metric: `${label} → ${who}: p99 at ${RATE} req/s ÷ echo bot`,
      value: p99,
      unit: '×',
      target: '≤ 2×',
      ok: p99 <= 2,
    },
  ];
}

interface Subject {
  who: string;
  bot: RunningProcess;
  /** practice-pulse must answer with a card; the echo bot only echoes. */
  cardRequired: boolean;
}

async function measureBot(
  { who, bot, cardRequired }: Subject,
  connector: RunningProcess,
  quick: boolean,
): Promise<Map<string, Figures | Error>> {
  const figures = new Map<string, Figures | Error>();
  for (const { fixture, label } of ACTIVITIES) {
    try {
      const target = { url: `${bot.baseUrl}/api/messages`, body: activityBodies(fixture, connector.baseUrl) };
      await expectAnswer(target, { who, fixture, connectorUrl: connector.baseUrl, cardRequired });
      figures.set(label, await measure(target, quick));
    } catch (error) {
      figures.set(label, error as Error);
    }
  }
  return figures;
}

/**
 * Inbound (issues 5 and 11): practice-pulse's /api/messages against the bare botbuilder echo bot, both
 * replying through the same stub connector, measured in the same run. Saturation shows throughput; latency
 * is compared at a fixed offered load, because at saturation it is only queueing.
 */
export const inboundScenario: BenchScenario = {
  name: NAME,
  timeLimitSeconds: { full: 150, quick: 25 },
  async run({ quick }) {
    const rows: BenchRow[] = [];
    const connector = await startStubConnector();
    const echoBot = await startEchoBot();
    const echo = await measureBot({ who: 'echo bot', bot: echoBot, cardRequired: false }, connector, quick);
    await echoBot.stop();
    for (const [label, f] of echo)
      rows.push(...(f instanceof Error ? [errorRow(NAME, f)] : figureRows('echo bot', label, f)));
    for (const kind of STORE_KINDS) {
      const who = `practice-pulse (${kind === 'pglite' ? 'embedded' : 'PostgreSQL'})`;
      try {
        const bot = await startPracticePulse((await seededStore(kind)).env);
        const mine = await measureBot({ who, bot, cardRequired: true }, connector, quick);
        await bot.stop();
        for (const [label, f] of mine) {
          const reference = echo.get(label);
          if (f instanceof Error) rows.push(errorRow(NAME, f));
          else {
            rows.push(...figureRows(who, label, f));
            if (reference && !(reference instanceof Error)) rows.push(...ratioRows(who, label, f, reference));
          }
        }
      } catch (error) {
        rows.push(errorRow(NAME, error));
      }
    }
    await connector.stop();
    return rows;
  },
};
