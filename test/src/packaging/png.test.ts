import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, readPngSize } from '../../../src/packaging/png.js';

/** RGBA rows of a PNG written by encodePng (one IDAT, filter 0 on every row). */
function pixels(png: Buffer, width: number): Uint8Array[] {
  const idat = png.indexOf('IDAT', 0, 'latin1');
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  const rows: Uint8Array[] = [];
  for (let at = 0; at < raw.length; at += width * 4 + 1) rows.push(raw.subarray(at + 1, at + 1 + width * 4));
  return rows;
}

describe('png', () => {
  it('reads back the size it wrote', () => {
    expect(readPngSize(encodePng(3, 2, new Uint8Array(24)))).toEqual({ width: 3, height: 2 });
  });

  it('returns null for bytes that are not a PNG', () => {
    expect(readPngSize(Buffer.from('GIF89a and more bytes to be long enough'))).toBeNull();
  });

  it('refuses pixel data of the wrong length', () => {
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow('expected 16 bytes of RGBA');
  });

  it('ships icons of the sizes Teams needs, the outline white on transparent', () => {
    expect(readPngSize(readFileSync('manifest/color.png'))).toEqual({ width: 192, height: 192 });
    const outline = readFileSync('manifest/outline.png');
    expect(readPngSize(outline)).toEqual({ width: 32, height: 32 });
    const rows = pixels(outline, 32);
    const colours = new Set(rows.flatMap((row) => [...row].filter((_, i) => i % 4 !== 3)));
    expect([...colours]).toEqual([255]);
    expect(rows.some((row) => row.some((v, i) => i % 4 === 3 && v === 0))).toBe(true);
  });
});
