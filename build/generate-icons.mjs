/* global Buffer, URL -- Node globals; eslint.config.js declares none for .mjs */
// Draws the app icon (a teal disc with a white upward arrow: "there is an update") as PNG files with
// nothing but zlib, so the icons can be regenerated anywhere: `node build/generate-icons.mjs`.
// PNG layout per https://www.w3.org/TR/png/: signature, IHDR, IDAT (zlib of filtered rows), IEND.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const TEAL = [15, 118, 110];
const WHITE = [255, 255, 255];
const SUPERSAMPLE = 4; // 4×4 samples a pixel: smooth edges without a vector library

/** What covers the point (x, y) of the unit square: 'arrow', 'disc' or nothing. */
function shapeAt(x, y) {
  const dx = x - 0.5;
  const dy = y - 0.5;
  if (dx * dx + dy * dy > 0.46 * 0.46) return undefined;
  const head = y >= 0.22 && y <= 0.5 && Math.abs(dx) <= (y - 0.22) * 0.9; // triangle, tip at the top
  const shaft = y > 0.5 && y <= 0.78 && Math.abs(dx) <= 0.085;
  return head || shaft ? 'arrow' : 'disc';
}

function pixel(px, py, size) {
  let disc = 0;
  let arrow = 0;
  for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
    for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
      const shape = shapeAt((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
      if (shape === 'disc') disc += 1;
      if (shape === 'arrow') arrow += 1;
    }
  }
  const covered = disc + arrow;
  if (covered === 0) return [0, 0, 0, 0];
  const mix = (channel) => Math.round((TEAL[channel] * disc + WHITE[channel] * arrow) / covered);
  return [mix(0), mix(1), mix(2), Math.round((255 * covered) / SUPERSAMPLE ** 2)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export function iconPng(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  const rows = Buffer.alloc(size * (1 + size * 4)); // each row: filter byte 0 (none), then RGBA
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1)
      Buffer.from(pixel(x, y, size)).copy(rows, y * (1 + size * 4) + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// electron-builder reads the sizes from the names in build/icons (Linux) and converts the 512 px
// one for macOS and the 256 px one for Windows; the tray icon ships inside the app (see files).
for (const size of [512, 256]) {
  writeFileSync(new URL(`./icons/${size}x${size}.png`, import.meta.url), iconPng(size));
}
writeFileSync(new URL('./tray.png', import.meta.url), iconPng(32));
