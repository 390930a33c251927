// `node scripts/make-icons.ts`: draws the installed app's icons (apps/web/static/icons/*.png) from the
// favicon's shapes, with no dependency and no network. Run once when the logo changes; commit the PNGs.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

type Point = [number, number];

// The favicon (apps/web/static/favicon.svg), in its 32-unit box: a springboard over a bar.
const GREEN: [number, number, number] = [0x00, 0x61, 0x3f];
const YELLOW: [number, number, number] = [0xff, 0xce, 0x00];
const BAR: Point[] = [
  [7, 23],
  [25, 23],
  [25, 26],
  [7, 26],
];
const BOARD: Point[] = [
  [10, 19],
  [16, 7],
  [22, 19],
  [18, 19],
  [16, 15],
  [14, 19],
];

function inside(polygon: Point[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function inRoundedSquare(x: number, y: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), 32 - radius);
  const cy = Math.min(Math.max(y, radius), 32 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/**
 * RGBA pixels, 4×4 samples per pixel. A maskable icon fills its square (the platform cuts the shape)
 * and keeps the drawing inside the central safe circle (80 %), so the glyph is drawn smaller.
 */
function draw(size: number, maskable: boolean): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const scale = maskable ? 0.78 : 1;
  const SAMPLES = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let background = 0;
      let glyph = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = ((px + (sx + 0.5) / SAMPLES) / size) * 32;
          const y = ((py + (sy + 0.5) / SAMPLES) / size) * 32;
          if (!maskable && !inRoundedSquare(x, y, 6)) continue;
          background++;
          const gx = 16 + (x - 16) / scale;
          const gy = 16.5 + (y - 16.5) / scale;
          if (inside(BAR, gx, gy) || inside(BOARD, gx, gy)) glyph++;
        }
      }
      const total = SAMPLES * SAMPLES;
      const offset = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        const mixed = background ? (GREEN[c]! * (background - glyph) + YELLOW[c]! * glyph) / background : 0;
        pixels[offset + c] = Math.round(mixed);
      }
      pixels[offset + 3] = Math.round((background / total) * 255);
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, RGBA, deflate, no filter, no interlace
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const target = path.resolve(import.meta.dirname, '../apps/web/static/icons');
mkdirSync(target, { recursive: true });
for (const [name, size, maskable] of [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['icon-maskable-512.png', 512, true],
] as const) {
  writeFileSync(path.join(target, name), png(size, draw(size, maskable)));
  console.log(`wrote apps/web/static/icons/${name}`);
}
