import { localDate, shortDate } from '../calendar/iso-date.js';
import { type CliCommand, type CliContext, parseArgs, UsageError } from '../cli/cli-command.js';
import { PulseInputError } from './pulse-errors.js';
import { latestResults } from './pulse-results.service.js';
import { pulseStatus, seriesStatus } from './pulse-status.service.js';
import { liveRound } from './round.repository.js';
import { openRound } from './round.service.js';
import { closeRound } from './round-close.service.js';
import { stopSeries } from './series.service.js';
import {
  addStatement,
  listLiveStatements,
  readStatementsCsv,
  retireStatement,
  rewordStatement,
  seedStatements,
} from './statement.repository.js';

/** Input problems are printed as the message, like usage errors. */
async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof PulseInputError ? new UsageError(error.message) : error;
  }
}

const text = (value: string | true | undefined) => (typeof value === 'string' ? value : undefined);

/** Options a command does not know, or a flag given a value, are refused with its usage: nothing is guessed. */
function checkOptions(options: Map<string, string | true>, valued: string[], flags: string[], usage: string) {
  for (const [name, value] of options) {
    const known = value === true ? flags.includes(name) : valued.includes(name);
    if (!known) throw new UsageError(`usage: ${usage}`);
  }
}

const openCli: CliCommand = {
  name: 'pulse open',
  usage:
    'pulse open [--once] [--close <date>] [--open <date>] [--team <name> | --service <name>] [--statements a,b]',
  summary:
    'Open (or schedule) a Health Check round for the roster’s social workers; it repeats monthly until `pulse stop`, unless --once.',
  async run(args, { app, orgId, out }: CliContext) {
    const { options, positional } = parseArgs(args);
    if (positional.length) throw new UsageError(`usage: ${this.usage}`);
    checkOptions(options, ['close', 'open', 'team', 'service', 'statements'], ['once'], this.usage);
    const now = app.clock.now();
    const c = app.config;
    const round = await guarded(() =>
      openRound(
        app.db,
        orgId,
        {
          closesOn: text(options.get('close')),
          opensOn: text(options.get('open')),
          team: text(options.get('team')),
          service: text(options.get('service')),
          statements: text(options.get('statements'))
            ?.split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          once: options.get('once') === true,
          actor: 'cli',
        },
        { today: localDate(now, c.TIME_ZONE), openDays: c.PULSE_OPEN_DAYS, minGroup: c.PULSE_MIN_GROUP },
        now,
      ),
    );
    out(
      `Round ${round.id} ${round.state === 'open' ? 'is open' : `opens ${shortDate(round.opens_on)}`}: ${round.audience_size} social workers asked, closes ${shortDate(round.closes_on)}.`,
    );
    if (round.replacedSeries)
      out(`Monthly series ${round.replacedSeries.id} stopped: this round starts a new one.`);
    out(
      round.series
        ? `Monthly series ${round.series.id}: the next round opens ${shortDate(round.series.next_opens_on)} (pulse stop ends it).`
        : 'A one-off round: no monthly series.',
    );
    return 0;
  },
};

const stopCli: CliCommand = {
  name: 'pulse stop',
  usage: 'pulse stop',
  summary: 'Stop the monthly Health Check series (a round in flight still runs to its close).',
  async run(args, { app, orgId, out }) {
    if (args.length) throw new UsageError(`usage: ${this.usage}`);
    const stopped = await guarded(() => stopSeries(app.db, orgId, { actor: 'cli' }, app.clock.now()));
    out(
      `Monthly series ${stopped.id} stopped: no more rounds (the next would have opened ${shortDate(stopped.next_opens_on)}).`,
    );
    return 0;
  },
};

const closeCli: CliCommand = {
  name: 'pulse close',
  usage: 'pulse close',
  summary: 'Close the Health Check round in flight now (answers become anonymous counts).',
  async run(_args, { app, orgId, out }) {
    const round = await liveRound(app.db, orgId);
    if (!round) throw new UsageError('No Health Check round is open or scheduled.');
    const closed = await guarded(() => closeRound(app.db, orgId, round.id, 'cli', app.clock.now()));
    out(`Round ${closed.id} closed.`);
    return 0;
  },
};

const statusCli: CliCommand = {
  name: 'pulse status',
  usage: 'pulse status',
  summary: 'Response so far in the open round (counts only), or the latest results.',
  async run(_args, { app, orgId, out }) {
    const series = await seriesStatus(app.db, orgId);
    const monthly = () => {
      if (series)
        out(`Monthly series ${series.seriesId}: the next round opens ${shortDate(series.nextOpensOn)}.`);
    };
    const status = await pulseStatus(app.db, orgId, app.config.PULSE_MIN_GROUP);
    if (status) {
      const answered =
        status.answered === null
          ? `fewer than ${status.minGroup}`
          : `${status.answered} (${status.responseRate}%)`;
      out(
        `Round ${status.roundId} ${status.state} until ${shortDate(status.closesOn)}: ${answered} of ${status.audience} answered.`,
      );
      monthly();
      return 0;
    }
    const results = await latestResults(app.db, orgId, app.config.PULSE_MIN_GROUP);
    if (!results) out('No Health Check round has run yet.');
    else {
      const rate =
        results.round.responseRate === null
          ? 'too few answered to show'
          : `${results.round.responseRate}% answered`;
      out(`Latest round ${results.round.name}, closed ${shortDate(results.round.closesOn)}: ${rate}.`);
      for (const s of results.statements)
        out(`  ${s.code}: ${s.percentAgree === null ? 'not shown' : `${s.percentAgree}% agree`}`);
    }
    monthly();
    return 0;
  },
};

const statementsCli: CliCommand = {
  name: 'pulse statements',
  usage: 'pulse statements [seed [file.csv] | add|reword <code> <text…> | retire <code>]',
  summary:
    'List the Health Check statements; seed them from a CSV (Id, Statement), add, reword (a new series) or retire one.',
  async run(args, { app, orgId, out }) {
    const [verb, code, ...words] = args;
    const now = app.clock.now();
    const wording = words.join(' ');
    if (verb === 'seed' && !wording) {
      const rows = await guarded(async () => readStatementsCsv(code));
      out(`${await seedStatements(app.db, orgId, rows, 'cli', now)} statements added.`);
    } else if (verb === 'add' && code)
      await guarded(() => addStatement(app.db, orgId, { code, text: wording }, 'cli', now));
    else if (verb === 'reword' && code)
      await guarded(() => rewordStatement(app.db, orgId, { code, text: wording }, 'cli', now));
    else if (verb === 'retire' && code && !wording)
      await guarded(() => retireStatement(app.db, orgId, code, 'cli', now));
    else if (verb !== undefined) throw new UsageError(`usage: ${this.usage}`);
    for (const s of await listLiveStatements(app.db, orgId)) out(`  ${s.code.padEnd(24)} ${s.text}`);
    return 0;
  },
};

/** The pulse subcommands of `npm run cli`; registered with one line in cli/commands.ts. */
export const pulseCliCommands: CliCommand[] = [openCli, closeCli, stopCli, statusCli, statementsCli];
