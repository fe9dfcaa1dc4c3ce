import type { Config } from './config.schema.js';

export class ProductionConfigError extends Error {
  override name = 'ProductionConfigError';
  constructor(readonly problems: string[]) {
    super(`Refusing to start with ENV=prod:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** What a production start lacks, as `NAME: what to set`; empty when it may start (or ENV is not prod). */
export function productionProblems(config: Config): string[] {
  if (config.ENV !== 'prod') return [];
  const problems: string[] = [];
  if (!config.BOT_ID) {
    problems.push(
      'BOT_ID: set the Microsoft App id of the bot registration (Teams cannot reach the bot without it)',
    );
  }
  if (config.BOT_TYPE !== 'UserAssignedMSI' && !config.SECRET_BOT_PASSWORD) {
    problems.push(
      'SECRET_BOT_PASSWORD: set the client secret of the bot registration ' +
        '(or BOT_TYPE=UserAssignedMSI on Azure with a managed identity)',
    );
  }
  if (config.BOT_TYPE !== 'MultiTenant' && !config.BOT_TENANT_ID) {
    problems.push(`BOT_TENANT_ID: set the Entra tenant id of the ${config.BOT_TYPE} bot registration`);
  }
  if (!config.DATABASE_URL && !config.ALLOW_EMBEDDED_IN_PROD) {
    problems.push(
      'DATABASE_URL: set a postgres:// connection string, or ALLOW_EMBEDDED_IN_PROD=true to accept the ' +
        'embedded store (one instance only; back up DATA_DIR yourself)',
    );
  }
  if (config.TENANT_ALLOW_LIST.length === 0) {
    problems.push("TENANT_ALLOW_LIST: set the council's Entra tenant id (comma-separated for several)");
  }
  return problems;
}

/**
 * Stops a production start that would run without Bot Framework authentication, on a store that loses data
 * when scaled out, or open to every tenant. Called once by the composition root after loading the config.
 */
export function assertProductionReady(config: Config): void {
  const problems = productionProblems(config);
  if (problems.length > 0) throw new ProductionConfigError(problems);
}
