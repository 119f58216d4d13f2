// The committed icon files are what the installers embed. These checks read their
// binary headers, so a bad re-render (wrong size, missing entry, broken container)
// fails here rather than in a packaging run on a build machine.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const icons = join(dirname(fileURLToPath(import.meta.url)), 'icons');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
}

function readPngHeader(data: Buffer): PngHeader {
  expect(data.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
  expect(data.toString('ascii', 12, 16), 'first chunk is IHDR').toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bitDepth: data.readUInt8(24), colourType: data.readUInt8(25) };
}

interface IcoEntry {
  size: number;
  format: 'png' | 'bmp';
  payloadSize: number;
  bitsPerPixel: number;
}

function readIco(data: Buffer): IcoEntry[] {
  expect(data.readUInt16LE(0), 'reserved').toBe(0);
  expect(data.readUInt16LE(2), 'type 1 = icon').toBe(1);
  const count = data.readUInt16LE(4);
  const entries: IcoEntry[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 16;
    const declared = data.readUInt8(at) === 0 ? 256 : data.readUInt8(at);
    expect(data.readUInt8(at + 1) === 0 ? 256 : data.readUInt8(at + 1), 'square entry').toBe(declared);
    const length = data.readUInt32LE(at + 8);
    const offset = data.readUInt32LE(at + 12);
    expect(offset + length, 'entry lies inside the file').toBeLessThanOrEqual(data.length);
    const payload = data.subarray(offset, offset + length);
    if (payload.subarray(0, 8).equals(PNG_SIGNATURE)) {
      const header = readPngHeader(payload);
      expect(header.height).toBe(header.width);
      entries.push({ size: header.width, format: 'png', payloadSize: declared, bitsPerPixel: header.bitDepth * 4 });
    } else {
      // BITMAPINFOHEADER: the height counts the image and its AND mask.
      expect(payload.readUInt32LE(0), 'BITMAPINFOHEADER size').toBe(40);
      const width = payload.readInt32LE(4);
      expect(payload.readInt32LE(8)).toBe(width * 2);
      const bitsPerPixel = payload.readUInt16LE(14);
      const maskRow = Math.ceil(width / 32) * 4;
      expect(length).toBe(40 + width * width * (bitsPerPixel / 8) + maskRow * width);
      entries.push({ size: width, format: 'bmp', payloadSize: declared, bitsPerPixel });
    }
  }
  return entries;
}

function readIcns(data: Buffer): Map<string, PngHeader> {
  expect(data.toString('ascii', 0, 4)).toBe('icns');
  expect(data.readUInt32BE(4), 'declared length is the file length').toBe(data.length);
  const elements = new Map<string, PngHeader>();
  let at = 8;
  while (at < data.length) {
    const type = data.toString('ascii', at, at + 4);
    const length = data.readUInt32BE(at + 4);
    expect(length).toBeGreaterThan(8);
    elements.set(type, readPngHeader(data.subarray(at + 8, at + length)));
    at += length;
  }
  expect(at).toBe(data.length);
  return elements;
}

describe('application icons', () => {
  it('has a Linux PNG set from 16 to 1024 px, each named by its real size', () => {
    const names = readdirSync(join(icons, 'png')).filter((name) => name.endsWith('.png'));
    const sizes = names
      .map((name) => {
        const match = /^(\d+)x(\d+)\.png$/.exec(name);
        expect(match, `${name} follows electron-builder's NxN.png naming`).not.toBeNull();
        const header = readPngHeader(readFileSync(join(icons, 'png', name)));
        expect([header.width, header.height]).toEqual([Number(match?.[1]), Number(match?.[2])]);
        // 8-bit RGBA: a transparent background around the rounded tile.
        expect([header.bitDepth, header.colourType]).toEqual([8, 6]);
        return header.width;
      })
      .sort((a, b) => a - b);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
  });

  it('has a Windows ICO with 16, 32, 48 and 256 px entries (and the sizes between)', () => {
    const entries = readIco(readFileSync(join(icons, 'icon.ico')));
    const sizes = entries.map((entry) => entry.size);
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const entry of entries) {
      expect(entry.payloadSize, 'directory size matches the image').toBe(entry.size);
      expect(entry.bitsPerPixel).toBe(32);
      // 256 px as PNG (Vista and later), smaller as BMP for older resource tools.
      expect(entry.format).toBe(entry.size === 256 ? 'png' : 'bmp');
    }
  });

  it('has a macOS ICNS with 16 to 1024 px PNG elements under the right types', () => {
    const elements = readIcns(readFileSync(join(icons, 'icon.icns')));
    const expected: Record<string, number> = {
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    };
    expect([...elements.keys()].sort()).toEqual(Object.keys(expected).sort());
    for (const [type, size] of Object.entries(expected)) {
      expect(elements.get(type), type).toMatchObject({ width: size, height: size });
    }
  });

  it('keeps the SVG source beside its renderer', () => {
    const svg = readFileSync(join(icons, 'icon.svg'), 'utf8');
    expect(svg).toContain('viewBox="0 0 1024 1024"');
    // render.mjs enlarges this group for the smallest sizes.
    expect(svg).toContain('<g id="art">');
    expect(readFileSync(join(icons, 'render.mjs'), 'utf8')).toContain("'icon.svg'");
  });
});
