import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { deriveKey, kdfParamsSchema, newKdfParams, type KdfProfile } from './kdf';

/**
 * The keyslot header beside the database: for each user, the vault's master key
 * wrapped (AES-256-GCM) under a key derived from that user's passphrase, and the
 * database key wrapped under the master key. It holds no case
 * data: user names, KDF parameters, wrapped keys, and failed unlock attempts that
 * are waiting to be written into the (encrypted) audit log.
 */
const slotSchema = z.object({
  user: z.string(),
  kdf: kdfParamsSchema,
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
});
export type KeySlot = z.infer<typeof slotSchema>;

const sealedSchema = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });

export const headerSchema = z.object({
  format: z.literal('offramp-keyslots'),
  version: z.literal(1),
  vaultId: z.string().uuid(),
  createdAt: z.string(),
  /** The database key, wrapped under the master key. */
  dbKey: sealedSchema,
  /**
   * During a rekey, the new database key, written before the database is
   * re-encrypted, so that a crash or a full disk at any moment leaves a key that
   * opens the database. Unlock settles it (keeps whichever key opens the file).
   */
  pendingDbKey: sealedSchema.optional(),
  /** Each user's passphrase-derived key wraps the master key. */
  slots: z.array(slotSchema),
  failedUnlocks: z.array(z.object({ at: z.string(), user: z.string().max(64) })).max(1000),
});
export type Header = z.infer<typeof headerSchema>;

export const HEADER_FILE = 'keyslots.json';

export function headerPath(vaultDir: string): string {
  return join(vaultDir, HEADER_FILE);
}

export function readHeader(vaultDir: string): Header {
  const path = headerPath(vaultDir);
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new AppError('not_found', `No vault at ${vaultDir} (its keyslot file is missing).`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new AppError('integrity', `The keyslot file of the vault at ${vaultDir} is damaged (not JSON).`);
  }
  const header = headerSchema.safeParse(parsed);
  if (!header.success) throw new AppError('integrity', `The keyslot file of the vault at ${vaultDir} is damaged or from another program.`);
  return header.data;
}

export function vaultExists(vaultDir: string): boolean {
  return existsSync(headerPath(vaultDir));
}

/** Writes the header atomically: temp file, fsync, rename, fsync of the folder. */
export function writeHeader(vaultDir: string, header: Header): void {
  const path = headerPath(vaultDir);
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(header, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  try {
    const dirFd = openSync(dirname(path), 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

function aad(vaultId: string, user: string): Buffer {
  return Buffer.from(`offramp-keyslot:v1:${vaultId}:${user.normalize('NFC')}`, 'utf8');
}

export async function wrapKey(vaultId: string, user: string, passphrase: string, masterKey: Buffer, profile: KdfProfile): Promise<KeySlot> {
  const kdf = newKdfParams(profile);
  const kek = await deriveKey(passphrase, kdf);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(aad(vaultId, user));
    const ciphertext = Buffer.concat([cipher.update(masterKey), cipher.final()]);
    return { user, kdf, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  } finally {
    kek.fill(0);
  }
}

/** The master key, or null when the passphrase is wrong (the GCM tag does not verify). */
export async function unwrapKey(vaultId: string, slot: KeySlot, passphrase: string): Promise<Buffer | null> {
  const kek = await deriveKey(passphrase, slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
    decipher.setAAD(aad(vaultId, slot.user));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  } finally {
    kek.fill(0);
  }
}

/** Finds a user's slot; user names compare case-insensitively, as people type them. */
export function findSlot(header: Header, user: string): KeySlot | undefined {
  const wanted = user.normalize('NFC').toLowerCase();
  return header.slots.find((s) => s.user.normalize('NFC').toLowerCase() === wanted);
}
