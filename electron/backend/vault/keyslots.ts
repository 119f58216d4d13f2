import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { deriveKey, kdfParamsSchema, newKdfParams, type KdfParams, type KdfProfile } from './kdf';

/**
 * The keyslot header beside the database. Version 2: each user has an X25519 key
 * pair and an Ed25519 signing key pair whose private halves are wrapped
 * (AES-256-GCM) under a key derived from that user's passphrase; the vault's
 * master key is sealed to each user's X25519 public key (ECDH + HKDF-SHA256 +
 * AES-256-GCM), and the database key is wrapped under the master key. So a
 * program manager can rotate the master key and re-seal it to every remaining
 * user without knowing their passphrases. Version 1 slots (the passphrase wraps
 * the master key directly) are still read, and replaced by a version 2 slot at
 * that user's next unlock. The header holds no case data: user names, KDF
 * parameters, public keys, wrapped keys, and failed unlock attempts of existing
 * users that wait to be written into the (encrypted) audit log.
 */
const sealedSchema = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });
/** A secret sealed to a user's X25519 public key: an ephemeral public key and the AES-GCM box. */
export const sealedBoxSchema = sealedSchema.extend({ ephemeral: z.string() });

const legacySlotSchema = z.object({
  user: z.string(),
  kdf: kdfParamsSchema,
  iv: z.string(),
  ciphertext: z.string(),
  tag: z.string(),
});

const userSlotSchema = z.object({
  kind: z.literal('x25519'),
  user: z.string(),
  kdf: kdfParamsSchema,
  /** X25519 public key (SPKI DER, base64): the master key is sealed to it. */
  publicKey: z.string(),
  /** The X25519 private key (PKCS#8 DER), wrapped under the passphrase-derived key. */
  privateKey: sealedSchema,
  /** Ed25519 public key (SPKI DER, base64) of the user's signatures. */
  signingPublicKey: z.string(),
  /** The Ed25519 private key (PKCS#8 DER), wrapped under the passphrase-derived key. */
  signingPrivateKey: sealedSchema,
  /** The master key sealed to `publicKey`: an ephemeral X25519 public key and the AES-GCM box. */
  master: sealedBoxSchema,
});

const slotSchema = z.union([userSlotSchema, legacySlotSchema]);
export type KeySlot = z.infer<typeof slotSchema>;
export type UserSlot = z.infer<typeof userSlotSchema>;

export function isUserSlot(slot: KeySlot): slot is UserSlot {
  return 'kind' in slot && slot.kind === 'x25519';
}

/** How many failed unlocks the header keeps at most (the oldest are dropped). */
export const MAX_FAILED_UNLOCKS = 100;

export const headerSchema = z.object({
  format: z.literal('offramp-keyslots'),
  version: z.union([z.literal(1), z.literal(2)]),
  vaultId: z.string().uuid(),
  createdAt: z.string(),
  /** Counts rekeys; a new generation has a new master key and a new database key. */
  generation: z.number().int().min(0).optional(),
  /**
   * The database file this header belongs to, while a rekey switches files (a
   * file name in the vault folder); absent when it is the usual offramp.db.
   */
  database: z
    .string()
    .regex(/^offramp-next\.db$/)
    .optional(),
  /** The database key, wrapped under the master key. */
  dbKey: sealedSchema,
  /**
   * Written by version 1 during an in-place rekey: a second database key to try.
   * Unlock keeps whichever key opens the file.
   */
  pendingDbKey: sealedSchema.optional(),
  slots: z.array(slotSchema),
  /**
   * The vault creator's Ed25519 public key (SPKI DER, base64), the root of the
   * signed role grants (grants.ts); pinned here and in the database.
   */
  creatorSigningKey: z.string().optional(),
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

/** fsync of a folder, so a rename or a new file in it survives a power loss. */
export function syncFolder(dir: string): void {
  try {
    const dirFd = openSync(dir, 'r');
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

/**
 * Writes the header atomically: temp file, fsync, rename, fsync of the folder.
 * Callers hold the header lock (withHeaderLock) and read the header under it.
 */
export function writeHeader(vaultDir: string, header: Header): void {
  const path = headerPath(vaultDir);
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, `${JSON.stringify({ ...header, failedUnlocks: header.failedUnlocks.slice(-MAX_FAILED_UNLOCKS) }, null, 2)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncFolder(dirname(path));
}

export const LOCK_FILE = 'keyslots.lock';
const LOCK_WAIT_MS = 30_000;
const heldLocks = new Set<string>();

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a lock file whose holder on this host is dead; true when it did. */
function breakStaleLock(path: string): boolean {
  let content: string;
  try {
    content = readFileSync(path, 'utf8');
  } catch {
    return true;
  }
  const holder = /^(\d+) (\S+)/.exec(content);
  // A lock being written (empty for an instant) or held by a live process stays.
  if (holder === null || holder[2] !== hostname() || processAlive(Number(holder[1]))) return false;
  // Take the stale lock aside under a unique name first: of two processes that
  // both found it stale, only one moves it, and a fresh lock is never removed.
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return true;
  }
  if (readFileSync(aside, 'utf8') === content) {
    rmSync(aside, { force: true });
  } else {
    // A live lock was taken in between: put it back.
    renameSync(aside, path);
  }
  return true;
}

/**
 * Runs `fn` holding the vault's header lock: one writer of keyslots.json at a
 * time across the app and any number of CLI processes. Node has no flock or
 * fcntl locks, so the lock is a file created with O_CREAT|O_EXCL (atomic on a
 * local file system) holding the pid and host name; a lock whose process on
 * this host is dead is stale and is broken. `fn` is synchronous, so no other
 * code of this process runs while the lock is held; nested calls in one
 * process share it.
 */
export function withHeaderLock<T>(vaultDir: string, fn: () => T): T {
  const path = join(vaultDir, LOCK_FILE);
  if (heldLocks.has(path)) return fn();
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      writeFileSync(path, `${process.pid} ${hostname()} ${new Date().toISOString()}\n`, { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new AppError('not_found', `No vault at ${vaultDir}.`);
      if (code !== 'EEXIST') throw error;
      if (breakStaleLock(path)) continue;
      if (Date.now() > deadline) throw new AppError('conflict', 'Another Offramp program is changing the keys of this vault. Try again in a moment; nothing was changed.');
      sleepSync(10 + Math.floor(Math.random() * 20));
    }
  }
  heldLocks.add(path);
  try {
    return fn();
  } finally {
    heldLocks.delete(path);
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

const slotAad = (vaultId: string, user: string, part: string) => Buffer.from(`offramp-keyslot:v2:${part}:${vaultId}:${user.normalize('NFC')}`, 'utf8');

function aad(vaultId: string, user: string): Buffer {
  return Buffer.from(`offramp-keyslot:v1:${vaultId}:${user.normalize('NFC')}`, 'utf8');
}

type Sealed = { iv: string; ciphertext: string; tag: string };

function sealWith(key: Buffer, plaintext: Buffer, additional: Buffer): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additional);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function openWith(key: Buffer, sealed: Sealed, additional: Buffer): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(additional);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

/** The passphrase-derived key; scrypt refusing the stored parameters means the header was tampered with. */
async function keyEncryptionKey(passphrase: string, slot: KeySlot): Promise<Buffer> {
  try {
    return await deriveKey(passphrase, slot.kdf);
  } catch {
    throw new AppError('integrity', `The keyslot of ${slot.user} has key-derivation parameters that cannot be right: the keyslot file was tampered with or is damaged.`);
  }
}

/** The HKDF info (also the AES-GCM additional data) of a box sealed to a user's X25519 key; `part` names what it holds. */
function boxInfo(part: string, vaultId: string, user: string, publicKeyDer: string): Buffer {
  return Buffer.from(`offramp-${part}:v2:${vaultId}:${user.normalize('NFC')}:${publicKeyDer}`, 'utf8');
}

export type SealedBox = UserSlot['master'];

/**
 * Seals bytes to a user's X25519 public key (ECDH with a fresh ephemeral key,
 * HKDF-SHA256, AES-256-GCM). `part` binds the box to its purpose: a box made
 * for one secret never opens as another.
 */
export function sealToUser(part: string, vaultId: string, slot: Pick<UserSlot, 'user' | 'publicKey'>, secret: Buffer): SealedBox {
  const eph = generateKeyPairSync('x25519');
  const ephemeral = eph.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const info = boxInfo(part, vaultId, slot.user, slot.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: createPublicKey({ key: Buffer.from(slot.publicKey, 'base64'), format: 'der', type: 'spki' }) });
  const key = Buffer.from(hkdfSync('sha256', shared, Buffer.from(ephemeral, 'base64'), info, 32));
  try {
    return { ephemeral, ...sealWith(key, secret, info) };
  } finally {
    shared.fill(0);
    key.fill(0);
  }
}

/** Opens a box sealed to a user's X25519 key with their private key; null when it does not verify. */
export function openFromUser(part: string, vaultId: string, slot: Pick<UserSlot, 'user' | 'publicKey'>, box: SealedBox, privateKey: KeyObject): Buffer | null {
  const info = boxInfo(part, vaultId, slot.user, slot.publicKey);
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey, publicKey: createPublicKey({ key: Buffer.from(box.ephemeral, 'base64'), format: 'der', type: 'spki' }) });
  } catch {
    return null;
  }
  const key = Buffer.from(hkdfSync('sha256', shared, Buffer.from(box.ephemeral, 'base64'), info, 32));
  try {
    return openWith(key, box, info);
  } finally {
    shared.fill(0);
    key.fill(0);
  }
}

/** Seals the master key to a user's X25519 public key. */
export function sealMasterKey(vaultId: string, slot: Pick<UserSlot, 'user' | 'publicKey'>, masterKey: Buffer): UserSlot['master'] {
  return sealToUser('master', vaultId, slot, masterKey);
}

/** Opens the master key sealed in a user's slot with their X25519 private key; null when it does not verify. */
export function openMasterKey(vaultId: string, slot: UserSlot, privateKey: KeyObject): Buffer | null {
  return openFromUser('master', vaultId, slot, slot.master, privateKey);
}

/** What a user's passphrase opens: their private keys and the master key of the header's generation. */
export interface UserKeys {
  masterKey: Buffer;
  encryptionKey: KeyObject;
  signingKey: KeyObject;
}

/** Creates a user's slot: new key pairs, wrapped under the passphrase, and the master key sealed to them. */
export async function newUserSlot(vaultId: string, user: string, passphrase: string, masterKey: Buffer, profile: KdfProfile | KdfParams): Promise<{ slot: UserSlot; keys: UserKeys }> {
  // Given parameters are reused for their strength only, with a fresh salt.
  const kdf = typeof profile === 'string' ? newKdfParams(profile) : { ...profile, salt: randomBytes(16).toString('base64') };
  const kek = await deriveKey(passphrase, kdf);
  const encryption = generateKeyPairSync('x25519');
  const signing = generateKeyPairSync('ed25519');
  const encryptionDer = encryption.privateKey.export({ format: 'der', type: 'pkcs8' });
  const signingDer = signing.privateKey.export({ format: 'der', type: 'pkcs8' });
  try {
    const base = {
      kind: 'x25519' as const,
      user,
      kdf,
      publicKey: encryption.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      privateKey: sealWith(kek, encryptionDer, slotAad(vaultId, user, 'x25519')),
      signingPublicKey: signing.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      signingPrivateKey: sealWith(kek, signingDer, slotAad(vaultId, user, 'ed25519')),
    };
    const slot: UserSlot = { ...base, master: sealMasterKey(vaultId, base, masterKey) };
    return { slot, keys: { masterKey: Buffer.from(masterKey), encryptionKey: encryption.privateKey, signingKey: signing.privateKey } };
  } finally {
    kek.fill(0);
    encryptionDer.fill(0);
    signingDer.fill(0);
  }
}

/** A user's slot re-wrapped under a new passphrase: the same key pairs and sealed master key. */
export async function rewrapUserSlot(vaultId: string, slot: UserSlot, keys: UserKeys, passphrase: string, profile: KdfProfile): Promise<UserSlot> {
  const kdf = newKdfParams(profile);
  const kek = await deriveKey(passphrase, kdf);
  const encryptionDer = keys.encryptionKey.export({ format: 'der', type: 'pkcs8' });
  const signingDer = keys.signingKey.export({ format: 'der', type: 'pkcs8' });
  try {
    return {
      ...slot,
      kdf,
      privateKey: sealWith(kek, encryptionDer, slotAad(vaultId, slot.user, 'x25519')),
      signingPrivateKey: sealWith(kek, signingDer, slotAad(vaultId, slot.user, 'ed25519')),
    };
  } finally {
    kek.fill(0);
    encryptionDer.fill(0);
    signingDer.fill(0);
  }
}

/**
 * Opens a slot with a passphrase: the master key and, for a version 2 slot, the
 * user's private keys. Null when the passphrase is wrong. A version 2 slot whose
 * private key opens but whose sealed master key does not is damaged: integrity.
 */
export async function openSlot(vaultId: string, slot: KeySlot, passphrase: string): Promise<{ masterKey: Buffer; keys: UserKeys | null } | null> {
  const kek = await keyEncryptionKey(passphrase, slot);
  try {
    if (!isUserSlot(slot)) {
      const masterKey = openWith(kek, slot, aad(vaultId, slot.user));
      return masterKey === null ? null : { masterKey, keys: null };
    }
    const encryptionDer = openWith(kek, slot.privateKey, slotAad(vaultId, slot.user, 'x25519'));
    if (encryptionDer === null) return null;
    const signingDer = openWith(kek, slot.signingPrivateKey, slotAad(vaultId, slot.user, 'ed25519'));
    if (signingDer === null) {
      encryptionDer.fill(0);
      throw new AppError('integrity', `The keyslot of ${slot.user} is damaged: its signing key does not decrypt.`);
    }
    const encryptionKey = createPrivateKey({ key: encryptionDer, format: 'der', type: 'pkcs8' });
    const signingKey = createPrivateKey({ key: signingDer, format: 'der', type: 'pkcs8' });
    encryptionDer.fill(0);
    signingDer.fill(0);
    const masterKey = openMasterKey(vaultId, slot, encryptionKey);
    if (masterKey === null) throw new AppError('integrity', `The keyslot of ${slot.user} is damaged: the vault key sealed to ${slot.user} does not open.`);
    return { masterKey, keys: { masterKey: Buffer.from(masterKey), encryptionKey, signingKey } };
  } finally {
    kek.fill(0);
  }
}

export async function wrapKey(vaultId: string, user: string, passphrase: string, masterKey: Buffer, profile: KdfProfile): Promise<KeySlot> {
  const { slot, keys } = await newUserSlot(vaultId, user, passphrase, masterKey, profile);
  keys.masterKey.fill(0);
  return slot;
}

/** The master key, or null when the passphrase is wrong (the GCM tag does not verify). */
export async function unwrapKey(vaultId: string, slot: KeySlot, passphrase: string): Promise<Buffer | null> {
  const opened = await openSlot(vaultId, slot, passphrase);
  if (opened === null) return null;
  opened.keys?.masterKey.fill(0);
  return opened.masterKey;
}

/** Finds a user's slot; user names compare case-insensitively, as people type them. */
export function findSlot(header: Header, user: string): KeySlot | undefined {
  const wanted = user.normalize('NFC').toLowerCase();
  return header.slots.find((s) => s.user.normalize('NFC').toLowerCase() === wanted);
}
