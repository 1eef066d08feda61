// Renders the app icons (an open eye: "Seen") into public/icons/ as real PNG files.
// Run once with `npm run icons`; the PNGs are committed. Pure Node: zlib + a tiny PNG writer.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const THEME = [15, 95, 88];
const WHITE = [255, 255, 255];
const PUPIL = [12, 44, 41];
const AMBER = [242, 178, 51];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Colour at normalised point (x, y in -1..1), or null for transparent. */
function shade(x, y, { maskable, opaque }) {
  const corner = 0.44;
  const inSquare = maskable || opaque || (() => {
    const ax = Math.max(Math.abs(x) - (1 - corner), 0);
    const ay = Math.max(Math.abs(y) - (1 - corner), 0);
    return ax * ax + ay * ay <= corner * corner;
  })();
  if (!inSquare) return null;
  const s = maskable ? 0.72 : 0.9; // maskable keeps the eye inside the 80 % safe circle
  const w = 0.66 * s, h = 0.40 * s;
  const c = (w * w - h * h) / (2 * h), r = c + h;
  const inLens = Math.hypot(x, y - c) <= r && Math.hypot(x, y + c) <= r;
  if (!inLens) return THEME;
  const d = Math.hypot(x, y);
  if (d <= 0.13 * s) return PUPIL;
  if (d <= 0.30 * s) return Math.hypot(x + 0.1 * s, y + 0.1 * s) <= 0.06 * s ? WHITE : AMBER;
  return WHITE;
}

function render(size, opts) {
  const ss = 4;
  const buf = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = ((px + (sx + 0.5) / ss) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / ss) / size) * 2 - 1;
          const col = shade(x, y, opts);
          if (col) { r += col[0]; g += col[1]; b += col[2]; a += 1; }
        }
      }
      const i = (py * size + px) * 4;
      const n = ss * ss;
      buf[i] = a ? Math.round(r / a) : 0;
      buf[i + 1] = a ? Math.round(g / a) : 0;
      buf[i + 2] = a ? Math.round(b / a) : 0;
      buf[i + 3] = Math.round((a / n) * 255);
    }
  }
  return png(size, buf);
}

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
writeFileSync(new URL('icon-192.png', out), render(192, {}));
writeFileSync(new URL('icon-512.png', out), render(512, {}));
writeFileSync(new URL('icon-maskable-512.png', out), render(512, { maskable: true }));
writeFileSync(new URL('apple-touch-icon.png', out), render(180, { opaque: true }));
writeFileSync(
  new URL('favicon.svg', out),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="-1 -1 2 2"><rect x="-1" y="-1" width="2" height="2" rx=".44" fill="#0f5f58"/><path d="M-.594 0A.67 .67 0 0 1 .594 0A.67 .67 0 0 1-.594 0Z" fill="#fff"/><circle r=".27" fill="#f2b233"/><circle r=".117" fill="#0c2c29"/></svg>\n`,
);
console.log('icons written to', out.pathname);
