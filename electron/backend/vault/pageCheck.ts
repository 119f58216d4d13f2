import { pbkdf2Sync, webcrypto } from 'node:crypto';
import { AppError } from '../../../shared/contract';

/**
 * Authenticates every page of an encrypted vault file as its bytes stream past,
 * without decrypting anything: SQLCipher 4 ends each page with the IV it was
 * encrypted under and an HMAC of the page, so checking those HMACs proves every
 * page is exactly as SQLCipher wrote it under this key. SQLite3 Multiple Ciphers
 * has no `PRAGMA cipher_integrity_check` (it returns no rows even for a file
 * with a damaged page), so the check is done here, from the format its
 * SQLCipher cipher writes (database.ts opens every vault with `legacy = 4`):
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
 * The HMACs run on libuv's thread pool (WebCrypto), a bounded number of pages at
 * a time, so they overlap the copy's reads, hashing and writes on this thread.
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
/** Pages being authenticated at once: enough to keep the pool busy, a few MiB at most. */
const IN_FLIGHT = 512;

export interface PageCheck {
  /**
   * The next bytes of the file, in order, in chunks of any size. A chunk must
   * not be changed until the promise settles and the check is finished (the
   * copy reads each chunk into a fresh buffer).
   */
  update(chunk: Buffer): Promise<void>;
  /** Waits for every page; throws an integrity error naming the first page that fails, or a torn last page. */
  finish(): Promise<{ pages: number }>;
}

/** `what` names the file in messages, e.g. "the vault's database". */
export function startPageCheck(dbKey: Buffer, what: string): PageCheck {
  if (dbKey.length !== 32) throw new AppError('internal', 'A database key has 256 bits.');
  const key = Buffer.from(dbKey);
  let hmacKey: Promise<webcrypto.CryptoKey> | null = null;
  let carry = Buffer.alloc(0);
  let pages = 0;
  let bytes = 0;
  let firstFailed = 0;
  let failedCount = 0;
  let broken: Error | null = null;
  let inFlight: Promise<void>[] = [];

  const keyFor = (page1: Buffer): Promise<webcrypto.CryptoKey> => {
    const salt = Buffer.from(page1.subarray(0, SALT_BYTES).map((b) => b ^ HMAC_SALT_MASK));
    const raw = pbkdf2Sync(key, salt, HMAC_KEY_ITERATIONS, 32, 'sha512');
    key.fill(0);
    return webcrypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-512' }, false, ['verify']).finally(() => raw.fill(0));
  };

  const checkPage = (page: Buffer, number: number, hmac: Promise<webcrypto.CryptoKey>): Promise<void> => {
    // The signed bytes and the page number, in one buffer: WebCrypto takes one input.
    const signed = Buffer.allocUnsafe(SIGNED_BYTES + 4);
    const start = number === 1 ? SALT_BYTES : 0;
    page.copy(signed, 0, start, SIGNED_BYTES);
    signed.writeUInt32LE(number, SIGNED_BYTES - start);
    const input = signed.subarray(0, SIGNED_BYTES - start + 4);
    return hmac
      .then((k) => webcrypto.subtle.verify('HMAC', k, page.subarray(SIGNED_BYTES), input))
      .then(
        (ok) => {
          if (ok) return;
          failedCount += 1;
          if (firstFailed === 0 || number < firstFailed) firstFailed = number;
        },
        // Kept for finish(): a chunk abandoned mid-copy must not leave a rejection unhandled.
        (error: unknown) => {
          broken ??= error instanceof Error ? error : new Error(String(error));
        },
      );
  };

  const settle = async (): Promise<void> => {
    const waiting = inFlight;
    inFlight = [];
    await Promise.all(waiting);
  };

  return {
    async update(chunk) {
      bytes += chunk.length;
      let data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      let offset = 0;
      for (; offset + VAULT_PAGE_SIZE <= data.length; offset += VAULT_PAGE_SIZE) {
        const page = data.subarray(offset, offset + VAULT_PAGE_SIZE);
        pages += 1;
        if (pages === LOCK_BYTE_PAGE) continue;
        hmacKey ??= keyFor(page);
        inFlight.push(checkPage(page, pages, hmacKey));
        if (inFlight.length >= IN_FLIGHT) await settle();
      }
      data = data.subarray(offset);
      carry = Buffer.from(data);
    },
    async finish() {
      key.fill(0);
      await settle();
      if (broken !== null) throw broken;
      if (carry.length > 0) {
        throw new AppError('integrity', `${capital(what)} ends inside a page: ${bytes} bytes is not a whole number of ${VAULT_PAGE_SIZE}-byte pages.`);
      }
      if (pages === 0) throw new AppError('integrity', `${capital(what)} is empty.`);
      if (failedCount > 0) {
        const others = failedCount > 1 ? ` (and ${failedCount - 1} other page${failedCount === 2 ? '' : 's'})` : '';
        const why = failedCount === checkedPages(pages) ? 'the key does not open it, or it was replaced' : 'it was altered or damaged';
        throw new AppError('integrity', `Page ${firstFailed} of ${what}${others} fails its authentication check: ${why}.`);
      }
      return { pages };
    },
  };
}

function checkedPages(pages: number): number {
  return pages >= LOCK_BYTE_PAGE ? pages - 1 : pages;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
