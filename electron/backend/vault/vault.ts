import { createCipheriv, createDecipheriv, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { signingKeyOf, vouchHolds, type SigningKey } from '../packets/signing';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { Role } from '../../../shared/domain/ids';
import { assessPassphrase } from '../../../shared/security/passphrase';
import { appendAudit } from './audit';
import { appendGrant, checkUsersAgainstGrants, establishGrants, GRANT_KEY_SETTING, RECOVERY_GRANTOR, verifyGrantChain } from './grants';
import { holdWriteLock, immediateTransaction, releaseWriteLock, vacuumInto } from '../data/sqlcipher/connection';
import { clearPacketImportChunks } from '../data/sqlcipher/packetImportChunks';
import { countManagers, currentUserExists, currentUserNamed, currentUsers, deleteRemovedUser, insertUser, markUserRemoved, setUserRole } from '../data/sqlcipher/vaultUsers';
import { DATABASE_FILE, damagedDatabase, databasePath, openDatabase, reencryptCopy, type Db } from './database';
import { deriveKey, newKdfParams, type KdfProfile } from './kdf';
import {
  findSlot,
  isUserSlot,
  newUserSlot,
  openMasterKey,
  openSlot,
  readHeader,
  rewrapUserSlot,
  sealMasterKey,
  syncFolder,
  vaultExists,
  withHeaderLock,
  writeHeader,
  type Header,
  type KeySlot,
  type UserKeys,
  type UserSlot,
} from './keyslots';
import { openHubKey, settleHubKey, vouchFor } from './hubKey';
import { lockMaintenance } from './maintenance';
import { migrate } from './migrations';
import type { VaultSession } from './session';
import { getSetting, setSetting } from './settings';
import { removeStrayCopies } from './strayCopies';

/**
 * Key hierarchy. Each user's passphrase (scrypt) unwraps that user's X25519 and
 * Ed25519 private keys; the vault's master key is sealed to every user's X25519
 * public key; the master key unwraps the database key. The database key is the
 * recovery key: standard SQLCipher 4 tools open the file with it. A rekey (and
 * removing a user) makes a new master key and a new database key, re-encrypts
 * the database into a new file, and re-seals the master key to the remaining
 * users' public keys: nobody's passphrase is needed, and nothing a removed user
 * kept opens the vault as it now is.
 */
export interface VaultOptions {
  kdf?: KdfProfile;
  now: () => Date;
  /** Diagnostics (never case data or secrets). */
  log?: (line: string) => void;
  /** createVault only: a vault as Offramp made it before signed role grants (tests of the upgrade). */
  withoutGrants?: boolean;
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

/** What a session keeps beside its public fields: the user's private keys, and how to move it to a new database file. */
interface SessionInternals {
  keys: UserKeys;
  replaceDatabase(next: Db): void;
}
const internals = new WeakMap<VaultSession, SessionInternals>();

function sessionInternals(session: VaultSession): SessionInternals {
  const found = internals.get(session);
  if (found === undefined || session.closed) throw new AppError('forbidden', 'The vault is locked.');
  return found;
}

function makeSession(dir: string, header: Header, db: Db, user: { name: string; role: Role; createdAt: string }, masterKey: Buffer, keys: UserKeys, now: () => Date): VaultSession {
  let closed = false;
  let current = db;
  const idle = Number(getSetting(db, 'idle_lock_minutes') ?? DEFAULT_IDLE_LOCK_MINUTES);
  const session: VaultSession = {
    user,
    get db() {
      return current;
    },
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
          lockMaintenance(current);
        } catch {
          // Closing the last connection checkpoints the log anyway; the lock must not fail over it.
        }
        current.close();
      } finally {
        masterKey.fill(0);
        keys.masterKey.fill(0);
      }
    },
  };
  internals.set(session, {
    keys,
    replaceDatabase(next) {
      current = next;
    },
  });
  return session;
}

/** The signed-in user's own Ed25519 key (audit anchors, verified-up-to marks). */
export function userSigningKey(session: VaultSession): SigningKey {
  return signingKeyOf(sessionInternals(session).keys.signingKey);
}

/**
 * The key that signs the session's referral packets: the hub key for a program
 * manager (opened from the box sealed to them), otherwise the user's own key
 * with the hub key's vouch for it (vault/hubKey.ts).
 */
export function packetSigningKey(session: VaultSession): SigningKey {
  const keys = sessionInternals(session).keys;
  const slot = findSlot(readHeader(session.dir), session.user.name);
  if (session.user.role === 'program_manager') {
    const hub = openHubKey(session.db, session.vaultId, slot, keys.encryptionKey);
    if (hub !== null) return signingKeyOf(hub);
  }
  const own = signingKeyOf(keys.signingKey);
  const vouch = slot !== undefined && isUserSlot(slot) ? vouchFor(session.db, slot.user, slot.signingPublicKey) : null;
  if (vouch !== null && vouchHolds(vouch, own.fingerprint)) return { ...own, vouch };
  throw new AppError(
    'conflict',
    `${session.user.name} cannot sign referral packets yet: a program manager must unlock the vault once after ${session.user.name} was added or changed role. Nothing was written.`,
  );
}

/** Seals the hub key to the program managers and vouches for every user (the caller holds a transaction on `db`). */
function settleHubKeyFor(session: VaultSession, db: Db, slots: readonly KeySlot[], at: Date): void {
  const hub = openHubKey(session.db, session.vaultId, findSlot(readHeader(session.dir), session.user.name), sessionInternals(session).keys.encryptionKey);
  if (hub !== null) settleHubKey(db, session.vaultId, hub, slots, session.user.name, at);
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
    const { slot, keys } = await newUserSlot(vaultId, input.userName, input.passphrase, masterKey, options.kdf ?? 'default');
    db = openDatabase(databasePath(dir), dbKey, { create: true });
    migrate(db);
    // The workstation's signing key for referral packets; the private half never
    // leaves the encrypted vault.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const database = db;
    let creatorSigningKey: string | undefined;
    database.transaction(() => {
      insertUser(database, { name: input.userName, role: input.role, createdAt });
      setSetting(database, 'vault_id', vaultId);
      setSetting(database, 'idle_lock_minutes', String(DEFAULT_IDLE_LOCK_MINUTES));
      setSetting(database, 'training', input.training === true ? 'true' : 'false');
      setSetting(database, 'signing_public_key', publicKey.export({ format: 'pem', type: 'spki' }).toString());
      // Sealed to the creator when they are a program manager; otherwise kept
      // until the first program manager's unlock seals it (vault/hubKey.ts).
      if (input.role === 'program_manager') settleHubKey(database, vaultId, privateKey, [slot], input.userName, options.now(), false);
      else setSetting(database, 'signing_private_key', privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
      appendAudit(database, { actor: input.userName, action: 'vault.create', detail: { role: input.role, training: input.training === true } }, options.now());
      if (input.role === 'program_manager' && options.withoutGrants !== true) {
        creatorSigningKey = establishGrants(database, { vaultId, slots: [slot] }, { name: input.userName, signingKey: keys.signingKey }, options.now(), false);
      }
    })();
    const header: Header = {
      format: 'offramp-keyslots',
      version: 2,
      vaultId,
      createdAt,
      generation: 0,
      dbKey: sealDbKey(masterKey, dbKey, vaultId),
      slots: [slot],
      ...(creatorSigningKey === undefined ? {} : { creatorSigningKey }),
      failedUnlocks: [],
    };
    writeHeader(dir, header);
    const recoveryKey = formatRecoveryKey(dbKey);
    dbKey.fill(0);
    const session = makeSession(dir, header, db, { name: input.userName, role: input.role, createdAt }, masterKey, keys, options.now);
    const ino = fileId(databasePath(dir));
    if (ino !== null) databaseFiles.set(session, ino);
    return { session, recoveryKey };
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

/** The file a rekey re-encrypts the database into, beside offramp.db. */
export const NEXT_DATABASE_FILE = 'offramp-next.db';
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

function removeDatabaseFiles(path: string): void {
  for (const suffix of SIDE_FILES) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Settles the database file a header names (the caller holds the header lock).
 * A header that names offramp-next.db was committed by a rekey that stopped
 * before renaming that file to offramp.db: the rename is finished here. A header
 * that does not name it belongs to offramp.db, and any offramp-next.db is the
 * leftover of a rekey that stopped before its commit point: it is removed.
 */
function settleDatabaseFile(dir: string, header: Header): Header {
  // Copies a killed backup or restore left (vault/strayCopies.ts): never openable once the vault is opened again.
  removeStrayCopies(dir);
  const next = join(dir, NEXT_DATABASE_FILE);
  if (header.database === undefined) {
    if (SIDE_FILES.some((suffix) => existsSync(`${next}${suffix}`))) {
      removeDatabaseFiles(next);
      syncFolder(dir);
    }
    return header;
  }
  if (existsSync(next)) {
    const current = databasePath(dir);
    // The old file's journal and WAL must never be applied to the new file.
    for (const suffix of SIDE_FILES.slice(1)) rmSync(`${current}${suffix}`, { force: true });
    renameSync(next, current);
    syncFolder(dir);
  }
  const { database: _switched, ...settled } = header;
  writeHeader(dir, settled);
  return settled;
}

/**
 * Opens the database once the passphrase has proved right (under the header
 * lock). Its key is authentic (AES-GCM), so a database that does not open with it
 * is damaged or was replaced: an integrity failure, not a wrong passphrase.
 */
function openVaultDatabase(dir: string, read: Header, masterKey: Buffer): { db: Db; header: Header } {
  const header = settleDatabaseFile(dir, read);
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

/** How a failed unlock with a name that is no user's was recorded by earlier versions (now such attempts are not recorded). */
export const UNKNOWN_USER = '(unknown user name)';

const authFailed = () => new AppError('auth_failed', 'Wrong user name or passphrase.');

function zeroKeys(opened: { masterKey: Buffer; keys: UserKeys | null } | null): void {
  opened?.masterKey.fill(0);
  opened?.keys?.masterKey.fill(0);
}

/**
 * Unlocks with a user name and passphrase. A failed attempt with an existing
 * user's name changes nothing but its own record (at most the last 100 are
 * kept), which goes into the audit log at the next successful unlock. The slow
 * key derivation runs first; the header is then read again under the header
 * lock, so a rekey or passphrase change that happened meanwhile is seen.
 */
export async function unlockVault(dir: string, userName: string, passphrase: string, options: VaultOptions): Promise<VaultSession> {
  if (!vaultExists(dir)) throw new AppError('not_found', `No vault at ${dir}.`);
  const read = readHeader(dir);
  const slot = findSlot(read, userName);
  if (slot === undefined) {
    // Spend the same time as for a wrong passphrase, so that how long a refusal
    // takes does not tell whether a user name exists. The name is not recorded:
    // it may be a passphrase typed into the wrong field.
    const decoy = read.slots[0]?.kdf ?? newKdfParams(options.kdf);
    await deriveKey(passphrase, decoy).then(
      (key) => key.fill(0),
      () => undefined,
    );
    throw authFailed();
  }
  const opened = await openSlot(read.vaultId, slot, passphrase);
  if (opened === null) {
    withHeaderLock(dir, () => {
      const latest = readHeader(dir);
      if (findSlot(latest, slot.user) === undefined) return;
      writeHeader(dir, { ...latest, failedUnlocks: [...latest.failedUnlocks, { at: options.now().toISOString(), user: slot.user }] });
    });
    throw authFailed();
  }
  // A keyslot from an older version: the user gets key pairs now, with the same
  // key-derivation strength as their old slot.
  let upgrade: { slot: UserSlot; keys: UserKeys } | null = null;
  try {
    if (opened.keys === null) upgrade = await newUserSlot(read.vaultId, slot.user, passphrase, opened.masterKey, slot.kdf);
  } catch (error) {
    zeroKeys(opened);
    throw error;
  }
  const keys = upgrade?.keys ?? opened.keys;
  if (keys === null) throw new AppError('internal', 'A keyslot opened without its keys.');
  let masterKey: Buffer | null = null;
  try {
    return withHeaderLock(dir, () => {
      const latest = readHeader(dir);
      const current = findSlot(latest, slot.user);
      if (current === undefined) throw authFailed();
      if (isUserSlot(current)) masterKey = opened.keys === null ? null : openMasterKey(latest.vaultId, current, opened.keys.encryptionKey);
      else masterKey = JSON.stringify(current) === JSON.stringify(slot) ? Buffer.from(opened.masterKey) : null;
      // The slot changed during the key derivation in a way these keys cannot follow.
      if (masterKey === null) throw authFailed();
      const { db, header } = openVaultDatabase(dir, latest, masterKey);
      try {
        migrate(db);
        // What an import interrupted by a crash had staged (no import runs before unlock).
        clearPacketImportChunks(db);
        const row = currentUserNamed(db, slot.user);
        if (row === undefined) throw authFailed();
        const at = options.now();
        const upgraded = upgrade !== null && !isUserSlot(current);
        const slots = upgraded && upgrade !== null ? header.slots.map((s) => (s === current ? upgrade.slot : s)) : header.slots;
        // The role comes from the verified grant chain, never from the users table alone.
        const verified = verifyGrantsAtUnlock(db, { ...header, slots }, row.name, at);
        const role = verified?.get(row.name.normalize('NFC').toLowerCase())?.role ?? row.role;
        // A vault from before grants: its first program manager to unlock signs
        // a grant for every current user (trust on first use, audited), once
        // every user's keyslot carries a signing key.
        // A header that lost its pin (a crash between the database and the header
        // write) gets it back from the verified chain.
        let creatorSigningKey = header.creatorSigningKey ?? (verified === null ? undefined : getSetting(db, GRANT_KEY_SETTING));
        const establish = verified === null && role === 'program_manager' && everyUserHasSigningKey(db, slots);
        db.transaction(() => {
          for (const failed of header.failedUnlocks) {
            appendAudit(db, { actor: failed.user, action: 'vault.unlock_failed', detail: { attemptedAt: failed.at } }, at);
          }
          if (upgraded) appendAudit(db, { actor: row.name, action: 'vault.keyslot_upgraded', detail: { user: row.name } }, at);
          if (establish) creatorSigningKey = establishGrants(db, { vaultId: header.vaultId, slots }, { name: row.name, signingKey: keys.signingKey }, at, true);
          if (role === 'program_manager') {
            const hub = openHubKey(db, header.vaultId, findSlot({ ...header, slots }, row.name), keys.encryptionKey);
            if (hub !== null) settleHubKey(db, header.vaultId, hub, slots, row.name, at);
          }
          appendAudit(db, { actor: row.name, action: 'vault.unlock' }, at);
        })();
        if (header.failedUnlocks.length > 0 || upgraded || header.version !== 2 || header.generation === undefined || creatorSigningKey !== header.creatorSigningKey) {
          // Under the lock no other attempt can have been recorded since the read.
          writeHeader(dir, {
            ...header,
            version: 2,
            generation: header.generation ?? 0,
            slots,
            ...(creatorSigningKey === undefined ? {} : { creatorSigningKey }),
            failedUnlocks: [],
          });
        }
        const session = makeSession(dir, header, db, { name: row.name, role, createdAt: row.createdAt }, masterKey, keys, options.now);
        generations.set(session, header.generation ?? 0);
        const ino = fileId(databasePath(dir));
        if (ino !== null) databaseFiles.set(session, ino);
        return session;
      } catch (error) {
        db.close();
        throw damagedDatabase(error) ?? error;
      }
    });
  } catch (error) {
    (masterKey as Buffer | null)?.fill(0);
    keys.masterKey.fill(0);
    throw error;
  } finally {
    opened.masterKey.fill(0);
    if (upgrade !== null) opened.keys?.masterKey.fill(0);
  }
}

/**
 * Verifies the grant chain and the users table against it at unlock. A failure
 * refuses the unlock for every user (integrity, naming the user whose grant
 * does not verify) and is recorded in the audit log first.
 */
function verifyGrantsAtUnlock(db: Db, header: Header, unlocking: string, at: Date): ReturnType<typeof verifyGrantChain> {
  try {
    const verified = verifyGrantChain(db, header);
    if (verified !== null) checkUsersAgainstGrants(db, header, verified);
    return verified;
  } catch (error) {
    if (error instanceof AppError && error.code === 'integrity') {
      try {
        appendAudit(db, { actor: unlocking, action: 'vault.grants_refused', detail: { user: unlocking } }, at);
      } catch {
        // The refusal stands even when the audit log cannot take the record.
      }
    }
    throw error;
  }
}

function everyUserHasSigningKey(db: Db, slots: readonly KeySlot[]): boolean {
  const rows = currentUsers(db);
  const fold = (name: string) => name.normalize('NFC').toLowerCase();
  return rows.every((r) => slots.some((s) => isUserSlot(s) && fold(s.user) === fold(r.name)));
}

/**
 * Before acting as a program manager: the session's role is checked again
 * against the verified grant chain (a vault from before grants has none yet).
 */
function verifyManagerGrant(session: VaultSession): void {
  const verified = verifyGrantChain(session.db, readHeader(session.dir));
  if (verified === null) return;
  checkUsersAgainstGrants(session.db, readHeader(session.dir), verified);
  if (verified.get(session.user.name.normalize('NFC').toLowerCase())?.role !== 'program_manager') {
    throw new AppError('integrity', `The role of ${session.user.name} cannot be trusted: no verified grant makes them a program manager. Nothing was done.`);
  }
}

/** The session's signing key, to sign grants with. */
function sessionSigningKey(session: VaultSession): UserKeys['signingKey'] {
  return sessionInternals(session).keys.signingKey;
}

/** The header generation each session's database belongs to. */
const generations = new WeakMap<VaultSession, number>();

/** The inode of the database file each session opened. */
const databaseFiles = new WeakMap<VaultSession, number>();

function fileId(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

/**
 * True when another Offramp program has since replaced the session's database
 * file (a rekey or a user's removal): the session's connection then points at
 * the old file, and must be closed, never written to.
 */
export function databaseReplaced(session: VaultSession): boolean {
  const opened = databaseFiles.get(session);
  return opened !== undefined && fileId(databasePath(session.dir)) !== opened;
}

/** Refuses to change keys from a session whose database another program has since replaced (rekey, removal). */
function requireCurrentGeneration(session: VaultSession, header: Header): void {
  if ((header.generation ?? 0) !== (generations.get(session) ?? 0) || header.database !== undefined) {
    throw new AppError('conflict', "The vault's keys were changed by another Offramp program since you unlocked. Lock the vault and unlock it again; nothing was changed.");
  }
}

/** Opens the database with the recovery key (administration: check, export). */
export function openWithRecoveryKey(dir: string, recoveryKey: string): Db {
  if (!vaultExists(dir)) throw new AppError('not_found', `No vault at ${dir}.`);
  const key = parseRecoveryKey(recoveryKey);
  let db: Db;
  try {
    db = withHeaderLock(dir, () => {
      settleDatabaseFile(dir, readHeader(dir));
      return openDatabase(databasePath(dir), key);
    });
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

/**
 * Opens the database with the recovery key under the header lock and finds the
 * program manager named by a verified grant; auth_failed when the key does not
 * open the file, not_found when the name is no program manager's.
 */
function recoveryTarget(dir: string, dbKey: Buffer, userName: string): { db: Db; header: Header; name: string } {
  const header = settleDatabaseFile(dir, readHeader(dir));
  let db: Db;
  try {
    db = openDatabase(databasePath(dir), dbKey);
  } catch (error) {
    if (error instanceof AppError && error.code === 'auth_failed') throw new AppError('auth_failed', 'That recovery key does not open this vault. Nothing was changed.');
    throw error;
  }
  try {
    migrate(db);
    const verified = verifyGrantChain(db, header);
    if (verified !== null) checkUsersAgainstGrants(db, header, verified);
    const manager = verified?.get(userName.normalize('NFC').toLowerCase());
    const slot = findSlot(header, userName);
    if (verified === null || manager?.role !== 'program_manager' || slot === undefined) {
      throw new AppError('not_found', `${userName} is not a program manager of this vault: the recovery key can only set a new passphrase for an existing program manager. Nothing was changed.`);
    }
    return { db, header, name: manager.name };
  } catch (error) {
    db.close();
    throw damagedDatabase(error) ?? error;
  }
}

/**
 * Sets a new passphrase for a program manager with the recovery key (the
 * database key). The master key cannot be had from the database key, so a new
 * one wraps the same database key and is sealed to every user's public key and
 * to the manager's new key pair; the database file is not re-encrypted. The
 * manager's new signing key gets a grant marked as made with the recovery key
 * (self-signed, same user, same role: grants.ts accepts nothing else), and the
 * audit log records the reset with its reason. The manager's old passphrase no
 * longer unlocks, and every program manager is told at unlock.
 */
export async function recoverManager(
  dir: string,
  input: { recoveryKey: string; userName: string; passphrase: string; reason: string },
  options: VaultOptions,
): Promise<{ user: string }> {
  if (!vaultExists(dir)) throw new AppError('not_found', `No vault at ${dir}.`);
  const dbKey = parseRecoveryKey(input.recoveryKey);
  const newMaster = randomBytes(32);
  try {
    // The key and the name are checked before the slow key derivation.
    const first = withHeaderLock(dir, () => recoveryTarget(dir, dbKey, input.userName));
    first.db.close();
    requirePassphraseStrength(input.passphrase, first.name);
    const created = await newUserSlot(first.header.vaultId, first.name, input.passphrase, newMaster, options.kdf ?? 'default');
    created.keys.masterKey.fill(0);
    withHeaderLock(dir, () => {
      // Read again under the lock: anything that changed during the key derivation is kept.
      const { db, header, name } = recoveryTarget(dir, dbKey, input.userName);
      try {
        const legacy = header.slots.filter((s) => !isUserSlot(s)).map((s) => s.user);
        if (legacy.length > 0) {
          throw new AppError('conflict', `The recovery key cannot be used until ${legacy.join(', ')} ${legacy.length === 1 ? 'has' : 'have'} unlocked the vault once with this version of Offramp. Nothing was changed.`);
        }
        const fold = (n: string) => n.normalize('NFC').toLowerCase();
        const slots = header.slots.filter(isUserSlot).map((s) => (fold(s.user) === fold(name) ? created.slot : { ...s, master: sealMasterKey(header.vaultId, s, newMaster) }));
        const { pendingDbKey: _old, ...base } = header;
        const at = options.now();
        // The grant and the audit event commit only once the header that needs them is written.
        immediateTransaction(db, () => {
          appendGrant(db, header.vaultId, { kind: 'grant', userName: name, role: 'program_manager', userKey: created.slot.signingPublicKey, grantedBy: RECOVERY_GRANTOR }, created.keys.signingKey, at);
          appendAudit(db, { actor: RECOVERY_GRANTOR, action: 'vault.recovered', detail: { user: name, reason: input.reason } }, at);
          writeHeader(dir, { ...base, version: 2, generation: (header.generation ?? 0) + 1, dbKey: sealDbKey(newMaster, dbKey, header.vaultId), slots });
        });
      } finally {
        db.close();
      }
    });
    return { user: first.name };
  } finally {
    dbKey.fill(0);
    newMaster.fill(0);
  }
}

/** The permission map's manager-only vault operations (shared/security/permissions.ts); a refusal is audited. */
export function requireManager(session: VaultSession, operation = 'vault.manage'): void {
  if (session.user.role !== 'program_manager') {
    appendAudit(session.db, { actor: session.user.name, action: 'access.denied', detail: { operation, relation: 'none' } }, new Date());
    throw new AppError('forbidden', 'Only a program manager can do this. Nothing was changed.');
  }
  verifyManagerGrant(session);
}

/** Opens the signed-in user's own slot with a passphrase they typed again; auth_failed when it is wrong. */
async function confirmPassphrase(session: VaultSession, passphrase: string, message: string): Promise<{ slot: UserSlot; keys: UserKeys }> {
  const header = readHeader(session.dir);
  const slot = findSlot(header, session.user.name);
  const opened = slot === undefined ? null : await openSlot(header.vaultId, slot, passphrase);
  if (slot === undefined || opened === null) throw new AppError('auth_failed', message);
  opened.masterKey.fill(0);
  if (!isUserSlot(slot) || opened.keys === null) throw new AppError('conflict', 'Lock the vault and unlock it again first (your keyslot is from an older version).');
  return { slot, keys: opened.keys };
}

export async function changePassphrase(session: VaultSession, current: string, next: string, options: VaultOptions): Promise<void> {
  const { slot, keys } = await confirmPassphrase(session, current, 'The current passphrase is wrong.');
  try {
    requirePassphraseStrength(next, session.user.name);
    const replacement = await rewrapUserSlot(session.vaultId, slot, keys, next, options.kdf ?? 'default');
    withHeaderLock(session.dir, () => {
      // Read again under the lock: the key derivation took long, and any other
      // change since (a failed unlock recorded, a rekey) must be kept.
      const latest = readHeader(session.dir);
      const now = findSlot(latest, session.user.name);
      if (now === undefined || !isUserSlot(now) || now.publicKey !== slot.publicKey) {
        throw new AppError('conflict', "Your keyslot changed while the new passphrase was being applied. Nothing was changed; try again.");
      }
      writeHeader(session.dir, { ...latest, slots: latest.slots.map((s) => (s === now ? { ...replacement, master: now.master } : s)) });
      appendAudit(session.db, { actor: session.user.name, action: 'user.passphrase_changed', detail: { user: session.user.name } }, options.now());
    });
  } finally {
    keys.masterKey.fill(0);
  }
}

export async function addUser(session: VaultSession, input: { name: string; role: Role; passphrase: string }, options: VaultOptions): Promise<{ name: string; role: Role; createdAt: string }> {
  requireManager(session, 'vault.addUser');
  const taken = (header: Header) => currentUserExists(session.db, input.name) || findSlot(header, input.name) !== undefined;
  if (taken(readHeader(session.dir))) throw new AppError('conflict', `A user named ${input.name} already exists.`);
  requirePassphraseStrength(input.passphrase, input.name);
  const created = await newUserSlot(session.vaultId, input.name, input.passphrase, session.masterKey, options.kdf ?? 'default');
  created.keys.masterKey.fill(0);
  const createdAt = options.now().toISOString();
  withHeaderLock(session.dir, () => {
    // Read again under the lock: a rekey during the key derivation changed the
    // master key, so it is sealed to the new user only now.
    const latest = readHeader(session.dir);
    requireCurrentGeneration(session, latest);
    if (taken(latest)) throw new AppError('conflict', `A user named ${input.name} already exists.`);
    const slot: UserSlot = { ...created.slot, master: sealMasterKey(latest.vaultId, created.slot, session.masterKey) };
    session.db.transaction(() => {
      deleteRemovedUser(session.db, input.name);
      insertUser(session.db, { name: input.name, role: input.role, createdAt });
      if (latest.creatorSigningKey !== undefined) {
        appendGrant(
          session.db,
          session.vaultId,
          { kind: 'grant', userName: input.name, role: input.role, userKey: slot.signingPublicKey, grantedBy: session.user.name },
          sessionSigningKey(session),
          options.now(),
        );
      }
      appendAudit(session.db, { actor: session.user.name, action: 'user.add', detail: { user: input.name, role: input.role } }, options.now());
      settleHubKeyFor(session, session.db, [...latest.slots, slot], options.now());
    })();
    writeHeader(session.dir, { ...latest, slots: [...latest.slots, slot] });
  });
  return { name: input.name, role: input.role, createdAt };
}

/**
 * Removes a user: their keyslot goes, and the master key and the database key
 * are replaced (as by a rekey), so nothing the removed user kept opens the vault
 * as it now is. Returns the new recovery key (shown once).
 */
export function removeUser(session: VaultSession, name: string, options: VaultOptions, reason?: string): string {
  requireManager(session, 'vault.removeUser');
  const row = currentUserNamed(session.db, name);
  if (row === undefined) throw new AppError('not_found', `There is no user named ${name}.`);
  // The last-manager rule comes first: only a manager may remove users, so the
  // last manager can only ever be removing themselves, and they must hear why.
  if (row.role === 'program_manager') {
    if (countManagers(session.db) <= 1) throw new AppError('conflict', 'The last program manager cannot be removed.');
  }
  if (row.name.toLowerCase() === session.user.name.toLowerCase()) throw new AppError('conflict', 'You cannot remove yourself.');
  return rotateKeys(session, options, row.name, reason);
}

/** Rotates the master key and the database key; returns the new recovery key (shown once). */
export async function rekeyVault(session: VaultSession, passphrase: string, options: VaultOptions, reason?: string): Promise<string> {
  requireManager(session, 'vault.rekey');
  const { keys } = await confirmPassphrase(session, passphrase, 'Wrong passphrase.');
  keys.masterKey.fill(0);
  return rotateKeys(session, options, null, reason);
}

/**
 * A new master key and a new database key, crash-safe at every point. Under the
 * header lock, and holding the database's write lock so nothing commits between
 * the copy and the switch:
 *  1. VACUUM INTO offramp-next.db (same key), re-encrypt that copy under the new
 *     database key, write the rekey's own audit event (and a removal) into it,
 *     fsync the file and the folder. The current vault is not touched.
 *  2. Commit point: the header, naming offramp-next.db, with the new database
 *     key under the new master key sealed to every remaining user's public key
 *     (temp file, fsync, rename, fsync of the folder).
 *  3. Rename offramp-next.db to offramp.db (the old file's WAL removed first) and
 *     settle the header.
 * A crash before 2 leaves the old header and the old file (the copy is removed at
 * the next open); after 2, the next open finishes 3. So at every instant exactly
 * one (header, file) pair opens, with every remaining user's passphrase.
 */
function rotateKeys(session: VaultSession, options: VaultOptions, removal: string | null, reason: string | undefined): string {
  const why: Record<string, string> = reason === undefined ? {} : { reason };
  const internal = sessionInternals(session);
  return withHeaderLock(session.dir, () => {
    const dir = session.dir;
    const header = readHeader(dir);
    requireCurrentGeneration(session, header);
    const remaining = header.slots.filter((s) => removal === null || s.user.normalize('NFC').toLowerCase() !== removal.normalize('NFC').toLowerCase());
    const legacy = remaining.filter((s) => !isUserSlot(s)).map((s) => s.user);
    if (legacy.length > 0) {
      throw new AppError(
        'conflict',
        `The vault's keys cannot be replaced until ${legacy.join(', ')} ${legacy.length === 1 ? 'has' : 'have'} unlocked it once with this version of Offramp (their keyslot is from an older version). Nothing was changed.`,
      );
    }
    const sealedTo = remaining.filter(isUserSlot);
    const oldDbKey = unwrapDbKey(header, header.dbKey, session.masterKey);
    const newMaster = randomBytes(32);
    const newDbKey = randomBytes(32);
    const next = join(dir, NEXT_DATABASE_FILE);
    let guard: Db | null = null;
    try {
      let committed: Header;
      try {
        removeDatabaseFiles(next);
        guard = openDatabase(databasePath(dir), oldDbKey);
        holdWriteLock(guard);
        vacuumInto(session.db, next);
        const at = options.now();
        reencryptCopy(next, oldDbKey, newDbKey, (copy) => {
          if (removal === null) {
            appendAudit(copy, { actor: session.user.name, action: 'vault.rekey', detail: why }, at);
          } else {
            markUserRemoved(copy, removal, at.toISOString());
            if (header.creatorSigningKey !== undefined) {
              const removed = header.slots.find((s) => s.user.normalize('NFC').toLowerCase() === removal.normalize('NFC').toLowerCase());
              appendGrant(
                copy,
                header.vaultId,
                { kind: 'removal', userName: removal, role: null, userKey: removed !== undefined && isUserSlot(removed) ? removed.signingPublicKey : '', grantedBy: session.user.name },
                internal.keys.signingKey,
                at,
              );
            }
            appendAudit(copy, { actor: session.user.name, action: 'user.remove', detail: { user: removal, keysReplaced: true, ...why } }, at);
            settleHubKeyFor(session, copy, sealedTo, at);
          }
        });
        syncFolder(dir);
        const { pendingDbKey: _old, ...base } = header;
        committed = {
          ...base,
          version: 2,
          generation: (header.generation ?? 0) + 1,
          database: NEXT_DATABASE_FILE,
          dbKey: sealDbKey(newMaster, newDbKey, header.vaultId),
          slots: sealedTo.map((s) => ({ ...s, master: sealMasterKey(header.vaultId, s, newMaster) })),
        };
        writeHeader(dir, committed);
      } catch (error) {
        try {
          if (guard !== null) releaseWriteLock(guard);
          guard?.close();
        } finally {
          removeDatabaseFiles(next);
        }
        throw damagedDatabase(error) ?? error;
      }
      // Committed. Close every connection to the old file before its name is
      // reused, then switch this session to the new file.
      if (guard !== null) releaseWriteLock(guard);
      guard?.close();
      session.db.close();
      const settled = settleDatabaseFile(dir, committed);
      internal.replaceDatabase(openDatabase(databasePath(dir), newDbKey));
      generations.set(session, settled.generation ?? 0);
      const ino = fileId(databasePath(dir));
      if (ino !== null) databaseFiles.set(session, ino);
      session.masterKey.set(newMaster);
      internal.keys.masterKey.set(newMaster);
      return formatRecoveryKey(newDbKey);
    } finally {
      oldDbKey.fill(0);
      newMaster.fill(0);
      newDbKey.fill(0);
    }
  });
}

/** The database key wrapped in a keyslot header, unwrapped with the vault's master key (backup, restore). */
export function unwrapDatabaseKey(header: Header, masterKey: Buffer): Buffer {
  return unwrapDbKey(header, header.dbKey, masterKey);
}

/** The database key of an unlocked vault. The caller zeroes it when done. */
export function sessionDatabaseKey(session: VaultSession): Buffer {
  const header = readHeader(session.dir);
  requireCurrentGeneration(session, header);
  return unwrapDbKey(header, header.dbKey, session.masterKey);
}

/** The users whose keyslot is still from an older version (they have not unlocked since the upgrade). */
export function legacySlotUsers(header: Header): string[] {
  return header.slots.filter((s: KeySlot) => !isUserSlot(s)).map((s) => s.user);
}

/**
 * Changes a user's role: a program manager signs a new grant for it. The last
 * program manager cannot give up the role.
 */
export function changeUserRole(session: VaultSession, name: string, role: Role, options: VaultOptions): { name: string; role: Role } {
  requireManager(session);
  const row = currentUserNamed(session.db, name);
  if (row === undefined) throw new AppError('not_found', `There is no user named ${name}.`);
  if (row.role === role) throw new AppError('conflict', `${row.name} already has that role.`);
  if (row.role === 'program_manager') {
    if (countManagers(session.db) <= 1) throw new AppError('conflict', 'The last program manager cannot give up the role.');
  }
  const header = readHeader(session.dir);
  const slot = findSlot(header, row.name);
  if (header.creatorSigningKey !== undefined && (slot === undefined || !isUserSlot(slot))) {
    throw new AppError('conflict', `${row.name} must unlock the vault once with this version of Offramp before their role can change. Nothing was changed.`);
  }
  const at = options.now();
  session.db.transaction(() => {
    setUserRole(session.db, row.name, role);
    if (header.creatorSigningKey !== undefined && slot !== undefined && isUserSlot(slot)) {
      appendGrant(session.db, session.vaultId, { kind: 'grant', userName: row.name, role, userKey: slot.signingPublicKey, grantedBy: session.user.name }, sessionSigningKey(session), at);
    }
    appendAudit(session.db, { actor: session.user.name, action: 'user.role_changed', detail: { user: row.name, from: row.role, to: role } }, at);
    settleHubKeyFor(session, session.db, header.slots, at);
  })();
  return { name: row.name, role };
}
