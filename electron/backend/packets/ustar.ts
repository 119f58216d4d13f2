import { entryNameProblem, nameKey } from '../../../shared/packets/names';

/**
 * A minimal POSIX ustar writer and a strict reader for the inside of a referral
 * packet. Only what Offramp writes is accepted: regular files with short, safe
 * names, valid header checksums, zero padding, and an end-of-archive marker.
 * Sizes are checked against the limits and against the bytes actually present
 * before anything is sliced, so a header that declares a huge size costs nothing.
 * The format was chosen so a recipient without Offramp can still use standard
 * tools: `age -d … | tar -x`.
 */

export const BLOCK = 512;

export interface TarEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

export interface TarLimits {
  readonly maxEntries: number;
  readonly maxEntryBytes: number;
  readonly maxTotalBytes: number;
}

/** The archive is not one Offramp wrote, or was damaged; the message says how. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

const ascii = new TextEncoder();

function writeString(block: Buffer, offset: number, length: number, value: string): void {
  const bytes = ascii.encode(value);
  if (bytes.length > length) throw new Error(`ustar field too long: ${value}`);
  block.set(bytes, offset);
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  // length-1 digits and a NUL, as POSIX and GNU tar write them.
  const digits = value.toString(8).padStart(length - 1, '0');
  if (digits.length > length - 1) throw new Error(`ustar numeric field overflow: ${value}`);
  writeString(block, offset, length, `${digits}\0`);
}

function checksum(header: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return sum;
}

/** The 512-byte ustar header of one regular file, with a fixed owner and mode. */
export function ustarHeader(name: string, size: number, mtime: Date): Buffer {
  const problem = entryNameProblem(name);
  if (problem !== null) throw new Error(`cannot archive ${JSON.stringify(name)}: ${problem}`);
  const header = Buffer.alloc(BLOCK);
  writeString(header, 0, 100, name);
  writeOctal(header, 100, 8, 0o644);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, size);
  writeOctal(header, 136, 12, Math.floor(mtime.getTime() / 1000));
  header[156] = 0x30; // '0': regular file
  writeString(header, 257, 6, 'ustar\0');
  writeString(header, 263, 2, '00');
  writeOctal(header, 329, 8, 0);
  writeOctal(header, 337, 8, 0);
  const sum = checksum(header).toString(8).padStart(6, '0');
  writeString(header, 148, 8, `${sum}\0 `);
  return header;
}

/** The zero bytes that follow `size` bytes of content up to the next block. */
export const ustarPadding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

/** The end-of-archive marker: two zero blocks. */
export const USTAR_END_BYTES = BLOCK * 2;

/** The size of an archive holding files of these sizes. */
export const ustarSize = (sizes: readonly number[]): number => sizes.reduce((n, size) => n + BLOCK + size + ustarPadding(size), 0) + USTAR_END_BYTES;

/** Writes entries, in order, as a ustar archive with a fixed owner, mode and time. */
export function writeUstar(entries: readonly TarEntry[], mtime: Date): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    parts.push(ustarHeader(entry.name, entry.data.length, mtime), Buffer.from(entry.data.buffer, entry.data.byteOffset, entry.data.length));
    const pad = ustarPadding(entry.data.length);
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(USTAR_END_BYTES));
  return Buffer.concat(parts);
}

const latin1 = new TextDecoder('latin1');

function allZero(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0) return false;
  return true;
}

function octalField(header: Uint8Array, offset: number, length: number, what: string, allowEmpty = false): number {
  const field = header.subarray(offset, offset + length);
  if (allowEmpty && allZero(field)) return 0;
  const text = latin1.decode(field);
  const match = /^([0-7]+)[ \0]*$/.exec(text);
  if (match?.[1] === undefined) throw new ArchiveError(`an entry header has an invalid ${what} field`);
  return Number.parseInt(match[1], 8);
}

function nameField(header: Uint8Array): string {
  const field = header.subarray(0, 100);
  const end = field.indexOf(0);
  const length = end < 0 ? 100 : end;
  if (!allZero(field, length)) throw new ArchiveError('an entry name holds a NUL character');
  return latin1.decode(field.subarray(0, length));
}

/** What the reader has seen so far: names (case-folded), entries and declared bytes. */
export interface UstarState {
  readonly names: Set<string>;
  entries: number;
  total: number;
}

export const newUstarState = (): UstarState => ({ names: new Set(), entries: 0, total: 0 });

/**
 * Checks one non-zero 512-byte entry header against everything Offramp writes and
 * the limits, and counts it. Returns the entry's name and declared size; whether
 * the bytes are there and the padding is zero is the caller's to check.
 */
export function checkUstarHeader(header: Uint8Array, limits: TarLimits, state: UstarState): { name: string; size: number } {
  if (latin1.decode(header.subarray(257, 263)) !== 'ustar\0' || latin1.decode(header.subarray(263, 265)) !== '00') {
    throw new ArchiveError('an entry header is not a POSIX ustar header');
  }
  if (octalField(header, 148, 8, 'checksum') !== checksum(header)) throw new ArchiveError('an entry header fails its checksum');
  const name = nameField(header);
  const problem = entryNameProblem(name);
  if (problem !== null) throw new ArchiveError(`an entry has ${problem}: ${JSON.stringify(name.slice(0, 100))}`);
  if (header[156] !== 0x30) throw new ArchiveError(`${name} is not a regular file (links, folders and special files are refused)`);
  if (!allZero(header, 157, 257)) throw new ArchiveError(`${name} has a link target`);
  if (!allZero(header, 345, BLOCK)) throw new ArchiveError(`${name} uses the ustar prefix field, which packets never use`);
  for (const [at, len, what] of [[100, 8, 'mode'], [108, 8, 'owner'], [116, 8, 'group'], [136, 12, 'time']] as const) octalField(header, at, len, what);
  octalField(header, 329, 8, 'device', true);
  octalField(header, 337, 8, 'device', true);
  const size = octalField(header, 124, 12, 'size');
  if (size > limits.maxEntryBytes) throw new ArchiveError(`${name} declares ${size} bytes, more than the ${limits.maxEntryBytes} allowed for one file`);
  state.total += size;
  if (state.total > limits.maxTotalBytes) throw new ArchiveError(`its files declare more than the ${limits.maxTotalBytes} bytes allowed in a packet`);
  return { name, size };
}

/** Counts an entry once its bytes are known to be present: duplicate names and the entry limit. */
export function admitUstarEntry(name: string, limits: TarLimits, state: UstarState): void {
  const key = nameKey(name);
  if (state.names.has(key)) throw new ArchiveError(`${name} appears twice (names are compared ignoring case)`);
  state.names.add(key);
  if (state.entries >= limits.maxEntries) throw new ArchiveError(`it holds more than ${limits.maxEntries} files`);
  state.entries++;
}

export const ERR_TRUNCATED_END = 'it ends without an end-of-archive marker (truncated)';
export const ERR_INCOMPLETE_END = 'its end-of-archive marker is incomplete';
export const ERR_AFTER_END = 'it holds data after its end-of-archive marker';
export const ERR_BLOCKS = 'its length is not a whole number of 512-byte blocks (truncated or padded)';
export const errDeclaresMore = (name: string) => `${name} declares more bytes than the archive holds (truncated)`;
export const errPadding = (name: string) => `${name} has non-zero padding`;
export { allZero as allZeroBytes };

/**
 * Reads an archive Offramp wrote. Entries come back in archive order as views
 * into `archive` (nothing is copied). Throws ArchiveError on anything else.
 */
export function readUstar(archive: Uint8Array, limits: TarLimits): TarEntry[] {
  const entries: TarEntry[] = [];
  const state = newUstarState();
  let offset = 0;
  if (archive.length % BLOCK !== 0) throw new ArchiveError(ERR_BLOCKS);
  for (;;) {
    if (offset + BLOCK > archive.length) throw new ArchiveError(ERR_TRUNCATED_END);
    const header = archive.subarray(offset, offset + BLOCK);
    if (allZero(header)) {
      if (offset + 2 * BLOCK > archive.length || !allZero(archive, offset + BLOCK, offset + 2 * BLOCK)) {
        throw new ArchiveError(ERR_INCOMPLETE_END);
      }
      if (!allZero(archive, offset + 2 * BLOCK)) throw new ArchiveError(ERR_AFTER_END);
      return entries;
    }
    const { name, size } = checkUstarHeader(header, limits, state);
    const start = offset + BLOCK;
    const padded = Math.ceil(size / BLOCK) * BLOCK;
    if (start + padded > archive.length) throw new ArchiveError(errDeclaresMore(name));
    if (!allZero(archive, start + size, start + padded)) throw new ArchiveError(errPadding(name));
    admitUstarEntry(name, limits, state);
    entries.push({ name, data: archive.subarray(start, start + size) });
    offset = start + padded;
  }
}
