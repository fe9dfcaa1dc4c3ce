import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../src/config/load-config.js';
import { placeholdersIn } from '../../src/packaging/placeholders.js';

const read = (path: string) => readFileSync(path, 'utf8');
const ymls = ['m365agents.yml', 'm365agents.local.yml'];

/** Names something sets before use: toolkit action outputs, bicep outputs, the committed env file, built-ins. */
function knownNames(): Set<string> {
  const names = new Set(Object.keys(parseEnvFile(read('env/.env.dev'))));
  for (const yml of ymls)
    for (const m of read(yml).matchAll(/^\s+\w+: ([A-Z][A-Z0-9_]+)\s*$/gm)) names.add(m[1]!);
  for (const m of read('infra/azure.bicep').matchAll(/^output (\w+) /gm)) names.add(m[1]!);
  // why: the toolkit generates this scope id itself when aadApp/update first meets it.
  names.add('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
  return names;
}

describe('Agents Toolkit project', () => {
  it.each(ymls)('%s points at files that exist and the zip path npm run package writes', (yml) => {
    const text = read(yml);
    for (const [, path] of text.matchAll(/(?:manifestPath|path|parameters): \.\/(\S+)/g)) {
      expect(existsSync(path!), `${yml}: ./${path}`).toBe(true);
    }
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Teams Toolkit placeholder, not a JS template
    expect(text).toContain('outputZipPath: ./appPackage/build/practice-pulse.${{TEAMSFX_ENV}}.zip');
  });

  it('gives every placeholder of the manifests and the Azure parameters a source', () => {
    const known = knownNames();
    const used = ['manifest/manifest.json', 'aad.manifest.json', 'infra/azure.parameters.json'].flatMap((f) =>
      placeholdersIn(read(f)).map((name) => `${f}: ${name}`),
    );
    const secrets = used.filter((u) => u.includes(': SECRET_POSTGRES'));
    expect(secrets).toEqual(['infra/azure.parameters.json: SECRET_POSTGRES_ADMIN_PASSWORD']);
    expect(used.filter((u) => !known.has(u.split(': ')[1]!) && !secrets.includes(u))).toEqual([]);
  });

  it('gives the local (F5) flow every manifest placeholder: env/.env.local, provision outputs, or the tunnel', () => {
    const local = new Set(Object.keys(parseEnvFile(read('env/.env.local'))));
    for (const m of read('m365agents.local.yml').matchAll(/^\s+\w+: ([A-Z][A-Z0-9_]+)\s*$/gm))
      local.add(m[1]!);
    for (const m of read('.vscode/tasks.json').matchAll(/"(?:endpoint|domain)": "([A-Z_]+)"/g))
      local.add(m[1]!);
    const used = ['manifest/manifest.json', 'aad.manifest.json'].flatMap((f) => placeholdersIn(read(f)));
    const toolkitMade = ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'];
    expect([...new Set(used)].filter((name) => !local.has(name) && !toolkitMade.includes(name))).toEqual([]);
  });

  it('passes every parameter the bicep file requires', () => {
    const bicep = read('infra/azure.bicep');
    const required = [...bicep.matchAll(/^param (\w+) \w+\s*$/gm)].map((m) => m[1]!);
    const given = Object.keys(JSON.parse(read('infra/azure.parameters.json')).parameters);
    expect(required.filter((name) => !given.includes(name))).toEqual([]);
  });
});
