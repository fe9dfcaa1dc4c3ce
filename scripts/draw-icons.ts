/**
 * Draws the app icons into manifest/: color.png (192×192, white pulse line on the accent colour) and
 * outline.png (32×32, the same line in white on transparent, as Teams requires). Run: `tsx scripts/draw-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { encodePng } from '../src/packaging/png.js';

type Point = [number, number];

/** A heartbeat that ends higher than it starts: the plan moving, in one stroke (unit square). */
const PULSE: Point[] = [
  [0.12, 0.56],
  [0.34, 0.56],
  [0.42, 0.38],
  [0.52, 0.72],
  [0.61, 0.26],
  [0.69, 0.5],
  [0.88, 0.5],
];

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Share of the pixel covered by the stroke (4×4 supersampling), 0..1. */
function coverage(x: number, y: number, size: number, halfWidth: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const p: Point = [(x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size];
      const d = Math.min(...PULSE.slice(1).map((b, i) => distanceToSegment(p, PULSE[i]!, b)));
      if (d * size <= halfWidth) hits++;
    }
  }
  return hits / 16;
}

function draw(size: number, strokeWidth: number, background: [number, number, number] | null): Buffer {
  const rgba = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, strokeWidth / 2);
      const i = (y * size + x) * 4;
      if (background) {
        for (let k = 0; k < 3; k++) rgba[i + k] = Math.round(background[k]! * (1 - c) + 255 * c);
        rgba[i + 3] = 255;
      } else {
        rgba.fill(255, i, i + 3);
        rgba[i + 3] = Math.round(255 * c);
      }
    }
  }
  return encodePng(size, size, rgba);
}

writeFileSync('manifest/color.png', draw(192, 14, [0x1f, 0x6f, 0x78]));
writeFileSync('manifest/outline.png', draw(32, 2.6, null));
console.log('wrote manifest/color.png (192×192) and manifest/outline.png (32×32)');
