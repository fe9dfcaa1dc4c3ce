import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/config/config.schema.js';
import { assertProductionReady, productionProblems } from '../../../src/config/production-guard.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ready = {
  ENV: 'prod',
  BOT_ID: '8a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d',
  SECRET_BOT_PASSWORD: 'secret',
  BOT_TENANT_ID: TENANT,
  TENANT_ALLOW_LIST: TENANT,
  DATABASE_URL: 'postgres://pp@db.example.org/pp',
};
const config = (env: Record<string, string | undefined>) => configSchema.parse(env);
const without = (...names: string[]) =>
  Object.fromEntries(Object.entries(ready).filter(([k]) => !names.includes(k)));

describe('assertProductionReady', () => {
  it('lets a complete production config start', () => {
    expect(() => assertProductionReady(config(ready))).not.toThrow();
  });

  it('does not apply outside ENV=prod (local runs without credentials)', () => {
    expect(productionProblems(config({ ENV: 'local' }))).toEqual([]);
  });

  it('refuses without bot credentials, saying which settings to add', () => {
    expect(() => assertProductionReady(config(without('BOT_ID', 'SECRET_BOT_PASSWORD')))).toThrow(
      /Refusing to start with ENV=prod:\n {2}- BOT_ID: set the Microsoft App id[^\n]*\n {2}- SECRET_BOT_PASSWORD: set the client secret/,
    );
  });

  it('refuses the embedded store unless it is explicitly allowed', () => {
    expect(productionProblems(config(without('DATABASE_URL')))).toEqual([
      expect.stringMatching(
        /^DATABASE_URL: set a postgres:\/\/ connection string, or ALLOW_EMBEDDED_IN_PROD=true/,
      ),
    ]);
    expect(
      productionProblems(config({ ...without('DATABASE_URL'), ALLOW_EMBEDDED_IN_PROD: 'true' })),
    ).toEqual([]);
  });

  it('needs no secret with a managed identity, but still the tenant of a single-tenant registration', () => {
    const msi = { ...without('SECRET_BOT_PASSWORD'), BOT_TYPE: 'UserAssignedMSI' };
    expect(productionProblems(config(msi))).toEqual([]);
    expect(productionProblems(config({ ...without('BOT_TENANT_ID') }))).toEqual([
      'BOT_TENANT_ID: set the Entra tenant id of the SingleTenant bot registration',
    ]);
  });

  it('refuses to serve every tenant', () => {
    expect(productionProblems(config(without('TENANT_ALLOW_LIST')))).toEqual([
      expect.stringMatching(/^TENANT_ALLOW_LIST: set the council's Entra tenant id/),
    ]);
  });
});
