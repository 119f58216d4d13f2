import { createCipheriv, createDecipheriv, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { AppError } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/ids';
import { assessPassphrase } from '../../../shared/security/passphrase';
import { appendAudit } from './audit';
import { DATABASE_FILE, damagedDatabase, databasePath, openDatabase, rekeyDatabase, type Db } from './database';
import { deriveKey, newKdfParams, type KdfProfile } from './kdf';
import { findSlot, readHeader, unwrapKey, vaultExists, wrapKey, writeHeader, type Header } from './keyslots';
import { lockMaintenance } from './maintenance';
import { migrate } from './migrations';
import type { VaultSession } from './session';
import { getSetting, setSetting } from './settings';

/**
 * Key hierarchy. Each user's passphrase (scrypt) unwraps the vault's master key;
 * the master key unwraps the database key. The database key is the recovery key:
 * standard SQLCipher 4 tools open the file with it. Rotating the database key
 * re-wraps it under the master key, so every user keeps their passphrase while the
 * old recovery key stops working.
 */
export interface VaultOptions {
  kdf?: KdfProfile;
  now: () => Date;
  /** Diagnostics (never case data or secrets). */
  log?: (line: string) => void;
}

export const DEFAULT_IDLE_LOCK_MINUTES = 15;

function seal(key: Buffer, plaintext: Buffer, aad: string): { iv: string; ciphertext: string; tag: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

function open(key: Buffer, sealed: { iv: string; ciphertext: string; tag: string }, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

const dbKeyAad = (vaultId: string) => `offramp-dbkey:v1:${vaultId}`;

/** Wraps a database key under the master key, as the keyslot header stores it. */
export function sealDbKey(masterKey: Buffer, dbKey: Buffer, vaultId: string): Header['dbKey'] {
  return seal(masterKey, dbKey, dbKeyAad(vaultId));
}

/** Formats a database key as the recovery key: 64 hex digits in groups of four. */
export function formatRecoveryKey(key: Buffer): string {
  return (key.toString('hex').match(/.{4}/g) ?? []).join('-');
}

/** Reads a recovery key as typed or printed: hex digits, separators ignored. */
export function parseRecoveryKey(text: string): Buffer {
  const hex = text.replace(/[\s:-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new AppError('invalid_input', 'A recovery key is 64 hexadecimal digits (spaces and dashes are ignored).');
  return Buffer.from(hex, 'hex');
}

export function requirePassphraseStrength(passphrase: string, userName: string): void {
  const assessment = assessPassphrase(passphrase, { userName });
  if (!assessment.ok) throw new AppError('invalid_input', `The passphrase is too weak: ${assessment.problems.join(' ')}`);
}

function makeSession(dir: string, header: Header, db: Db, user: { name: string; role: Role; createdAt: string }, masterKey: Buffer, now: () => Date): VaultSession {
  let closed = false;
  const idle = Number(getSetting(db, 'idle_lock_minutes') ?? DEFAULT_IDLE_LOCK_MINUTES);
  return {
    user,
    db,
    dir,
    vaultId: header.vaultId,
    training: getSetting(db, 'training') === 'true',
    idleLockMinutes: Number.isInteger(idle) && idle > 0 ? idle : DEFAULT_IDLE_LOCK_MINUTES,
    lastActivity: now().getTime(),
    masterKey,
    get closed() {
      return closed;
    },
    close() {
      if (closed) return;
      closed = true;
      try {
        try {
          lockMaintenance(db);
        } catch {
          // Closing the last connection checkpoints the log anyway; the lock must not fail over it.
        }
        db.close();
      } finally {
        masterKey.fill(0);
      }
    },
  };
}

/** Creates a vault in `dir` (which must not exist or be empty) with its first user. */
export async function createVault(
  dir: string,
  input: { userName: string; role: Role; passphrase: string; training?: boolean },
  options: VaultOptions,
): Promise<{ session: VaultSession; recoveryKey: string }> {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new AppError('conflict', `${dir} is not empty: a new vault needs an empty or new folder.`);
  }
  requirePassphraseStrength(input.passphrase, input.userName);
  const vaultId = randomUUID();
  const dbKey = randomBytes(32);
  const masterKey = randomBytes(32);
  const createdAt = options.now().toISOString();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let db: Db | null = null;
  try {
    const slot = await wrapKey(vaultId, input.userName, input.passphrase, masterKey, options.kdf ?? 'default');
    db = openDatabase(databasePath(dir), dbKey, { create: true });
    migrate(db);
    // The workstation's signing key for referral packets; the private half never
    // leaves the encrypted vault.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const database = db;
    database.transaction(() => {
      database.prepare('INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)').run(input.userName, input.role, createdAt);
      setSetting(database, 'vault_id', vaultId);
      setSetting(database, 'idle_lock_minutes', String(DEFAULT_IDLE_LOCK_MINUTES));
      setSetting(database, 'training', input.training === true ? 'true' : 'false');
      setSetting(database, 'signing_private_key', privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
      setSetting(database, 'signing_public_key', publicKey.export({ format: 'pem', type: 'spki' }).toString());
      appendAudit(database, { actor: input.userName, action: 'vault.create', detail: { role: input.role, training: input.training === true } }, options.now());
    })();
    const header: Header = {
      format: 'offramp-keyslots',
      version: 1,
      vaultId,
      createdAt,
      dbKey: sealDbKey(masterKey, dbKey, vaultId),
      slots: [slot],
      failedUnlocks: [],
    };
    writeHeader(dir, header);
    const recoveryKey = formatRecoveryKey(dbKey);
    dbKey.fill(0);
    return { session: makeSession(dir, header, db, { name: input.userName, role: input.role, createdAt }, masterKey, options.now), recoveryKey };
  } catch (error) {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function unwrapDbKey(header: Header, sealed: Header['dbKey'], masterKey: Buffer): Buffer {
  const dbKey = open(masterKey, sealed, dbKeyAad(header.vaultId));
  if (dbKey === null) throw new AppError('integrity', 'The vault key file is damaged: its database key does not decrypt.');
  return dbKey;
}

/**
 * Opens the database once the passphrase has proved right. Its key is authentic
 * (AES-GCM), so a database that does not open with it is damaged or was
 * replaced: an integrity failure, not a wrong passphrase. A rekey that was
 * interrupted is settled here: the header then holds the old and the new key, and
 * whichever opens the file becomes the vault's key.
 */
function openVaultDatabase(dir: string, header: Header, masterKey: Buffer): { db: Db; header: Header } {
  const path = databasePath(dir);
  if (!existsSync(path)) throw new AppError('integrity', `The vault at ${dir} has lost its database file (${DATABASE_FILE}).`);
  const candidates = header.pendingDbKey === undefined ? [header.dbKey] : [header.dbKey, header.pendingDbKey];
  for (const sealed of candidates) {
    const key = unwrapDbKey(header, sealed, masterKey);
    let db: Db;
    try {
      db = openDatabase(path, key);
    } catch (error) {
      if (error instanceof AppError && error.code === 'auth_failed') continue;
      throw error;
    } finally {
      key.fill(0);
    }
    if (header.pendingDbKey === undefined) return { db, header };
    const { pendingDbKey: _settled, ...rest } = header;
    const settled: Header = { ...rest, dbKey: sealed };
    try {
      writeHeader(dir, settled);
    } catch (error) {
      db.close();
      throw error;
    }
    return { db, header: settled };
  }
  throw new AppError('integrity', `The database of the vault at ${dir} does not open with the vault's key: the file is damaged or was replaced.`);
}

/** How a failed unlock with a name that is no user's is recorded. */
export const UNKNOWN_USER = '(unknown user name)';

const authFailed = () => new AppError('auth_failed', 'Wrong user name or passphrase.');

/**
 * Unlocks with a user name and passphrase. A failed attempt changes nothing but
 * its own record, which goes into the audit log at the next successful unlock.
 */
export async function unlockVault(dir: string, userName: string, passphrase: string, options: VaultOptions): Promise<VaultSession> {
  if (!vaultExists(dir)) throw new AppError('not_found', `No vault at ${dir}.`);
  const read = readHeader(dir);
  const slot = findSlot(read, userName);
  if (slot === undefined) {
    // Spend the same time as for a wrong passphrase, so that how long a refusal
    // takes does not tell whether a user name exists.
    const decoy = read.slots[0]?.kdf ?? newKdfParams(options.kdf);
    (await deriveKey(passphrase, decoy)).fill(0);
  }
  const masterKey = slot === undefined ? null : await unwrapKey(read.vaultId, slot, passphrase);
  if (slot === undefined || masterKey === null) {
    // The header is not encrypted: a name that is no user's may be a passphrase
    // typed into the wrong field, so only a known user's name is kept.
    const user = slot === undefined ? UNKNOWN_USER : slot.user;
    const failedUnlocks = [...read.failedUnlocks, { at: options.now().toISOString(), user }].slice(-1000);
    writeHeader(dir, { ...read, failedUnlocks });
    throw authFailed();
  }
  let opened: { db: Db; header: Header };
  try {
    opened = openVaultDatabase(dir, read, masterKey);
  } catch (error) {
    masterKey.fill(0);
    throw error;
  }
  const { db, header } = opened;
  try {
    migrate(db);
    const row = db.prepare('SELECT name, role, created_at FROM users WHERE name = ? COLLATE NOCASE AND removed_at IS NULL').get(slot.user) as
      | { name: string; role: Role; created_at: string }
      | undefined;
    if (row === undefined) throw authFailed();
    const at = options.now();
    const database = db;
    database.transaction(() => {
      for (const failed of header.failedUnlocks) {
        appendAudit(database, { actor: failed.user, action: 'vault.unlock_failed', detail: { attemptedAt: failed.at } }, at);
      }
      appendAudit(database, { actor: row.name, action: 'vault.unlock' }, at);
    })();
    if (header.failedUnlocks.length > 0) {
      // Re-read: another attempt may have been recorded since; drop only what was audited.
      const latest = readHeader(dir);
      const flushed = new Set(header.failedUnlocks.map((f) => `${f.at}\u0000${f.user}`));
      writeHeader(dir, { ...latest, failedUnlocks: latest.failedUnlocks.filter((f) => !flushed.has(`${f.at}\u0000${f.user}`)) });
    }
    return makeSession(dir, header, db, { name: row.name, role: row.role, createdAt: row.created_at }, masterKey, options.now);
  } catch (error) {
    db.close();
    masterKey.fill(0);
    throw damagedDatabase(error) ?? error;
  }
}

/** Opens the database with the recovery key (administration: check, export). */
export function openWithRecoveryKey(dir: string, recoveryKey: string): Db {
  if (!vaultExists(dir)) throw new AppError('not_found', `No vault at ${dir}.`);
  const key = parseRecoveryKey(recoveryKey);
  let db: Db;
  try {
    db = openDatabase(databasePath(dir), key);
  } finally {
    key.fill(0);
  }
  try {
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw damagedDatabase(error) ?? error;
  }
}

export function requireManager(session: VaultSession): void {
  if (session.user.role !== 'program_manager') throw new AppError('forbidden', 'Only a program manager can do this.');
}

export async function changePassphrase(session: VaultSession, current: string, next: string, options: VaultOptions): Promise<void> {
  const header = readHeader(session.dir);
  const slot = findSlot(header, session.user.name);
  if (slot === undefined || (await unwrapKey(header.vaultId, slot, current)) === null) throw new AppError('auth_failed', 'The current passphrase is wrong.');
  requirePassphraseStrength(next, session.user.name);
  const replacement = await wrapKey(header.vaultId, slot.user, next, session.masterKey, options.kdf ?? 'default');
  writeHeader(session.dir, { ...header, slots: header.slots.map((s) => (s === slot ? replacement : s)) });
  appendAudit(session.db, { actor: session.user.name, action: 'user.passphrase_changed', detail: { user: session.user.name } }, options.now());
}

export async function addUser(session: VaultSession, input: { name: string; role: Role; passphrase: string }, options: VaultOptions): Promise<{ name: string; role: Role; createdAt: string }> {
  requireManager(session);
  const header = readHeader(session.dir);
  const existing = session.db.prepare('SELECT name FROM users WHERE name = ? COLLATE NOCASE AND removed_at IS NULL').get(input.name);
  if (existing !== undefined || findSlot(header, input.name) !== undefined) throw new AppError('conflict', `A user named ${input.name} already exists.`);
  requirePassphraseStrength(input.passphrase, input.name);
  const slot = await wrapKey(header.vaultId, input.name, input.passphrase, session.masterKey, options.kdf ?? 'default');
  const createdAt = options.now().toISOString();
  session.db.transaction(() => {
    session.db.prepare('DELETE FROM users WHERE name = ? COLLATE NOCASE AND removed_at IS NOT NULL').run(input.name);
    session.db.prepare('INSERT INTO users (name, role, created_at) VALUES (?, ?, ?)').run(input.name, input.role, createdAt);
    appendAudit(session.db, { actor: session.user.name, action: 'user.add', detail: { user: input.name, role: input.role } }, options.now());
  })();
  writeHeader(session.dir, { ...header, slots: [...header.slots, slot] });
  return { name: input.name, role: input.role, createdAt };
}

export function removeUser(session: VaultSession, name: string, options: VaultOptions): void {
  requireManager(session);
  const header = readHeader(session.dir);
  const row = session.db.prepare('SELECT name, role FROM users WHERE name = ? COLLATE NOCASE AND removed_at IS NULL').get(name) as { name: string; role: Role } | undefined;
  if (row === undefined) throw new AppError('not_found', `There is no user named ${name}.`);
  // The last-manager rule comes first: only a manager may remove users, so the
  // last manager can only ever be removing themselves, and they must hear why.
  if (row.role === 'program_manager') {
    const managers = session.db.prepare("SELECT count(*) AS n FROM users WHERE role = 'program_manager' AND removed_at IS NULL").get() as { n: number };
    if (managers.n <= 1) throw new AppError('conflict', 'The last program manager cannot be removed.');
  }
  if (row.name.toLowerCase() === session.user.name.toLowerCase()) throw new AppError('conflict', 'You cannot remove yourself.');
  session.db.transaction(() => {
    session.db.prepare('UPDATE users SET removed_at = ? WHERE name = ?').run(options.now().toISOString(), row.name);
    appendAudit(session.db, { actor: session.user.name, action: 'user.remove', detail: { user: row.name } }, options.now());
  })();
  writeHeader(session.dir, { ...header, slots: header.slots.filter((s) => s.user.toLowerCase() !== row.name.toLowerCase()) });
}

/** Rotates the database key; returns the new recovery key (shown once). */
export async function rekeyVault(session: VaultSession, passphrase: string, options: VaultOptions): Promise<string> {
  requireManager(session);
  const header = readHeader(session.dir);
  const slot = findSlot(header, session.user.name);
  if (slot === undefined || (await unwrapKey(header.vaultId, slot, passphrase)) === null) throw new AppError('auth_failed', 'Wrong passphrase.');
  const newKey = randomBytes(32);
  try {
    // The new key goes into the header before the database changes, and becomes
    // the vault's key only after: whenever this stops (crash, full disk), the
    // header holds a key that opens the database, and unlock settles which.
    const pendingDbKey = sealDbKey(session.masterKey, newKey, header.vaultId);
    writeHeader(session.dir, { ...header, pendingDbKey });
    // If the rekey fails, the pending key stays: whichever key the file ended
    // up under, unlock finds it.
    rekeyDatabase(session.db, newKey);
    const { pendingDbKey: _done, ...rest } = header;
    try {
      writeHeader(session.dir, { ...rest, dbKey: pendingDbKey });
    } catch (error) {
      // The database is re-encrypted and the header still holds its key as
      // pending: the next unlock makes it the vault's key, so the new recovery
      // key is valid and must still be shown.
      options.log?.(`offramp: the rekey will be settled at the next unlock (${error instanceof Error ? error.message : String(error)})`);
    }
    appendAudit(session.db, { actor: session.user.name, action: 'vault.rekey' }, options.now());
    return formatRecoveryKey(newKey);
  } finally {
    newKey.fill(0);
  }
}

/** The database key wrapped in a keyslot header, unwrapped with the vault's master key (backup, restore). */
export function unwrapDatabaseKey(header: Header, masterKey: Buffer): Buffer {
  return unwrapDbKey(header, header.dbKey, masterKey);
}

/** The database key of an unlocked vault. The caller zeroes it when done. */
export function sessionDatabaseKey(session: VaultSession): Buffer {
  const header = readHeader(session.dir);
  return unwrapDbKey(header, header.dbKey, session.masterKey);
}
