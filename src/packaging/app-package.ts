import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { readEnvFiles } from '../config/load-config.js';
import { checkIcons } from './icons.js';
import { validateManifestSchema } from './manifest-schema.js';
import { fillPlaceholders } from './placeholders.js';
import { checkTeamsLimits } from './teams-limits.js';

export class PackagingError extends Error {
  override name = 'PackagingError';
  constructor(
    readonly problems: string[],
    heading: string,
  ) {
    super(`${heading}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface PackageOptions {
  /** Project folder holding manifest/ and env/. */
  root: string;
  /** Environment name: reads env/.env.<envName> and env/.env.<envName>.user. */
  envName: string;
}

export interface AppPackage {
  zipPath: string;
  manifest: Record<string, unknown>;
}

// why: a fixed timestamp makes the same inputs give the same zip bytes, so a rebuilt package is not a "change".
const ZIP_DATE = new Date('2026-01-01T00:00:00Z');

/** Fills the manifest for one environment, validates it and its icons, and writes the Teams app zip. */
export async function buildAppPackage({ root, envName }: PackageOptions): Promise<AppPackage> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(envName))
    throw new PackagingError([`--env: "${envName}"`], 'Bad env name:');
  const envFile = join('env', `.env.${envName}`);
  if (!existsSync(join(root, envFile))) {
    throw new PackagingError(
      [`${envFile} not found: create it (env/.env.dev shows the names)`],
      'No env file:',
    );
  }
  const manifestDir = join(root, 'manifest');
  const filled = fillPlaceholders(
    readFileSync(join(manifestDir, 'manifest.json'), 'utf8'),
    readEnvFiles(envName, root),
  );
  if (filled.missing.length > 0) {
    throw new PackagingError(
      filled.missing.map((name) => `${name}: set it in ${envFile} (or ${envFile}.user for a SECRET_ value)`),
      `manifest/manifest.json uses placeholders with no value for env "${envName}":`,
    );
  }
  const manifest = JSON.parse(filled.text) as Record<string, unknown>;
  const limitProblems = checkTeamsLimits(manifest);
  const flagged = new Set(limitProblems.map((p) => p.slice(0, p.indexOf(':'))));
  const schemaProblems = (await validateManifestSchema(manifest)).filter(
    (p) => !(flagged.has(p.slice(0, p.indexOf(':'))) && p.includes('must NOT have more than')),
  );
  const icons = checkIcons(manifest, manifestDir);
  const problems = [...limitProblems, ...schemaProblems, ...icons.problems];
  if (problems.length > 0) throw new PackagingError(problems, `The ${envName} app package is not valid:`);

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ZIP_DATE });
  for (const icon of icons.icons) zip.file(icon.name, icon.bytes, { date: ZIP_DATE });
  const outDir = join(root, 'appPackage', 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `practice-pulse.${envName}.zip`);
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { zipPath, manifest };
}
