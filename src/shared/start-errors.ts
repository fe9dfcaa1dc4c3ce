/** Errors whose message already says what to fix: shown alone at start-up, without a stack trace. */
const EXPLAINED = new Set(['ConfigError', 'ProductionConfigError', 'StoreLockedError', 'MigrationError']);

/** Makes a start-up failure read as one clear message and exit 1, for the bot and the command line alike. */
export function reportStartErrors(): void {
  process.on('uncaughtException', (error) => {
    if (EXPLAINED.has(error.name)) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${error.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
