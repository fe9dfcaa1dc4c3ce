import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

/** `npm run build:tab`: bundles the Teams tab (tab/) into static files in tab/dist, served under /tab/. */
const ROOT = resolve(import.meta.dirname, '..');
export const TAB_DIST = join(ROOT, 'tab', 'dist');
const STAMP = join(TAB_DIST, 'build.json');
const PAGES = ['index.html', 'config.html'];

const ZOD_NAMESPACE = join(
  dirname(createRequire(import.meta.url).resolve('zod/package.json')),
  'v4/classic/external.js',
);

/**
 * why: the tab reuses the server's zod schemas (same validation as the card), but `import { z } from 'zod'`
 * pulls every zod locale into a browser bundle (~95 KB gzipped); importing zod's namespace module directly
 * lets esbuild keep only what the schemas use (~27 KB).
 */
const zodNamespace: Plugin = {
  name: 'zod-namespace',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(
        /import \{ z \} from 'zod';/,
        `import * as z from ${JSON.stringify(ZOD_NAMESPACE)};`,
      ),
      loader: 'ts',
    }));
  },
};

interface BuildStamp {
  inputs: string[];
  /** Gzipped size of each JavaScript file, in bytes. */
  gzipBytes: Record<string, number>;
}

/**
 * Builds into a private folder, then moves each file into tab/dist: why: test workers may build at the same
 * time as a server reads tab/dist, and a rename is atomic where writing in place is not.
 */
export async function buildTab(): Promise<BuildStamp> {
  mkdirSync(TAB_DIST, { recursive: true });
  const out = mkdtempSync(join(TAB_DIST, '.build-'));
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { app: 'tab/src/main.ts', config: 'tab/src/config-page.ts', styles: 'tab/styles.css' },
    outdir: out,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022', 'chrome110', 'safari16'],
    platform: 'browser',
    metafile: true,
    legalComments: 'none',
    plugins: [zodNamespace],
    logLevel: 'warning',
  });
  for (const page of PAGES) copyFileSync(join(ROOT, 'tab', page), join(out, page));
  const gzipBytes: Record<string, number> = {};
  for (const file of ['app.js', 'config.js'])
    gzipBytes[file] = gzipSync(readFileSync(join(out, file))).length;
  for (const file of readdirSync(out)) renameSync(join(out, file), join(TAB_DIST, file));
  rmSync(out, { recursive: true, force: true });
  const inputs = [
    ...Object.keys(result.metafile.inputs),
    ...PAGES.map((p) => `tab/${p}`),
    'scripts/build-tab.ts',
  ];
  const stamp: BuildStamp = { inputs, gzipBytes };
  writeFileSync(`${STAMP}.${process.pid}`, JSON.stringify(stamp, null, 2));
  renameSync(`${STAMP}.${process.pid}`, STAMP);
  return stamp;
}

/** True when tab/dist is missing or any file that went into it changed since it was built. */
export function tabIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const builtAt = statSync(STAMP).mtimeMs;
  const stamp = JSON.parse(readFileSync(STAMP, 'utf8')) as BuildStamp;
  return stamp.inputs.some((input) => {
    const path = join(ROOT, input);
    return !existsSync(path) || statSync(path).mtimeMs > builtAt;
  });
}

/** Builds the tab only when it is missing or stale (about 0.3 s when it must build, instant otherwise). */
export async function ensureTabBuilt(): Promise<BuildStamp> {
  if (tabIsStale()) return buildTab();
  return JSON.parse(readFileSync(STAMP, 'utf8')) as BuildStamp;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const stamp = process.argv.includes('--if-stale') ? await ensureTabBuilt() : await buildTab();
  const sizes = Object.entries(stamp.gzipBytes).map(([f, n]) => `${f} ${(n / 1024).toFixed(1)} KB gz`);
  console.log(`tab built in tab/dist: ${sizes.join(', ')}`);
}
