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
