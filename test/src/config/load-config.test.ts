import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultTenant, loadConfig, parseEnvFile } from '../../../src/config/load-config.js';

function root(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pp-config-'));
  mkdirSync(join(dir, 'env'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'env', name), text);
  return dir;
}

describe('loadConfig', () => {
  it('applies defaults for a local run', () => {
    const config = loadConfig({}, root());
    expect(config).toMatchObject({
      ENV: 'local',
      PORT: 3978,
      TIME_ZONE: 'Europe/London',
      REMINDER_TIME: '09:30',
      PULSE_MIN_GROUP: 5,
    });
    expect(config.REMINDER_DAYS_BEFORE).toEqual([14, 7, 1]);
  });

  it('reads env/.env.<ENV> then .user; process variables win; empty strings count as unset', () => {
    const dir = root({
      '.env.dev': 'PORT=4000\nTIME_ZONE="Europe/London"\nLOG_LEVEL=debug\n',
      '.env.dev.user': 'SECRET_BOT_PASSWORD=s3cret\n',
    });
    const config = loadConfig({ ENV: 'dev', LOG_LEVEL: 'warn', PUBLIC_URL: '' }, dir);
    expect(config).toMatchObject({ PORT: 4000, LOG_LEVEL: 'warn', SECRET_BOT_PASSWORD: 's3cret' });
    expect(config.PUBLIC_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT: /],
    [{ REMINDER_TIME: '9.30am' }, /REMINDER_TIME: expected HH:MM/],
    [{ PULSE_MIN_GROUP: '2' }, /PULSE_MIN_GROUP: /],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL: expected a postgres:\/\/ connection string/],
    [{ REMINDER_DAYS_BEFORE: '14,seven' }, /REMINDER_DAYS_BEFORE: expected working-day counts/],
    [{ TEAMS_APP_ID: 'practice-pulse' }, /TEAMS_APP_ID: expected the Teams app id, a GUID/],
  ])('stops on a bad value with NAME: what is wrong (%o)', (env, message) => {
    expect(() => loadConfig(env, root())).toThrow(ConfigError);
    expect(() => loadConfig(env, root())).toThrow(message);
  });

  it("reads TEAMS_APP_ID from the env file the app package is filled from (the dashboard link's app id)", () => {
    const dev = loadConfig({ ENV: 'dev' });
    expect(dev.TEAMS_APP_ID).toBe(parseEnvFile(readFileSync('env/.env.dev', 'utf8')).TEAMS_APP_ID);
    expect(loadConfig({}, root()).TEAMS_APP_ID).toBeUndefined();
  });

  it('needs a tenant for the CLI and the sample import', () => {
    expect(() => defaultTenant(loadConfig({}, root()))).toThrow(
      /TENANT_ALLOW_LIST: set at least one tenant id/,
    );
    expect(defaultTenant(loadConfig({ TENANT_ALLOW_LIST: 'a, b' }, root()))).toBe('a');
  });
});

describe('parseEnvFile', () => {
  it('reads KEY=value lines, skipping comments and quotes', () => {
    expect(parseEnvFile('# c\nA=1\nB="two words"\n\nC=x=y\nbad line\n')).toEqual({
      A: '1',
      B: 'two words',
      C: 'x=y',
    });
  });
});
