import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Starts the real entry point as production with only the given settings (no env file exists for prod). */
function startProd(settings: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    env: { PATH: process.env.PATH ?? '', ENV: 'prod', ...settings },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('production start', () => {
  it('refuses without bot credentials, saying what to set', () => {
    const run = startProd({ DATABASE_URL: 'postgres://pp@127.0.0.1:1/pp', TENANT_ALLOW_LIST: 'tenant-1' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('Refusing to start with ENV=prod:');
    expect(run.stderr).toContain('- BOT_ID: set the Microsoft App id of the bot registration');
    expect(run.stderr).toContain('- SECRET_BOT_PASSWORD: set the client secret of the bot registration');
  });

  it('refuses the embedded store unless ALLOW_EMBEDDED_IN_PROD=true', () => {
    const run = startProd({
      BOT_ID: '8a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d',
      SECRET_BOT_PASSWORD: 'secret',
      BOT_TENANT_ID: 'tenant-1',
      TENANT_ALLOW_LIST: 'tenant-1',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain(
      '- DATABASE_URL: set a postgres:// connection string, or ALLOW_EMBEDDED_IN_PROD=true',
    );
    expect(run.stderr).not.toContain('BOT_ID:');
  });
});
