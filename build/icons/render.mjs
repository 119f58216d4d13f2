// Renders build/icons/icon.svg into every icon file the installers use:
//   build/icons/png/<N>x<N>.png  Linux icon set (electron-builder reads the sizes from the names)
//   build/icons/icon.ico         Windows executable and NSIS installer icon
//   build/icons/icon.icns        macOS application and disk image icon
// The outputs are committed, so packaging never needs a rasteriser. Run it again after
// editing the SVG: node build/icons/render.mjs  (uses Chromium through playwright-core;
// set CHROMIUM_PATH if Chromium is not at /usr/bin/chromium).
//
// The rasterising happens in a page's canvas, which yields both the PNG encoding and
// the raw RGBA pixels that the classic (BMP) ICO entries need, without an image library.
/* global Image, document, btoa -- used only inside page.evaluate, which runs in Chromium */
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// ICNS element types and the pixel size each holds. The @2x types repeat pixel sizes
// under a different point size; macOS picks by display scale.
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];
// At 32 px and below the tile's margin costs whole pixels, so the artwork is enlarged
// to nearly fill the square and its strokes stay at least one and a half pixels wide.
const SMALL_MAX = 32;
const SMALL_TRANSFORM = 'translate(512 512) scale(1.18) translate(-512 -512)';

/** The SVG source for a given pixel size. */
function svgFor(svg, size) {
  if (size > SMALL_MAX) return svg;
  const marked = svg.replace('<g id="art">', `<g id="art" transform="${SMALL_TRANSFORM}">`);
  if (marked === svg) throw new Error('icon.svg has no <g id="art"> group to enlarge');
  return marked;
}

/**
 * An ICO file. Entries of 256 px are stored as PNG (as Windows Vista and later expect);
 * smaller ones as 32-bit BMP (DIB) so every consumer, including old resource tools, reads them.
 */
function writeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type 1 = icon
  header.writeUInt16LE(images.length, 4);
  const payloads = images.map((image) => (image.size >= 256 ? image.png : dib(image.size, image.rgba)));
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach((image, i) => {
    const at = i * 16;
    const payload = payloads[i];
    directory.writeUInt8(image.size >= 256 ? 0 : image.size, at); // 0 means 256
    directory.writeUInt8(image.size >= 256 ? 0 : image.size, at + 1);
    directory.writeUInt8(0, at + 2); // no palette
    directory.writeUInt8(0, at + 3); // reserved
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(payload.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += payload.length;
  });
  return Buffer.concat([header, directory, ...payloads]);
}

/** A BITMAPINFOHEADER image with BGRA rows bottom-up, followed by an all-clear AND mask. */
function dib(size, rgba) {
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // XOR bitmap + AND mask
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(0, 16); // BI_RGB
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  // The alpha channel carries transparency; the mask stays zero but must be present,
  // one bit per pixel with rows padded to 32 bits.
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size);
  info.writeUInt32LE(pixels.length + mask.length, 20);
  return Buffer.concat([info, pixels, mask]);
}

/** An ICNS file whose elements all carry PNG data (supported since macOS 10.7). */
function writeIcns(elements) {
  const chunks = elements.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

async function rasterise(svg, sizes) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    const images = new Map();
    for (const size of sizes) {
      const { png, rgba } = await page.evaluate(
        async ({ source, size }) => {
          const image = new Image();
          image.src = `data:image/svg+xml;base64,${btoa(source)}`;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = size;
          canvas.height = size;
          const context = canvas.getContext('2d');
          context.drawImage(image, 0, 0, size, size);
          return {
            png: canvas.toDataURL('image/png').split(',')[1],
            rgba: Array.from(context.getImageData(0, 0, size, size).data),
          };
        },
        { source: svgFor(svg, size), size },
      );
      images.set(size, { size, png: Buffer.from(png, 'base64'), rgba: Uint8Array.from(rgba) });
    }
    return images;
  } finally {
    await browser.close();
  }
}

async function main() {
  const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
  const images = await rasterise(svg, PNG_SIZES);
  const pick = (size) => {
    const image = images.get(size);
    if (!image) throw new Error(`no ${size} px rendering`);
    return image;
  };
  mkdirSync(join(here, 'png'), { recursive: true });
  for (const size of PNG_SIZES) writeFileSync(join(here, 'png', `${size}x${size}.png`), pick(size).png);
  writeFileSync(join(here, 'icon.ico'), writeIco(ICO_SIZES.map(pick)));
  writeFileSync(join(here, 'icon.icns'), writeIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: pick(size).png }))));
}

await main();
