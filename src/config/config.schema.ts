import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const hourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour clock)');

/**
 * Every setting the bot reads, with its default. The README's configuration table is generated from
 * the `describe()` texts here, so the two cannot drift.
 */
export const configSchema = z.object({
  ENV: z
    .enum(['local', 'dev', 'test', 'prod'])
    .default('local')
    .describe('Environment name; picks env/.env.<ENV>.'),
  PORT: z.coerce
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(3978)
    .describe('HTTP port for /api/messages, health and the tab.'),
  PUBLIC_URL: z
    .url()
    .optional()
    .describe("The bot's public https base URL (used for links to the dashboard tab)."),
  TEAMS_APP_ID: z
    .guid("expected the Teams app id, a GUID (the manifest's id)")
    .optional()
    .describe(
      "Teams app id (the manifest's `id`, as `npm run package` fills it): links to the dashboard open its tab in Teams. Unset: the tab's web address.",
    ),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection string')
    .optional()
    .describe('PostgreSQL connection string. Unset: the embedded store (PGlite) in DATA_DIR.'),
  DATA_DIR: z.string().default('./.data').describe('Folder of the embedded store.'),
  ALLOW_EMBEDDED_IN_PROD: flag
    .default(false)
    .describe('Let ENV=prod run on the embedded store (single instance only).'),
  BOT_ID: z
    .string()
    .optional()
    .describe('Microsoft App (bot) id. Unset: local mode without Bot Framework auth.'),
  SECRET_BOT_PASSWORD: z.string().optional().describe('Client secret of the bot app registration.'),
  BOT_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
    .default('SingleTenant')
    .describe('Bot app type.'),
  BOT_TENANT_ID: z.string().optional().describe('Tenant of a SingleTenant bot registration.'),
  AAD_APP_CLIENT_ID: z.string().optional().describe("Entra app id the tab's SSO tokens are issued for."),
  SSO_JWKS_URL: z
    .url()
    .default('https://login.microsoftonline.com/common/discovery/v2.0/keys')
    .describe("Signing keys (JWKS) the tab's SSO tokens are checked against."),
  TENANT_ALLOW_LIST: csv
    .default([])
    .describe('Comma-separated Entra tenant ids allowed to use the bot (required).'),
  DEFAULT_TENANT_ID: z
    .string()
    .optional()
    .describe('Tenant that CLI commands and the sample import act on. Default: the first allowed tenant.'),
  TIME_ZONE: z.string().default('Europe/London').describe('Time zone of all schedules.'),
  REMINDER_TIME: hourMinute.default('09:30').describe('Local time reminders are sent on working days.'),
  REMINDER_DAYS_BEFORE: z
    .string()
    .regex(/^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$/, 'expected working-day counts such as 14,7,1')
    .transform((v) => v.split(',').map((s) => Number(s.trim())))
    .default([14, 7, 1])
    .describe('Working days before the due date on which owners are reminded.'),
  ESCALATE_AFTER_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(60)
    .default(5)
    .describe('Working days overdue before escalation.'),
  REMINDER_OVERDUE_EVERY_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .describe(
      'While an action is overdue, its owners are reminded every this many working days (5: weekly).',
    ),
  DIGEST_DAY: z
    .enum(['mon', 'tue', 'wed', 'thu', 'fri'])
    .default('mon')
    .describe('Weekday of the weekly digest.'),
  DIGEST_TIME: hourMinute.default('08:30').describe('Local time of the weekly digest.'),
  PULSE_MIN_GROUP: z.coerce
    .number()
    .int()
    .min(3)
    .max(50)
    .default(5)
    .describe('Fewest respondents before a group figure is shown (never below 3).'),
  PULSE_OPEN_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30)
    .default(10)
    .describe('Working days a pulse round stays open by default.'),
  PULSE_NUDGE_AFTER_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(3)
    .describe('Working days before a nudge to non-respondents.'),
  PULSE_MAX_NUDGES: z.coerce.number().int().min(0).max(2).default(2).describe('Nudges per round at most.'),
  RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(30)
    .optional()
    .describe('Days to keep update narratives and pulse comments (unset: keep).'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level.'),
  SECRET_METRICS_TOKEN: z
    .string()
    .min(16, 'use at least 16 characters')
    .optional()
    .describe(
      'Bearer token /metrics requires. Unset: /metrics is open, except with ENV=prod (then refused).',
    ),
  INBOUND_BURST: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(10)
    .describe('Messages and card taps one person may send at once before being asked to slow down.'),
  INBOUND_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(30)
    .describe('Sustained messages and card taps per minute per person (the burst refills at this rate).'),
});

export type Config = z.infer<typeof configSchema>;
