import { pbkdf2Sync } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/contract';

/**
 * Authenticates every page of an encrypted vault file without decrypting
 * anything: SQLCipher 4 ends each page with the IV it was encrypted under and an
 * HMAC of the page, so checking those HMACs proves every page is exactly as
 * SQLCipher wrote it under this key. SQLite3 Multiple Ciphers has no
 * `PRAGMA cipher_integrity_check` (it returns no rows even for a file with a
 * damaged page), so the check is done here, from the format its SQLCipher
 * cipher writes (database.ts opens every vault with `legacy = 4`):
 *
 * - 4096-byte pages; each ends in 80 reserved bytes: a 16-byte IV, then the
 *   64-byte HMAC-SHA512 (the rest of the reserve after the IV is the HMAC).
 * - Page 1 begins with the database's 16-byte salt, stored in the clear.
 * - HMAC key: PBKDF2-HMAC-SHA512 of the raw 32-byte database key, with the
 *   salt XOR 0x3a on every byte, 2 iterations, 32 bytes.
 * - HMAC input: the page's ciphertext and IV (bytes 0..4032, from byte 16 on
 *   page 1), then the page number as 4 bytes little-endian.
 *
 * - The page holding SQLite's lock bytes (the 1,073,741,824th byte of the file
 *   begins it, so page 262,145) is never written by SQLite and never encrypted:
 *   a vault larger than 1 GiB has it, and it is skipped.
 *
 * The file's pages are split into consecutive ranges, one per worker thread,
 * each reading its range in large chunks and checking its pages with the HMAC
 * written out as two one-shot SHA-512s (the key's pads computed once per
 * range, no HMAC object per page); together the ranges cover every page
 * exactly once.
 */
export const VAULT_PAGE_SIZE = 4096;
const SALT_BYTES = 16;
const HMAC_BYTES = 64;
/** The ciphertext and the 16-byte IV before the HMAC. */
const SIGNED_BYTES = VAULT_PAGE_SIZE - HMAC_BYTES;
const HMAC_SALT_MASK = 0x3a;
const HMAC_KEY_ITERATIONS = 2;
/** SQLite's lock-byte page (its "pending byte" at 0x40000000): in the file of a large database, never used. */
export const LOCK_BYTE_PAGE = 0x40000000 / VAULT_PAGE_SIZE + 1;
/** Pages a worker reads at once (4 MiB). */
const CHUNK_PAGES = 1024;
/** Below this many pages a range is not worth a thread of its own. */
const MIN_RANGE_PAGES = 4096;

/**
 * The worker: checks pages `first`..`last` (1-based, inclusive) of the file and
 * reports how many failed and the first that did. Plain JavaScript run with
 * `eval`, so it works the same from the sources, the CLI bundle and the app's.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHmac, createSecretKey, hash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
const { path, key, first, last, lockPage, pageSize, signedBytes, saltBytes, chunkPages } = workerData;
// HMAC-SHA512 written out (RFC 2104): SHA-512 of the key's outer pad and the
// SHA-512 of its inner pad, the page's signed bytes and its number. Two one-shot
// hashes per page cost about half of a new HMAC object per page.
const BLOCK = 128;
const inner = Buffer.alloc(BLOCK + signedBytes + 4);
const outer = Buffer.alloc(BLOCK + 64);
for (let i = 0; i < BLOCK; i++) {
  inner[i] = (i < key.length ? key[i] : 0) ^ 0x36;
  outer[i] = (i < key.length ? key[i] : 0) ^ 0x5c;
}
// Node before 20.12 has no one-shot hash: one HMAC object per page there.
const secret = typeof hash === 'function' ? null : createSecretKey(key);
key.fill(0);
const number = Buffer.alloc(4);
function macOf(buffer, from, to, page) {
  if (secret !== null) {
    const hmac = createHmac('sha512', secret);
    hmac.update(buffer.subarray(from, to));
    number.writeUInt32LE(page);
    hmac.update(number);
    return hmac.digest();
  }
  const n = to - from;
  buffer.copy(inner, BLOCK, from, to);
  inner.writeUInt32LE(page, BLOCK + n);
  hash('sha512', inner.subarray(0, BLOCK + n + 4), 'buffer').copy(outer, BLOCK);
  return hash('sha512', outer, 'buffer');
}
const buffer = Buffer.allocUnsafe(chunkPages * pageSize);
let failed = 0;
let firstFailed = 0;
let short = false;
const fd = openSync(path, 'r');
try {
  for (let page = first; page <= last && !short; ) {
    const count = Math.min(chunkPages, last - page + 1);
    const want = count * pageSize;
    let got = 0;
    while (got < want) {
      const n = readSync(fd, buffer, got, want - got, (page - 1) * pageSize + got);
      if (n === 0) break;
      got += n;
    }
    if (got < want) short = true;
    const whole = Math.floor(got / pageSize);
    for (let i = 0; i < whole; i++, page++) {
      if (page === lockPage) continue;
      const at = i * pageSize;
      if (!macOf(buffer, at + (page === 1 ? saltBytes : 0), at + signedBytes, page).equals(buffer.subarray(at + signedBytes, at + pageSize))) {
        failed += 1;
        if (firstFailed === 0) firstFailed = page;
      }
    }
    parentPort.postMessage({ kind: 'progress', pages: whole });
  }
} finally {
  closeSync(fd);
  inner.fill(0);
  outer.fill(0);
}
parentPort.postMessage({ kind: 'done', failed, firstFailed, short });
`;

interface RangeResult {
  failed: number;
  firstFailed: number;
  short: boolean;
}

export interface PageCheckOptions {
  /** Worker threads, each with its own range; by default one per processor (up to 4) and per 4,096 pages. */
  workers?: number;
  /** Pages checked so far, as the workers go. */
  onPages?: (checked: number) => void;
  /** Stops the workers; the check then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** The consecutive page ranges, [first, last] 1-based and inclusive, the check splits `pages` into. */
export function pageRanges(pages: number, workers: number): [first: number, last: number][] {
  const count = Math.max(1, Math.min(workers, pages));
  const ranges: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const first = Math.floor((pages * i) / count) + 1;
    const last = Math.floor((pages * (i + 1)) / count);
    if (last >= first) ranges.push([first, last]);
  }
  return ranges;
}

/**
 * Authenticates every page of the vault file at `path`; `what` names it in
 * messages, e.g. "the vault's database". Throws an integrity error naming the
 * first page that fails, a torn last page, or an empty file. The file must not
 * change while it is checked (a backup checks its pinned snapshot).
 */
export async function checkVaultFile(path: string, dbKey: Buffer, what: string, options: PageCheckOptions = {}): Promise<{ pages: number }> {
  if (dbKey.length !== 32) throw new AppError('internal', 'A database key has 256 bits.');
  const { size, salt } = await readSalt(path);
  if (size === 0) throw new AppError('integrity', `${capital(what)} is empty.`);
  if (size % VAULT_PAGE_SIZE !== 0) {
    throw new AppError('integrity', `${capital(what)} ends inside a page: ${size} bytes is not a whole number of ${VAULT_PAGE_SIZE}-byte pages.`);
  }
  const pages = size / VAULT_PAGE_SIZE;
  const hmacKey = pbkdf2Sync(dbKey, salt.map((b) => b ^ HMAC_SALT_MASK), HMAC_KEY_ITERATIONS, 32, 'sha512');
  const workers = options.workers ?? Math.min(4, availableParallelism(), Math.ceil(pages / MIN_RANGE_PAGES));
  let checked = 0;
  const results = await Promise.all(
    pageRanges(pages, workers).map(([first, last]) =>
      checkRange(path, hmacKey, first, last, options.signal, (n) => {
        checked += n;
        options.onPages?.(checked);
      }),
    ),
  ).finally(() => hmacKey.fill(0));
  if (results.some((r) => r.short)) throw new AppError('integrity', `${capital(what)} changed size while it was checked.`);
  const failedCount = results.reduce((n, r) => n + r.failed, 0);
  if (failedCount > 0) {
    const firstFailed = Math.min(...results.filter((r) => r.failed > 0).map((r) => r.firstFailed));
    const others = failedCount > 1 ? ` (and ${failedCount - 1} other page${failedCount === 2 ? '' : 's'})` : '';
    const why = failedCount === checkedPages(pages) ? 'the key does not open it, or it was replaced' : 'it was altered or damaged';
    throw new AppError('integrity', `Page ${firstFailed} of ${what}${others} fails its authentication check: ${why}.`);
  }
  return { pages };
}

async function readSalt(path: string): Promise<{ size: number; salt: Buffer }> {
  const file = await open(path, 'r');
  try {
    const size = (await file.stat()).size;
    const salt = Buffer.alloc(SALT_BYTES);
    if (size > 0) await file.read(salt, 0, SALT_BYTES, 0);
    return { size, salt };
  } finally {
    await file.close();
  }
}

function checkRange(path: string, hmacKey: Buffer, first: number, last: number, signal: AbortSignal | undefined, onPages: (n: number) => void): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // The worker's copy of the key is its own, zeroed once imported.
      workerData: { path, key: Buffer.from(hmacKey), first, last, lockPage: LOCK_BYTE_PAGE, pageSize: VAULT_PAGE_SIZE, signedBytes: SIGNED_BYTES, saltBytes: SALT_BYTES, chunkPages: CHUNK_PAGES },
    });
    let result: RangeResult | null = null;
    const stop = () => void worker.terminate();
    signal?.addEventListener('abort', stop, { once: true });
    worker.on('message', (message: { kind: 'progress'; pages: number } | ({ kind: 'done' } & RangeResult)) => {
      if (message.kind === 'progress') onPages(message.pages);
      else result = { failed: message.failed, firstFailed: message.firstFailed, short: message.short };
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      signal?.removeEventListener('abort', stop);
      if (result !== null) resolve(result);
      else if (signal?.aborted === true) reject(signal.reason as Error);
      else reject(new Error(`The page check of pages ${first} to ${last} stopped (exit code ${code}).`));
    });
  });
}

function checkedPages(pages: number): number {
  return pages >= LOCK_BYTE_PAGE ? pages - 1 : pages;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
