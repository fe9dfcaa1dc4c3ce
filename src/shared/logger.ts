import { type Logger, pino } from 'pino';

export type { Logger };

/** Paths never written to logs: secrets, tokens, free text people typed (notes, comments, answers). */
export const redactPaths = [
  'password',
  '*.password',
  'SECRET_BOT_PASSWORD',
  '*.SECRET_BOT_PASSWORD',
  'SECRET_METRICS_TOKEN',
  '*.SECRET_METRICS_TOKEN',
  'DATABASE_URL',
  '*.DATABASE_URL',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.narrative',
  '*.comment',
  '*.comments',
  '*.answers',
  // why: database errors carry the statement's bound values (PGlite: params) and the conflicting key (detail),
  // which can be a note, a pulse comment or a ballot link.
  'err.params',
  'err.detail',
  '*.err.params',
  '*.err.detail',
  '*.text',
  'activity.value',
];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    base: { app: 'practice-pulse' },
  };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options);
}
