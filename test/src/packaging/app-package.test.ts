import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, parseEnvFile } from '../../../src/config/load-config.js';
import { dashboardLink } from '../../../src/digest/dashboard-link.js';
import { buildAppPackage } from '../../../src/packaging/app-package.js';
import { validateManifestSchema } from '../../../src/packaging/manifest-schema.js';
import { encodePng } from '../../../src/packaging/png.js';

let root: string;
const devEnv = parseEnvFile(readFileSync('env/.env.dev', 'utf8'));

/** A copy of the project's manifest/ and env/.env.dev in a temporary folder, to break on purpose. */
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'pp-package-'));
  cpSync('manifest', join(root, 'manifest'), { recursive: true });
  cpSync('env/.env.dev', join(root, 'env', '.env.dev'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const editManifest = (edit: (m: Record<string, unknown>) => void) => {
  const path = join(root, 'manifest', 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  edit(manifest);
  writeFileSync(path, JSON.stringify(manifest));
};
const envWithout = (name: string) =>
  readFileSync('env/.env.dev', 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith(`${name}=`))
    .join('\n');

describe('buildAppPackage', () => {
  it('writes a zip of exactly manifest.json and the two icons, valid against the Teams schema', async () => {
    const { zipPath } = await buildAppPackage({ root, envName: 'dev' });
    expect(zipPath).toBe(join(root, 'appPackage', 'build', 'practice-pulse.dev.zip'));
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = await zip.file('manifest.json')!.async('string');
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text);
    expect(await validateManifestSchema(manifest)).toEqual([]);
    // A current manifest, v1.19 or later; the schema check above holds manifestVersion to $schema's version.
    const [major, minor] = String(manifest.manifestVersion).split('.').map(Number);
    expect(major === 1 && minor! >= 19).toBe(true);
    expect(manifest.id).toBe(devEnv.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(devEnv.BOT_ID);
    expect(manifest.webApplicationInfo).toEqual({
      id: devEnv.AAD_APP_CLIENT_ID,
      resource: `api://${devEnv.BOT_DOMAIN}/${devEnv.AAD_APP_CLIENT_ID}`,
    });
    expect(manifest.staticTabs[0].contentUrl).toBe(`https://${devEnv.BOT_DOMAIN}/tab/index.html?view=mine`);
    expect(manifest.configurableTabs[0].configurationUrl).toBe(
      `https://${devEnv.BOT_DOMAIN}/tab/config.html`,
    );
    expect(manifest.validDomains).toEqual([devEnv.BOT_DOMAIN]);
  });

  it("the digest's dashboard link, built from the running bot's config, opens a static tab of this very package", async () => {
    const { manifest } = await buildAppPackage({ root, envName: 'dev' });
    const config = loadConfig({ ENV: 'dev' });
    const link = new URL(dashboardLink({ publicUrl: config.PUBLIC_URL, teamsAppId: config.TEAMS_APP_ID })!);
    const [, , , appId, entityId] = link.pathname.split('/');
    expect(`${link.origin}/l/entity/`).toBe('https://teams.microsoft.com/l/entity/');
    expect(appId).toBe(manifest.id);
    const tab = (manifest.staticTabs as { entityId: string; contentUrl?: string; scopes: string[] }[]).find(
      (t) => t.entityId === entityId,
    );
    expect(tab).toMatchObject({ entityId: 'dashboard', scopes: ['personal'] });
    expect(tab?.contentUrl).toBe(link.searchParams.get('webUrl'));
    expect(tab?.contentUrl).toBe(`https://${devEnv.BOT_DOMAIN}/tab/index.html?view=plan`);
  });

  it('takes values from the .user file too, and escapes quotes for JSON', async () => {
    writeFileSync(join(root, 'env', '.env.dev'), envWithout('PUBLISHER_NAME'));
    writeFileSync(join(root, 'env', '.env.dev.user'), 'PUBLISHER_NAME=Council "PIP" team\n');
    const { manifest } = await buildAppPackage({ root, envName: 'dev' });
    expect(manifest.developer).toMatchObject({ name: 'Council "PIP" team' });
  });

  it('fails naming the placeholder when the env file has no value for it', async () => {
    writeFileSync(join(root, 'env', '.env.dev'), `${envWithout('BOT_ID')}\nBOT_ID=\n`);
    await expect(buildAppPackage({ root, envName: 'dev' })).rejects.toThrow(
      /no value for env "dev":\n {2}- BOT_ID: set it in env\/\.env\.dev/,
    );
  });

  it('fails when the env file does not exist, saying which file to create', async () => {
    await expect(buildAppPackage({ root, envName: 'prod' })).rejects.toThrow('env/.env.prod not found');
  });

  it('fails on an icon of the wrong size, saying the size Teams needs', async () => {
    writeFileSync(join(root, 'manifest', 'outline.png'), encodePng(64, 64, new Uint8Array(64 * 64 * 4)));
    await expect(buildAppPackage({ root, envName: 'dev' })).rejects.toThrow(
      'icons.outline: outline.png is 64×64; Teams needs 32×32 pixels',
    );
  });

  it('fails on an outline icon that is not white on transparent', async () => {
    const black = new Uint8Array(32 * 32 * 4).map((_, i) => (i % 4 === 3 && i < 2000 ? 255 : 0));
    writeFileSync(join(root, 'manifest', 'outline.png'), encodePng(32, 32, black));
    await expect(buildAppPackage({ root, envName: 'dev' })).rejects.toThrow(
      'icons.outline: outline.png must be white on a transparent background',
    );
    writeFileSync(
      join(root, 'manifest', 'outline.png'),
      encodePng(32, 32, new Uint8Array(32 * 32 * 4).fill(255)),
    );
    await expect(buildAppPackage({ root, envName: 'dev' })).rejects.toThrow('must be white on a transparent');
  });

  it('fails on a file that is not a PNG', async () => {
    writeFileSync(join(root, 'manifest', 'color.png'), 'not an image');
    await expect(buildAppPackage({ root, envName: 'dev' })).rejects.toThrow(
      'icons.color: color.png is not a PNG',
    );
  });

  it('fails on a field over a Teams length limit, once, with its path and the limit', async () => {
    editManifest((m) => {
      (m.name as Record<string, string>).short = 'Practice Pulse for Children and Families';
    });
    const error = await buildAppPackage({ root, envName: 'dev' }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(
      'name.short: 40 characters; Teams allows at most 30: shorten it',
    );
    expect((error as Error).message.match(/name\.short/g)).toHaveLength(1);
  });

  it('fails on a schema violation with the path of the field', async () => {
    writeFileSync(join(root, 'env', '.env.dev'), `${envWithout('BOT_ID')}\nBOT_ID=not-a-guid\n`);
    await expect(buildAppPackage({ root, envName: 'dev' })).rejects.toThrow(
      /bots\[0\]\.botId: must match pattern/,
    );
  });

  it('refuses a schema version that is not shipped offline', async () => {
    editManifest((m) => {
      m.$schema = 'https://developer.microsoft.com/en-us/json-schemas/teams/v1.18/MicrosoftTeams.schema.json';
    });
    await expect(buildAppPackage({ root, envName: 'dev' })).rejects.toThrow('schema v1.18 is not shipped');
  });
});
