import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { RestoreCredentials, RestoreResult } from '../../../shared/contract/records';
import { storeOf } from '../data';
import { caseEventsOf } from '../data/auditLog';
import { countCases } from '../data/cases';
import { checkpointTruncate } from '../data/disposal';
import { findCurrentUserNoCase } from '../data/users';
import { appendAudit } from '../vault/audit';
import { DATABASE_FILE, openDatabase, type Db } from '../vault/database';
import { findSlot, HEADER_FILE, headerSchema, readHeader, unwrapKey, vaultExists, type Header } from '../vault/keyslots';
import { LATEST_VERSION, migrate, VaultTooNewError } from '../vault/migrations';
import { parseRecoveryKey, unwrapDatabaseKey } from '../vault/vault';
import { checkBackupDatabase } from './backup';
import { asIoError, copyFileHashed, hashFile, nodeBackupFs, readSmallFile, type BackupFs } from './backupFs';
import { BACKUP_DB_FILE, BACKUP_HEADER_FILE, compareVersions, fileEntry, manifestMacValid, MANIFEST_FILE, MAX_SMALL_FILE, parseManifest, type Manifest } from './backupManifest';
import { DISPOSE_ACTION, DISPOSE_REAPPLIED_ACTION, reapplyDisposition } from './retention';

/**
 * Restores a backup folder into a vault folder. Everything is checked before
 * the current vault is touched: versions, every file's size and SHA-256, the
 * credentials, the manifest's MAC; then the files are copied to a staging
 * folder beside the target, opened, integrity-checked, audit-verified and
 * migrated forward there. Only then is the staging folder renamed into place
 * (the replaced vault first moved aside, then removed). The restored vault is
 * left closed; its users unlock it as usual.
 */
export interface RestoreRequest {
  from: string;
  target: string;
  /** Allow replacing an existing vault at target (an explicit confirmation). */
  replace: boolean;
  /** Why an existing vault is replaced; kept on the restore's audit event in the restored vault. */
  reason?: string;
  credentials: RestoreCredentials;
  appVersion: string;
  now: () => Date;
  fs?: BackupFs;
  /**
   * The database of the vault being replaced, when it is open (the app's
   * session): dispositions it recorded are carried into the restored vault.
   * Without it, the target vault is opened with the same credentials if it can be.
   */
  current?: Db;
  /** Called after every check passed, just before the swap (the app closes its session here). */
  beforeSwap?: () => void;
}

const RECOVERY_ACTOR = '(recovery key)';

export async function restoreBackup(request: RestoreRequest): Promise<RestoreResult> {
  const fs = request.fs ?? nodeBackupFs;
  const from = resolve(request.from);
  const target = resolve(request.target);
  const unchanged = 'The current vault was not changed.';
  if (!(await fs.isDirectory(from))) throw new AppError('not_found', `There is no backup folder at ${from}.`);
  const where = basename(from);
  const manifest = parseManifest(await readOrIntegrity(fs, join(from, MANIFEST_FILE), where), where);
  if (manifest.schemaVersion > LATEST_VERSION) throw new VaultTooNewError(manifest.schemaVersion, LATEST_VERSION);
  if (compareVersions(manifest.appVersion, request.appVersion) > 0) {
    throw new AppError('conflict', `This backup was written by a newer version of Offramp (${manifest.appVersion}; this is ${request.appVersion}). Update Offramp to restore it. ${unchanged}`);
  }
  checkTarget(target, request.replace);
  await checkFiles(fs, from, manifest, where);
  const header = parseHeader(await readSmallFile(fs, join(from, BACKUP_HEADER_FILE), MAX_SMALL_FILE), where);
  if (header.vaultId !== manifest.vaultId) throw new AppError('integrity', `The backup ${where} is damaged: its keyslot file belongs to another vault. ${unchanged}`);
  const { dbKey, actor } = await authenticate(header, request.credentials);
  try {
    if (actor === RECOVERY_ACTOR) checkKeyOpens(join(from, BACKUP_DB_FILE), dbKey);
    if (!manifestMacValid(manifest, dbKey)) throw new AppError('integrity', `The manifest of ${where} does not belong to its database (altered or swapped). ${unchanged}`);
    const parent = dirname(target);
    mkdirSync(parent, { recursive: true, mode: 0o700 });
    // The process id lets a later open tell a killed restore's leftover from a running one (vault/strayCopies.ts).
    const staging = join(parent, `.${basename(target)}.restore-${process.pid}-${randomUUID().slice(0, 8)}`);
    try {
      const result = await stageAndCheck(fs, from, staging, manifest, dbKey, actor, request);
      request.beforeSwap?.();
      await swapIntoPlace(fs, staging, target);
      return { ...result, vaultDir: target };
    } catch (error) {
      await fs.rm(staging).catch(() => undefined);
      if (error instanceof AppError) throw error;
      throw asIoError(error, 'Restoring the backup', unchanged);
    }
  } finally {
    dbKey.fill(0);
  }
}

async function readOrIntegrity(fs: BackupFs, path: string, where: string): Promise<Buffer> {
  try {
    return await readSmallFile(fs, path, MAX_SMALL_FILE);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') throw new AppError('invalid_input', `${where} is not an Offramp backup (it has no ${MANIFEST_FILE}).`);
    throw error;
  }
}

function checkTarget(target: string, replace: boolean): void {
  let entries: string[];
  try {
    entries = readdirSync(target);
  } catch {
    return; // does not exist yet
  }
  if (entries.length === 0) return;
  if (!vaultExists(target)) throw new AppError('conflict', `${target} is not empty and holds no vault; restore into a new or empty folder.`);
  if (!replace) throw new AppError('conflict', `${target} already holds a vault. Restore into a new folder, or confirm replacing that vault.`);
}

async function checkFiles(fs: BackupFs, from: string, manifest: Manifest, where: string): Promise<void> {
  for (const name of [BACKUP_DB_FILE, BACKUP_HEADER_FILE] as const) {
    const entry = fileEntry(manifest, name);
    const size = await fs.size(join(from, name));
    if (size === null) throw new AppError('integrity', `The backup ${where} is incomplete: ${name} is missing. The current vault was not changed.`);
    if (size !== entry.size) {
      throw new AppError('integrity', `The backup ${where} is damaged: ${name} is ${size} bytes, the manifest says ${entry.size} (truncated or altered). The current vault was not changed.`);
    }
    const read = await hashFile(fs, join(from, name));
    if (read.sha256 !== entry.sha256) throw new AppError('integrity', `The backup ${where} is damaged: ${name} does not match its SHA-256. The current vault was not changed.`);
  }
}

function parseHeader(bytes: Buffer, where: string): Header {
  try {
    return headerSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw new AppError('integrity', `The keyslot file of ${where} is damaged. The current vault was not changed.`);
  }
}

/** The backup's database key, from a user's passphrase (any slot, or the named user's) or the recovery key. */
async function authenticate(header: Header, credentials: RestoreCredentials): Promise<{ dbKey: Buffer; actor: string }> {
  if ('recoveryKey' in credentials) return { dbKey: parseRecoveryKey(credentials.recoveryKey), actor: RECOVERY_ACTOR };
  const named = credentials.userName === undefined ? header.slots : [findSlot(header, credentials.userName)].filter((s) => s !== undefined);
  for (const slot of named) {
    const masterKey = await unwrapKey(header.vaultId, slot, credentials.passphrase);
    if (masterKey === null) continue;
    try {
      return { dbKey: unwrapDatabaseKey(header, masterKey), actor: slot.user };
    } finally {
      masterKey.fill(0);
    }
  }
  throw new AppError('auth_failed', 'Wrong user name or passphrase for this backup. The current vault was not changed.');
}

/** A recovery key that does not open the (intact, hash-checked) database is the wrong key, not damage. */
function checkKeyOpens(path: string, dbKey: Buffer): void {
  try {
    openDatabase(path, dbKey, { readonly: true }).close();
  } catch {
    throw new AppError('auth_failed', 'The recovery key does not open this backup. The current vault was not changed.');
  }
}

type StagedResult = Omit<RestoreResult, 'vaultDir'>;

async function stageAndCheck(fs: BackupFs, from: string, staging: string, manifest: Manifest, dbKey: Buffer, actor: string, request: RestoreRequest): Promise<StagedResult> {
  const where = basename(from);
  await fs.mkdir(staging);
  // Copy, then check the copy: what is verified is exactly what will be put in place.
  const db = await copyFileHashed(fs, join(from, BACKUP_DB_FILE), join(staging, DATABASE_FILE));
  const header = await copyFileHashed(fs, join(from, BACKUP_HEADER_FILE), join(staging, HEADER_FILE));
  if (db.sha256 !== fileEntry(manifest, BACKUP_DB_FILE).sha256 || header.sha256 !== fileEntry(manifest, BACKUP_HEADER_FILE).sha256) {
    throw new AppError('integrity', `The backup ${where} changed while it was being read. The current vault was not changed.`);
  }
  const dispositions = await readDispositions(request, manifest.vaultId, dbKey);
  let restored: Db;
  try {
    restored = openDatabase(join(staging, DATABASE_FILE), dbKey);
  } catch (error) {
    if (error instanceof AppError && error.code === 'auth_failed') throw new AppError('auth_failed', 'The recovery key does not open this backup. The current vault was not changed.');
    throw new AppError('integrity', `The database of ${where} does not open. The current vault was not changed.`);
  }
  try {
    checkBackupDatabase(restored, manifest, where, ' The current vault was not changed.');
    const store = storeOf({ db: restored });
    if (actor !== RECOVERY_ACTOR) {
      const user = await findCurrentUserNoCase(store.q, actor);
      if (user === null) throw new AppError('auth_failed', 'That user was removed from the vault before this backup. The current vault was not changed.');
      // The permission map's 'vault.restore': program managers only.
      if (user.role !== 'program_manager') throw new AppError('forbidden', `Only a program manager can restore the vault; ${actor} is not one in this backup. The current vault was not changed.`);
    }
    const { from: schemaFrom, to: schemaTo } = migrate(restored);
    const now = request.now();
    let reapplied = 0;
    await store.transaction(async (tx) => {
      for (const d of dispositions.events) if (await reapplyDisposition(restored, tx, actor, d.caseId, d, now)) reapplied += 1;
      appendAudit(
        restored,
        {
          actor,
          action: 'vault.restore',
          detail: {
            backup: where,
            backupCreatedAt: manifest.createdAt,
            backupAuditSeq: manifest.audit.seq,
            schemaFrom,
            schemaTo,
            replaced: request.replace,
            dispositionsReapplied: reapplied,
            ...(request.reason === undefined ? {} : { reason: request.reason }),
          },
        },
        now,
      );
    });
    const cases = await countCases(store.q);
    checkpointTruncate(restored);
    return {
      backupName: where,
      backupCreatedAt: manifest.createdAt,
      schemaFrom,
      schemaTo,
      cases,
      dispositionsChecked: dispositions.checked,
      dispositionsReapplied: reapplied,
      replaced: vaultExists(request.target),
    };
  } finally {
    restored.close();
    await fs.syncDir(staging);
  }
}

interface Dispositions {
  checked: boolean;
  events: { caseId: string; seq: number; detail: string }[];
}

/**
 * Dispositions recorded by the vault about to be replaced (the same vault,
 * later than the backup): a restore must not bring disposed cases back.
 */
async function readDispositions(request: RestoreRequest, vaultId: string, backupKey: Buffer): Promise<Dispositions> {
  const target = resolve(request.target);
  if (!vaultExists(target)) return { checked: false, events: [] };
  let header: Header;
  try {
    header = readHeader(target);
  } catch {
    return { checked: false, events: [] };
  }
  if (header.vaultId !== vaultId) return { checked: false, events: [] };
  const read = async (db: Db): Promise<Dispositions> => ({ checked: true, events: await caseEventsOf(storeOf({ db }).q, [DISPOSE_ACTION, DISPOSE_REAPPLIED_ACTION]) });
  if (request.current !== undefined) return read(request.current);
  // The same vault: usually the same database key; if it was rotated since the
  // backup, the same user's passphrase still opens the current keyslots.
  const keys: Buffer[] = [Buffer.from(backupKey)];
  const credentials = request.credentials;
  if ('passphrase' in credentials) {
    try {
      keys.push((await authenticate(header, credentials)).dbKey);
    } catch {
      // Not a user of the current vault: only the backup's key is tried.
    }
  }
  try {
    for (const key of keys) {
      let db: Db | null = null;
      try {
        db = openDatabase(join(target, DATABASE_FILE), key);
        return await read(db);
      } catch {
        // Try the next key; a damaged current vault is why many restores happen.
      } finally {
        db?.close();
      }
    }
    return { checked: false, events: [] };
  } finally {
    for (const key of keys) key.fill(0);
  }
}

/** Puts the staged vault in place; an existing vault is moved aside first and removed only after. */
async function swapIntoPlace(fs: BackupFs, staging: string, target: string): Promise<void> {
  const parent = dirname(target);
  if (!vaultExists(target)) {
    await fs.rm(target); // an empty folder, if any
    await fs.rename(staging, target);
    await fs.syncDir(parent);
    return;
  }
  const aside = join(parent, `.${basename(target)}.replaced-${randomUUID().slice(0, 8)}`);
  await fs.rename(target, aside);
  try {
    await fs.rename(staging, target);
  } catch (error) {
    await fs.rename(aside, target);
    throw error;
  }
  await fs.syncDir(parent);
  await fs.rm(aside);
}
