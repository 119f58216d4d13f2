import { createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { createCase } from '../../electron/backend/services/cases';
import { databasePath, openDatabase } from '../../electron/backend/vault/database';
import { checkVaultFile, LOCK_BYTE_PAGE, pageRanges, VAULT_PAGE_SIZE } from '../../electron/backend/vault/pageCheck';
import { sessionDatabaseKey } from '../../electron/backend/vault/vault';
import { createTestVault, gamblingIntake } from '../helpers/vault';

/**
 * The page check authenticates a real vault file's SQLCipher 4 pages in Node
 * (vault/pageCheck.ts), split into page ranges checked by worker threads: these
 * tests feed it real files, then damage them.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** A real vault of a few dozen pages, checkpointed; its file's bytes and its key. */
async function vaultFile(): Promise<{ bytes: Buffer; key: Buffer; path: string }> {
  const vault = await createTestVault();
  cleanups.push(vault.cleanup);
  for (let i = 0; i < 25; i++) createCase(vault.session.db, vault.session.user, gamblingIntake(`case ${i}`), vault.now());
  vault.session.db.pragma('wal_checkpoint(TRUNCATE)');
  const key = sessionDatabaseKey(vault.session);
  cleanups.push(() => key.fill(0));
  const path = databasePath(vault.dir);
  return { bytes: readFileSync(path), key, path };
}

function scratchFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'offramp-pagecheck-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'offramp.db');
}

/** Writes the bytes to a file and checks it with `workers` ranges. */
async function check(bytes: Buffer, key: Buffer, workers = 2): Promise<{ pages: number }> {
  const path = scratchFile();
  writeFileSync(path, bytes);
  return checkVaultFile(path, key, "the vault's database", { workers });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the page check to fail');
}

function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}

describe('page check of an encrypted vault file', () => {
  it('authenticates every page of an unchanged vault, in one range or several', async () => {
    const { bytes, key } = await vaultFile();
    const pages = bytes.length / VAULT_PAGE_SIZE;
    expect(Number.isInteger(pages) && pages > 20).toBe(true);
    for (const workers of [1, 2, 3, 7]) await expect(check(bytes, key, workers)).resolves.toEqual({ pages });
    // The default: one range for a file this small.
    const path = scratchFile();
    writeFileSync(path, bytes);
    let reported = 0;
    await expect(checkVaultFile(path, key, "the vault's database", { onPages: (n) => (reported = n) })).resolves.toEqual({ pages });
    expect(reported).toBe(pages);
  });

  it('the ranges are consecutive and together cover every page exactly once', () => {
    for (const pages of [1, 2, 7, 100, 4097, LOCK_BYTE_PAGE + 2]) {
      for (const workers of [1, 2, 3, 4, 9]) {
        const ranges = pageRanges(pages, workers);
        expect(ranges.length).toBe(Math.min(workers, pages));
        let next = 1;
        for (const [first, last] of ranges) {
          expect(first).toBe(next);
          expect(last).toBeGreaterThanOrEqual(first);
          next = last + 1;
        }
        expect(next).toBe(pages + 1);
      }
    }
  });

  it("a damaged page is found in every worker's range: the first page after each boundary and the last page", async () => {
    const { bytes, key } = await vaultFile();
    const pages = bytes.length / VAULT_PAGE_SIZE;
    const ranges = pageRanges(pages, 3);
    expect(ranges.length).toBe(3);
    const damaged = [...ranges.map(([first]) => first), ...ranges.map(([, last]) => last)];
    expect(damaged).toContain(pages);
    for (const page of damaged) {
      const error = await refusal(check(flipped(bytes, (page - 1) * VAULT_PAGE_SIZE + 2000), key, 3));
      expect(error.message).toBe(`Page ${page} of the vault's database fails its authentication check: it was altered or damaged.`);
    }
    // Two damaged pages in different ranges: the first is named, the other counted.
    const [, second] = ranges;
    const both = flipped(flipped(bytes, (pages - 1) * VAULT_PAGE_SIZE + 7), ((second?.[0] ?? 2) - 1) * VAULT_PAGE_SIZE + 7);
    expect((await refusal(check(both, key, 3))).message).toBe(`Page ${second?.[0]} of the vault's database (and 1 other page) fails its authentication check: it was altered or damaged.`);
  });

  it('a flipped byte anywhere in a page (salt, ciphertext, IV or HMAC) fails the check, naming that page', async () => {
    const { bytes, key } = await vaultFile();
    const last = bytes.length / VAULT_PAGE_SIZE;
    const middle = Math.floor(last / 2);
    const places: [page: number, offsetInPage: number][] = [
      [1, 3], // the salt: the HMAC key no longer matches, so every page fails; page 1 is named
      [1, 100],
      [middle, 0],
      [middle, 4020], // the IV
      [last, 4095], // the HMAC itself
    ];
    for (const [page, offset] of places) {
      const error = await refusal(check(flipped(bytes, (page - 1) * VAULT_PAGE_SIZE + offset), key));
      expect(error.code).toBe('integrity');
      expect(error.message).toMatch(new RegExp(`^Page ${page} of the vault's database.* fails its authentication check`));
    }
    // One page only: the others still authenticate.
    const one = await refusal(check(flipped(bytes, (middle - 1) * VAULT_PAGE_SIZE + 10), key));
    expect(one.message).toBe(`Page ${middle} of the vault's database fails its authentication check: it was altered or damaged.`);
  });

  it('the wrong key fails every page', async () => {
    const { bytes, key, path } = await vaultFile();
    const wrong = Buffer.from(key);
    wrong[0] = (wrong[0] ?? 0) ^ 0x80;
    const error = await refusal(check(bytes, wrong, 3));
    expect(error.message).toBe(`Page 1 of the vault's database (and ${bytes.length / VAULT_PAGE_SIZE - 1} other pages) fails its authentication check: the key does not open it, or it was replaced.`);
    await expect(checkVaultFile(path, Buffer.alloc(16), 'x')).rejects.toThrow(/256 bits/);
  });

  it('stops when its signal is aborted, with the reason', async () => {
    const { bytes, key } = await vaultFile();
    const path = scratchFile();
    writeFileSync(path, bytes);
    const reason = new Error('the medium is full');
    let reported = 0;
    await expect(checkVaultFile(path, key, "the vault's database", { workers: 3, signal: AbortSignal.abort(reason), onPages: (n) => (reported = n) })).rejects.toBe(reason);
    expect(reported).toBe(0);
  });

  it('a file cut inside a page, or empty, fails', async () => {
    const { bytes, key } = await vaultFile();
    await expect(check(bytes.subarray(0, bytes.length - 100), key)).rejects.toMatchObject({ code: 'integrity', message: expect.stringMatching(/ends inside a page/) as unknown });
    await expect(check(Buffer.alloc(0), key)).rejects.toMatchObject({ code: 'integrity', message: "The vault's database is empty." });
  });

  it("finds the damage SQLite3 Multiple Ciphers' cipher_integrity_check does not report", async () => {
    // Why the check is done here: the pragma returns no rows even for a damaged page.
    const { bytes, key, path } = await vaultFile();
    const last = bytes.length / VAULT_PAGE_SIZE;
    const damaged = flipped(bytes, (last - 1) * VAULT_PAGE_SIZE + 200);
    const copy = `${path}.damaged`;
    writeFileSync(copy, damaged);
    const db = openDatabase(copy, key, { readonly: true });
    try {
      expect(db.pragma('cipher_integrity_check')).toEqual([]);
    } finally {
      db.close();
    }
    await expect(checkVaultFile(copy, key, "the vault's database")).rejects.toMatchObject({ message: expect.stringMatching(new RegExp(`^Page ${last} `)) as unknown });
  });

  it("skips SQLite's lock-byte page of a vault larger than 1 GiB and checks every page after it", async () => {
    const { bytes, key } = await vaultFile();
    expect(LOCK_BYTE_PAGE).toBe(262_145);
    // The real file's pages, then pages signed as SQLCipher signs them (the same
    // HMAC key and input the other tests prove on real files) up to the lock-byte
    // page, which SQLite never writes (zeros here), then two pages after it, the
    // last one damaged: the check must step over the lock page and name the last.
    const salt = Buffer.from(bytes.subarray(0, 16).map((b) => b ^ 0x3a));
    const hmacKey = pbkdf2Sync(key, salt, 2, 32, 'sha512');
    const body = randomBytes(VAULT_PAGE_SIZE - 64);
    const signedPage = (number: number): Buffer => {
      const number4 = Buffer.alloc(4);
      number4.writeUInt32LE(number);
      return Buffer.concat([body, createHmac('sha512', hmacKey).update(body).update(number4).digest()]);
    };
    const realPages = bytes.length / VAULT_PAGE_SIZE;
    const lastPage = LOCK_BYTE_PAGE + 2;
    const path = scratchFile();
    const fd = openSync(path, 'w');
    try {
      writeSync(fd, bytes);
      for (let first = realPages + 1; first <= lastPage; first += 256) {
        const pages: Buffer[] = [];
        for (let n = first; n < first + 256 && n <= lastPage; n++) {
          if (n === LOCK_BYTE_PAGE) pages.push(Buffer.alloc(VAULT_PAGE_SIZE));
          else if (n === lastPage) pages.push(Buffer.from(signedPage(n).map((b, i) => (i === 100 ? b ^ 1 : b))));
          else pages.push(signedPage(n));
        }
        writeSync(fd, Buffer.concat(pages));
      }
    } finally {
      closeSync(fd);
    }
    // Two ranges: the lock-byte page and the damaged page are both in the second.
    await expect(checkVaultFile(path, key, "the vault's database", { workers: 2 })).rejects.toThrow(
      new RegExp(`^Page ${lastPage} of the vault's database fails its authentication check: it was altered or damaged\\.$`),
    );
  }, 120_000);
});
