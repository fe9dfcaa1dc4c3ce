import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils, type TeamsManifest } from '@microsoft/app-manifest';

const require = createRequire(import.meta.url);
const SCHEMA_URL =
  /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?json-schemas\/teams\/(v[\d.]+)\//;

/**
 * The Teams JSON schema the manifest names in `$schema`, read from @microsoft/app-manifest's copy, so that
 * packaging never needs the network. An unknown version fails and says which versions are shipped.
 */
export function localTeamsSchema(manifest: Record<string, unknown>): object {
  const url = String(manifest.$schema ?? '');
  const version = SCHEMA_URL.exec(url)?.[1];
  if (!version) throw new Error(`$schema: "${url}" is not a Teams manifest schema URL`);
  const schemasDir = join(dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
  try {
    return JSON.parse(readFileSync(join(schemasDir, version, 'MicrosoftTeams.schema.json'), 'utf8'));
  } catch {
    throw new Error(
      `$schema: schema ${version} is not shipped with @microsoft/app-manifest; use v1.19 or later`,
    );
  }
}

/** `path: message` for every way the manifest breaks its Teams schema (JSON pointer turned into a dotted path). */
export async function validateManifestSchema(manifest: Record<string, unknown>): Promise<string[]> {
  const schema = localTeamsSchema(manifest);
  const errors = await AppManifestUtils.validateAgainstSchema(
    manifest as unknown as TeamsManifest,
    schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
  return errors.map((error) => {
    const [pointer = '', ...rest] = error.split(' ');
    const path = pointer.split('/').filter(Boolean);
    const dotted = path.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
    return `${dotted || '(manifest)'}: ${rest.join(' ')}`;
  });
}
