import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePng, readPngSize } from '../../../src/packaging/png.js';

/** Some RGBA pixels with enough variety that every filter predicts something different. */
function sample(width: number, height: number): Uint8Array {
  return Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 37 + (i >> 3) * 11) & 0xff);
}

/** A PNG whose rows use the filters given (1 Sub, 2 Up, 3 Average, 4 Paeth), as other encoders write them. */
function filteredPng(width: number, height: number, rgba: Uint8Array, filters: number[]): Buffer {
  const plain = encodePng(width, height, rgba);
  const stride = width * 4;
  const at = (x: number, y: number) => (x < 0 || y < 0 ? 0 : rgba[y * stride + x]!);
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const f = filters[y % filters.length]!;
    raw[y * (stride + 1)] = f;
    for (let x = 0; x < stride; x++) {
      const [a, b, c] = [at(x - 4, y), at(x, y - 1), at(x - 4, y - 1)];
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][f]!;
      raw[y * (stride + 1) + 1 + x] = (at(x, y) - predictor) & 0xff;
    }
  }
  const idatAt = plain.indexOf('IDAT', 0, 'latin1') - 4;
  const data = deflateSync(raw);
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('IDAT', 4, 'latin1');
  data.copy(chunk, 8);
  // why: decodePng does not check CRCs (it reads icons this project writes or is given), so none is computed here.
  return Buffer.concat([plain.subarray(0, idatAt), chunk, plain.subarray(plain.length - 12)]);
}

describe('png', () => {
  it('reads back the size it wrote', () => {
    expect(readPngSize(encodePng(3, 2, new Uint8Array(24)))).toEqual({ width: 3, height: 2 });
  });

  it('returns null for bytes that are not a PNG', () => {
    expect(readPngSize(Buffer.from('GIF89a and more bytes to be long enough'))).toBeNull();
    expect(decodePng(Buffer.from('GIF89a and more bytes to be long enough'))).toBeNull();
  });

  it('refuses pixel data of the wrong length', () => {
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow('expected 16 bytes of RGBA');
  });

  it('decodes the pixels back, whatever row filters the file uses', () => {
    const rgba = sample(7, 6);
    expect(decodePng(encodePng(7, 6, rgba))?.rgba).toEqual(rgba);
    expect(decodePng(filteredPng(7, 6, rgba, [1, 2, 3, 4, 0]))?.rgba).toEqual(rgba);
  });

  it('ships icons of the sizes Teams needs, the outline white on transparent', () => {
    expect(readPngSize(readFileSync('manifest/color.png'))).toEqual({ width: 192, height: 192 });
    const outline = decodePng(readFileSync('manifest/outline.png'))!;
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const pixels = [...Array(32 * 32).keys()].map((i) => [...outline.rgba.subarray(i * 4, i * 4 + 4)]);
    expect(pixels.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
    expect(pixels.some(([, , , a]) => a === 0)).toBe(true);
    expect(pixels.some(([, , , a]) => a === 255)).toBe(true);
  });
});
