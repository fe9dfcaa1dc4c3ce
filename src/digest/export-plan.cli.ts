import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type CliCommand, parseArgs, UsageError } from '../cli/cli-command.js';
import { ExportRequestError } from './export-request.js';
import { buildPlanExport } from './plan-export.js';

const USAGE = 'export plan --format xlsx|csv [--from <date> --to <date>] [--area <name>] [--out <file>]';
const KNOWN = new Set(['format', 'from', 'to', 'area', 'out']);

const text = (value: string | true | undefined, name: string): string | undefined => {
  if (value === true) throw new UsageError(`--${name} needs a value. usage: ${USAGE}`);
  return value;
};

/** `export plan`: the board-paper workbook (or CSV of the actions) written to a file. */
export const exportPlanCli: CliCommand = {
  name: 'export plan',
  usage: USAGE,
  summary: 'Write the plan (actions, updates in the period, Health Check by round) to XLSX or CSV.',
  async run(args, { app, orgId, out }) {
    const { options, positional } = parseArgs(args);
    const unknown = [...options.keys()].filter((k) => !KNOWN.has(k));
    if (unknown.length || positional.length)
      throw new UsageError(
        `unexpected ${[...unknown.map((k) => `--${k}`), ...positional].join(' ')}. usage: ${USAGE}`,
      );
    const format = text(options.get('format'), 'format');
    if (!format) throw new UsageError(`--format is required. usage: ${USAGE}`);
    const area = text(options.get('area'), 'area');
    try {
      const file = await buildPlanExport(
        app.db,
        orgId,
        {
          format: format as 'xlsx',
          from: text(options.get('from'), 'from'),
          to: text(options.get('to'), 'to'),
          ...(area ? { priorityAreas: [area] } : {}),
        },
        app.clock.now(),
        { timeZone: app.config.TIME_ZONE, minGroup: app.config.PULSE_MIN_GROUP },
      );
      const path = resolve(text(options.get('out'), 'out') ?? file.filename);
      await writeFile(path, file.body);
      out(`${path}: ${file.body.length.toLocaleString('en-GB')} bytes`);
      return 0;
    } catch (error) {
      if (!(error instanceof ExportRequestError)) throw error;
      out(`Cannot export: ${error.message}`);
      return 2;
    }
  },
};
