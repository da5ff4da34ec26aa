// Draws the two Teams icons (a shield with a check mark) and writes them as PNGs with nothing but node:zlib.
// Run once after changing the design or the accent colour: `npx tsc -p tsconfig.json && node dist/scripts/makeIcons.js`.
// The PNGs are committed; packaging only checks them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST_DIR = path.join(ROOT, 'manifest');

/** Encodes 8-bit RGBA pixels as a PNG. Every scanline uses filter 0 (None): simplest, and tiny icons gain nothing. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, filter method 0, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(head.subarray(4))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A shape in unit coordinates (0..1 across the icon), returning true where (x, y) is inside. */
type Shape = (x: number, y: number) => boolean;

/** A shield in the box [x0, x1] × [y0, y1]: slightly dipped top, straight sides, pointed curved bottom. */
function shield(x0: number, x1: number, y0: number, y1: number): Shape {
  const cx = (x0 + x1) / 2;
  const half = (x1 - x0) / 2;
  const mid = y0 + (y1 - y0) * 0.45; // where the sides start curving towards the point
  return (x, y) => {
    const d = Math.abs(x - cx) / half;
    if (d > 1) return false;
    const top = y0 + (y1 - y0) * 0.06 * (1 - d * d); // top edge dips a little in the middle
    if (y < top || y > y1) return false;
    if (y <= mid) return true;
    const t = (y - mid) / (y1 - mid);
    return d <= 1 - t * t; // convex flanks meeting in a point
  };
}

/** A thick check mark through three points, stroke width w. */
function check(p: [number, number][], w: number): Shape {
  return (x, y) => {
    for (let i = 0; i + 1 < p.length; i++) {
      const [ax, ay] = p[i]!;
      const [bx, by] = p[i + 1]!;
      const vx = bx - ax;
      const vy = by - ay;
      const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
      if (Math.hypot(x - ax - t * vx, y - ay - t * vy) <= w / 2) return true;
    }
    return false;
  };
}

/** Fraction of a pixel covered by a shape, from a 4×4 supersample: cheap anti-aliasing. */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  const n = 4;
  let hits = 0;
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) if (shape((px + (i + 0.5) / n) / size, (py + (j + 0.5) / n) / size)) hits++;
  return hits / (n * n);
}

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`accentColor must look like #1f3a5f, got ${hex}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** 192×192, opaque: accent background, white shield, check mark in the accent colour. */
export function drawColorIcon(accent: string, size = 192): Buffer {
  const bg = hexToRgb(accent);
  const body = shield(0.25, 0.75, 0.19, 0.82);
  const mark = check(
    [
      [0.385, 0.49],
      [0.47, 0.575],
      [0.62, 0.405],
    ],
    0.065,
  );
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const white = coverage(body, x, y, size) * (1 - coverage(mark, x, y, size));
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) px[o + c] = Math.round(bg[c]! + (255 - bg[c]!) * white);
      px[o + 3] = 255;
    }
  return encodePng(size, size, px);
}

/** 32×32: white shield with the check mark cut out, on full transparency. RGB is white everywhere, only alpha varies. */
export function drawOutlineIcon(size = 32): Buffer {
  const body = shield(0.16, 0.84, 0.06, 0.95);
  const mark = check(
    [
      [0.33, 0.5],
      [0.46, 0.63],
      [0.68, 0.38],
    ],
    0.1,
  );
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const o = (y * size + x) * 4;
      px.set([255, 255, 255], o);
      px[o + 3] = Math.round(255 * coverage(body, x, y, size) * (1 - coverage(mark, x, y, size)));
    }
  return encodePng(size, size, px);
}

function main(): void {
  // The accent colour lives in the manifest template, so the icon background can never drift from it.
  const { accentColor } = JSON.parse(fs.readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8')) as {
    accentColor: string;
  };
  fs.writeFileSync(path.join(MANIFEST_DIR, 'color.png'), drawColorIcon(accentColor));
  fs.writeFileSync(path.join(MANIFEST_DIR, 'outline.png'), drawOutlineIcon());
  console.log(`wrote ${path.join(MANIFEST_DIR, 'color.png')} and outline.png (accent ${accentColor})`);
}

if (require.main === module) main();
