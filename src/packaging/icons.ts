import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePng, readPngSize } from './png.js';

/** The sizes Teams requires for the two icons the manifest names. */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

export interface IconFile {
  /** The file name as written in the manifest (and in the zip). */
  name: string;
  bytes: Buffer;
}

export interface IconCheck {
  icons: IconFile[];
  problems: string[];
}

/** Reads `icons.color` and `icons.outline` from `dir` and checks they are PNGs of the required size. */
export function checkIcons(manifest: Record<string, unknown>, dir: string): IconCheck {
  const declared = (manifest.icons ?? {}) as Record<string, unknown>;
  const icons: IconFile[] = [];
  const problems: string[] = [];
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const name = declared[kind];
    if (typeof name !== 'string' || name.includes('/') || name.includes('\\')) {
      problems.push(`icons.${kind}: name a PNG file next to manifest.json (e.g. "${kind}.png")`);
      continue;
    }
    const path = join(dir, name);
    if (!existsSync(path)) {
      problems.push(`icons.${kind}: ${path} not found`);
      continue;
    }
    const bytes = readFileSync(path);
    const actual = readPngSize(bytes);
    if (!actual) problems.push(`icons.${kind}: ${name} is not a PNG file`);
    else if (actual.width !== size || actual.height !== size)
      problems.push(
        `icons.${kind}: ${name} is ${actual.width}×${actual.height}; Teams needs ${size}×${size} pixels`,
      );
    else if (kind === 'outline' && !isWhiteOnTransparent(bytes))
      problems.push(`icons.outline: ${name} must be white on a transparent background (Teams tints it)`);
    else icons.push({ name, bytes });
  }
  return { icons, problems };
}

/** Every visible pixel white (anti-aliased edges are white with partial alpha), and some pixels transparent. */
function isWhiteOnTransparent(bytes: Buffer): boolean {
  const image = decodePng(bytes);
  // why: a PNG kind this check cannot read (palette, 16-bit, interlaced) is left to Teams' own validation.
  if (!image) return true;
  let transparent = false;
  for (let i = 0; i < image.rgba.length; i += 4) {
    const [r, g, b, a] = image.rgba.subarray(i, i + 4);
    if (a === 0) transparent = true;
    else if (r! < 250 || g! < 250 || b! < 250) return false;
  }
  return transparent;
}
