import { createDecipheriv } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reads SQLCipher 4 files the way an attacker holding the key would: every page
 * decrypted, including free pages and whatever SQLite no longer points to, so a
 * test can prove deleted text is really gone and not merely unreachable.
 * SQLCipher 4 defaults: 4096-byte pages, each ending in a 16-byte IV and a
 * 64-byte HMAC; page 1 starts with the 16-byte salt; AES-256-CBC, raw key.
 */
export const PAGE_SIZE = 4096;
const RESERVE = 80;

export function decryptPage(page: Buffer, key: Buffer, first: boolean): Buffer {
  const start = first ? 16 : 0;
  const iv = page.subarray(PAGE_SIZE - RESERVE, PAGE_SIZE - RESERVE + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(start, PAGE_SIZE - RESERVE)), decipher.final()]);
}

/** Every page of a database file, decrypted. */
export function decryptDatabase(bytes: Buffer, key: Buffer): Buffer[] {
  const pages: Buffer[] = [];
  for (let offset = 0; offset + PAGE_SIZE <= bytes.length; offset += PAGE_SIZE) pages.push(decryptPage(bytes.subarray(offset, offset + PAGE_SIZE), key, offset === 0));
  return pages;
}

/** Every frame of a write-ahead log, decrypted (32-byte file header; 24-byte frame headers). */
export function decryptWal(bytes: Buffer, key: Buffer): Buffer[] {
  const pages: Buffer[] = [];
  for (let offset = 32; offset + 24 + PAGE_SIZE <= bytes.length; offset += 24 + PAGE_SIZE) {
    const pageNo = bytes.readUInt32BE(offset);
    pages.push(decryptPage(bytes.subarray(offset + 24, offset + 24 + PAGE_SIZE), key, pageNo === 1));
  }
  return pages;
}

/**
 * Everything readable in a folder with the key: database files and their logs
 * decrypted page by page, every other file as it is.
 */
export function plaintextOfFolder(dir: string, key: Buffer): { file: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const file = join(e.parentPath, e.name);
      const raw = readFileSync(file);
      if (/\.db$/.test(e.name)) return { file, bytes: Buffer.concat([raw, ...decryptDatabase(raw, key)]) };
      if (/\.db-wal$/.test(e.name)) return { file, bytes: Buffer.concat([raw, ...decryptWal(raw, key)]) };
      return { file, bytes: raw };
    });
}

/**
 * Files of a folder whose bytes or decrypted pages contain `marker`. The
 * full-text index stores terms lower-cased and prefix-compressed against the
 * term before, so the lower-cased tail of the marker is looked for too.
 */
export function filesContaining(dir: string, key: Buffer, marker: string): string[] {
  const needles = [marker, marker.toLowerCase(), marker.toLowerCase().slice(2)].map((n) => Buffer.from(n, 'utf8'));
  return plaintextOfFolder(dir, key)
    .filter(({ bytes }) => needles.some((n) => bytes.includes(n)))
    .map(({ file }) => file);
}
