import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryNameProblem, evidenceEntryName } from '../../../shared/packets/names';
import { ArchiveError, BLOCK, readUstar, writeUstar, type TarEntry } from './ustar';

const limits = { maxEntries: 50, maxEntryBytes: 1 << 20, maxTotalBytes: 4 << 20 };
const mtime = new Date('2026-11-20T10:00:00Z');
const work = mkdtempSync(join(tmpdir(), 'offramp-ustar-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const segment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/);
const entryName = fc.oneof(segment, segment.map((s) => `evidence/${s}`));
const entries = fc.uniqueArray(fc.record({ name: entryName, data: fc.uint8Array({ maxLength: 3000 }) }), { maxLength: 8, selector: (e) => e.name.toLowerCase() });

/** Rewrites one header's raw name field (and its checksum), as a hostile writer could. */
function withRawName(archive: Buffer, headerOffset: number, name: Buffer): Buffer {
  const copy = Buffer.from(archive);
  copy.fill(0, headerOffset, headerOffset + 100);
  name.copy(copy, headerOffset, 0, Math.min(100, name.length));
  fixChecksum(copy, headerOffset);
  return copy;
}

function fixChecksum(archive: Buffer, headerOffset: number): void {
  archive.fill(0x20, headerOffset + 148, headerOffset + 156);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += archive[headerOffset + i] ?? 0;
  archive.write(`${sum.toString(8).padStart(6, '0')}\0 `, headerOffset + 148, 'latin1');
}

const sample = (): Buffer =>
  writeUstar(
    [
      { name: 'case.json', data: Buffer.from('{"a":1}\n') },
      { name: 'evidence/scan.pdf', data: Buffer.alloc(700, 7) },
    ],
    mtime,
  );

const refusal = (archive: Uint8Array, l = limits): string => {
  try {
    readUstar(archive, l);
  } catch (error) {
    if (error instanceof ArchiveError) return error.message;
    throw error;
  }
  throw new Error('the archive was accepted');
};

describe('ustar writer and strict reader', () => {
  it('round-trips any entries with safe names, byte for byte', () => {
    fc.assert(
      fc.property(entries, (list) => {
        const archive = writeUstar(list, mtime);
        expect(archive.length % BLOCK).toBe(0);
        const read = readUstar(archive, limits);
        expect(read.map((e) => e.name)).toEqual(list.map((e) => e.name));
        read.forEach((e, i) => expect(Buffer.from(e.data).equals(Buffer.from(list[i]?.data ?? new Uint8Array()))).toBe(true));
      }),
      { numRuns: 200 },
    );
  });

  it('writes archives GNU tar lists and extracts identically', () => {
    const list: TarEntry[] = [
      { name: 'manifest.json', data: Buffer.from('{}\n') },
      { name: 'evidence/a-b_c.1.txt', data: Buffer.from('hello\n'.repeat(200)) },
      { name: 'empty.bin', data: new Uint8Array() },
    ];
    const file = join(work, 'gnu.tar');
    writeFileSync(file, writeUstar(list, mtime));
    expect(execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n')).toEqual(list.map((e) => e.name));
    const out = join(work, 'gnu-out');
    mkdirSync(out);
    execFileSync('tar', ['-xf', file, '-C', out]);
    for (const e of list) expect(readFileSync(join(out, e.name)).equals(Buffer.from(e.data))).toBe(true);
  });

  it('refuses unsafe names even with a correct checksum', () => {
    const archive = sample();
    const cases: [string, RegExp][] = [
      ['../../etc/passwd', /climbs out/],
      ['/etc/passwd', /absolute path/],
      ['evidence\\..\\x', /backslash/],
      ['C:/x', /absolute path/],
      ['a/b/c', /two levels/],
      ['notes/x.txt', /folder other than evidence/],
      ['.hidden', /characters other than/],
      ['evidence/', /empty path segment/],
      ['caf\u00e9.txt', /printable ASCII/],
    ];
    for (const [name, reason] of cases) expect(refusal(withRawName(archive, 0, Buffer.from(name, 'latin1')))).toMatch(reason);
    const nul = Buffer.concat([Buffer.from('case.json'), Buffer.from([0]), Buffer.from('x')]);
    expect(refusal(withRawName(archive, 0, nul))).toMatch(/NUL/);
  });

  it('refuses duplicates (ignoring case), links, prefixes, bad checksums and non-zero padding', () => {
    const dup = writeUstar(
      [
        { name: 'Case.json', data: Buffer.from('1') },
        { name: 'case.json', data: Buffer.from('2') },
      ],
      mtime,
    );
    expect(refusal(dup)).toMatch(/appears twice/);
    const link = sample();
    link[156] = 0x32; // '2': symbolic link
    fixChecksum(link, 0);
    expect(refusal(link)).toMatch(/not a regular file/);
    const prefixed = sample();
    prefixed.write('x', 345, 'latin1');
    fixChecksum(prefixed, 0);
    expect(refusal(prefixed)).toMatch(/prefix/);
    const badSum = sample();
    badSum[0] = 0x43; // 'C' instead of 'c', checksum left as it was
    expect(refusal(badSum)).toMatch(/checksum/);
    const padding = sample();
    padding[BLOCK + 9] = 1; // inside case.json's padding (the file has 8 bytes)
    expect(refusal(padding)).toMatch(/non-zero padding/);
  });

  it('refuses declared sizes beyond the limits or the bytes present, before slicing anything', () => {
    const huge = sample();
    huge.write('77777777777\0', 124, 'latin1'); // 8 GiB
    fixChecksum(huge, 0);
    expect(refusal(huge)).toMatch(/declares 8589934591 bytes/);
    const beyond = sample();
    beyond.write(`${(5000).toString(8).padStart(11, '0')}\0`, 124, 'latin1');
    fixChecksum(beyond, 0);
    expect(refusal(beyond)).toMatch(/more bytes than the archive holds/);
    const base256 = sample();
    base256[124] = 0x80;
    fixChecksum(base256, 0);
    expect(refusal(base256)).toMatch(/invalid size field/);
    expect(refusal(sample(), { ...limits, maxTotalBytes: 600 })).toMatch(/more than the 600 bytes/);
    expect(refusal(sample(), { ...limits, maxEntries: 1 })).toMatch(/more than 1 files/);
  });

  it('refuses truncation anywhere and data after the end marker', () => {
    const archive = sample();
    for (let cut = 0; cut < archive.length; cut += BLOCK) expect(refusal(archive.subarray(0, cut))).toMatch(/truncated|marker|holds/);
    expect(refusal(archive.subarray(0, archive.length - 7))).toMatch(/whole number of 512-byte blocks/);
    const trailing = Buffer.concat([archive, Buffer.alloc(BLOCK)]);
    trailing[trailing.length - 1] = 1;
    expect(refusal(trailing)).toMatch(/after its end-of-archive marker/);
    expect(readUstar(Buffer.concat([archive, Buffer.alloc(BLOCK * 16)]), limits)).toHaveLength(2);
  });

  it('never throws anything but ArchiveError, and never returns a bad name, on mutated archives', () => {
    const archive = sample();
    const started = Date.now();
    fc.assert(
      fc.property(fc.array(fc.record({ at: fc.nat(archive.length - 1), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 6 }), fc.nat(archive.length), (edits, cut) => {
        const mutated = Buffer.from(archive.subarray(0, Math.max(cut, archive.length - BLOCK * 2)));
        for (const { at, value } of edits) if (at < mutated.length) mutated[at] = value;
        fixChecksum(mutated, 0);
        try {
          for (const e of readUstar(mutated, limits)) expect(entryNameProblem(e.name)).toBeNull();
        } catch (error) {
          expect(error).toBeInstanceOf(ArchiveError);
        }
      }),
      { numRuns: 3000 },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('evidence names in a packet', () => {
  it('are always safe, short, and unique ignoring case', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 300 }), { maxLength: 30 }), (names) => {
        const taken = new Set<string>();
        const out = names.map((n) => evidenceEntryName(n, taken));
        for (const name of out) expect(entryNameProblem(name)).toBeNull();
        expect(new Set(out.map((n) => n.toLowerCase())).size).toBe(out.length);
      }),
      { numRuns: 300 },
    );
    const taken = new Set<string>();
    expect(['Report (final).PDF', 'report_final.pdf', '../../etc/passwd', '', 'Ärger.txt'].map((n) => evidenceEntryName(n, taken))).toEqual([
      'evidence/Report_final.PDF',
      'evidence/report_final-2.pdf',
      'evidence/etc_passwd',
      'evidence/file',
      'evidence/Arger.txt',
    ]);
  });
});
