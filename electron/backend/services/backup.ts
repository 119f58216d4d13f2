import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { AppError } from '../../../shared/contract';
import type { BackupResult, BackupStatus } from '../../../shared/contract/records';
import { appendAudit, verifyAudit } from '../vault/audit';
import { damagedDatabase, integrityProblems, openDatabase, type Db } from '../vault/database';
import { verifyAuditIncremental } from '../vault/auditMark';
import { headerPath, headerSchema, withHeaderLock } from '../vault/keyslots';
import { checkVaultFile, VAULT_PAGE_SIZE } from '../vault/pageCheck';
import { beginRead, caseCount, databaseBytes, endRead, lastAuditEvent, vacuumInto } from '../data/backupSnapshot';
import { checkpointLog } from '../data/sqlcipher';
import { schemaVersion } from '../vault/migrations';
import { getSetting, setSetting } from '../vault/settings';
import { asIoError, hashFile, nodeBackupFs, readSmallFile, sameBytes, writeNewFile, type BackupFs } from './backupFs';
import { makePrivateStaging, processAlive, removeStaleStaging } from '../vault/strayCopies';
import type { SigningKey } from '../packets/signing';
import { ANCHOR_FORMAT, anchorSignatureValid, parseAnchor, signAnchor } from '../vault/anchor';
import {
  BACKUP_ANCHOR_FILE,
  BACKUP_DB_FILE,
  BACKUP_HEADER_FILE,
  MANIFEST_FILE,
  MAX_SMALL_FILE,
  fileEntry,
  manifestMacValid,
  parseManifest,
  sealManifest,
  type Manifest,
  type ManifestBody,
} from './backupManifest';

/**
 * A backup is a folder on the chosen volume:
 *
 *   offramp-backup-<first 8 of vault id>-<YYYYMMDDTHHMMSSZ>/
 *     offramp.db      a consistent snapshot of the database (SQLCipher 4, same key)
 *     keyslots.json   the keyslot header as it was at the snapshot
 *     anchor.json     a signed audit anchor of the snapshot's head (vault/anchor.ts)
 *     backup.json     the manifest: versions, sizes, SHA-256s, MAC
 *
 * The snapshot is the vault file's own encrypted bytes, copied while a read
 * transaction pins them (see takeSnapshot): nothing is decrypted or
 * re-encrypted, and the file system copies it (copy_file_range where it can,
 * through an injectable BackupFs), so the copy runs at the disk's speed. Only when another
 * program wrote between the checkpoint and the read does it fall back to a
 * vacuumed copy (SQLite's vacuum into) in a private (0700) staging folder in
 * the system's temporary folder, never beside the vault. The folder is written under a temporary name
 * (`.<name>.<pid>.partial`), fsynced, renamed, then read back and checked
 * before success is reported. While the copy runs, worker threads check every
 * page's HMAC of the pinned snapshot (vault/pageCheck.ts, nothing decrypted)
 * and its SHA-256 is taken; the read-back compares the database as read from
 * the medium with the snapshot byte for byte (and every other file with its
 * SHA-256), so the backup is byte for byte a file whose every page
 * authenticates under the vault key. Then the copy is opened
 * with the key and the audit chain checked from its signed verified-up-to mark.
 * The structural check (integrity_check, which decrypts every page) and the
 * whole audit walk are `fullCheck`'s, `offramp vault check`'s and restore's: a
 * copy of authenticated bytes cannot change the structure SQLite wrote.
 * What a killed backup leaves is removed later: the staging folder when a vault
 * is opened or the next backup starts (vault/strayCopies.ts), partial folders on
 * the medium by the next backup to it.
 */
export type BackupPhase = 'snapshot' | 'copy' | 'verify' | 'done';

export interface BackupProgress {
  phase: BackupPhase;
  /** Bytes handled in this phase so far, and in all. */
  done: number;
  total: number;
}

export interface BackupSource {
  /** The live vault's connection (no transaction open). */
  db: Db;
  vaultDir: string;
  dbKey: Buffer;
  actor: string;
  /** The actor's own signing key: it signs the backup's audit anchor. */
  signer: SigningKey;
}

export interface BackupOptions {
  /** The folder (e.g. a removable volume) the backup folder is written into. */
  targetDir: string;
  appVersion: string;
  now: () => Date;
  fs?: BackupFs;
  progress?: (progress: BackupProgress) => void;
  /**
   * Check the written copy with a full integrity_check and a whole audit walk.
   * Without it, the pages authenticated during the copy and the hash read back
   * stand for the file, and the audit check continues from the copy's signed
   * verified-up-to mark (auditMark.ts).
   */
  fullCheck?: boolean;
}

export const DEFAULT_BACKUP_REMINDER_DAYS = 7;
const SETTING_LAST_VERIFIED = 'backup_last_verified_at';
const SETTING_LAST_NAME = 'backup_last_name';
const SETTING_REMINDER_DAYS = 'backup_reminder_days';

/** Room for the manifest and folder entries beyond the two files. */
const SPACE_MARGIN = 256 * 1024;

function stampOf(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

interface Snapshot {
  path: string;
  size: number;
  schemaVersion: number;
  cases: number;
  audit: { seq: number; hash: string };
  header: Buffer;
  /** Ends the snapshot: closes its reader, or removes its staging copy. */
  release: () => void;
}

/** What the backup claims about the database, read inside the snapshot's read transaction. */
function describe(db: Db): Pick<Snapshot, 'size' | 'schemaVersion' | 'cases' | 'audit'> {
  const last = lastAuditEvent(db);
  return { size: databaseBytes(db), schemaVersion: schemaVersion(db), cases: caseCount(db), audit: { seq: last?.seq ?? 0, hash: last?.hash ?? '' } };
}

/**
 * The snapshot is the vault file itself, copied as it is on disk (already
 * encrypted: nothing is decrypted or re-encrypted on the way). A checkpoint
 * (TRUNCATE) first moves every committed page into the file and empties the
 * WAL; then a second connection begins a read transaction and reads, which
 * pins its snapshot. While that reader lives, SQLite's checkpoints stop at the
 * reader's end mark (https://sqlite.org/wal.html, "Concurrency"), so later
 * commits stay in the WAL and the file's bytes stay the snapshot's until the
 * reader ends. The WAL being empty once the read began proves the reader's
 * snapshot is the file alone; when another program wrote in between, the
 * backup falls back to a vacuumed copy in private staging.
 */
function takeSnapshot(source: BackupSource): Snapshot {
  const live = source.db.name;
  let reader: Db | null = null;
  try {
    reader = openDatabase(live, source.dbKey, { readonly: true });
    const pinned = reader;
    const snapshot = withHeaderLock(source.vaultDir, () => {
      checkpointLog(source.db, 'TRUNCATE');
      beginRead(pinned);
      const facts = describe(pinned);
      if (walBytes(live) !== 0 || fileBytes(live) !== facts.size) {
        endRead(pinned);
        return null;
      }
      return { ...facts, path: live, header: readHeaderBytes(source.vaultDir) };
    });
    if (snapshot !== null) {
      return {
        ...snapshot,
        release: () => {
          pinned.close();
        },
      };
    }
    reader.close();
  } catch (error) {
    reader?.close();
    throw damagedDatabase(error) ?? asIoError(error, 'Taking a snapshot of the vault', 'No backup was written.');
  }
  return takeVacuumSnapshot(source);
}

function walBytes(dbPath: string): number {
  try {
    return statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
}

function fileBytes(path: string): number {
  return statSync(path).size;
}

/** A vacuumed copy in a private staging folder, and read what the backup will claim about it. */
function takeVacuumSnapshot(source: BackupSource): Snapshot {
  let path = '';
  try {
    path = join(makePrivateStaging(), `snapshot-${randomUUID()}.db`);
    // Snapshot and header under the header lock: a rekey or user change in this or
    // any other process holds it across its switch, so the two always belong together.
    const header = withHeaderLock(source.vaultDir, () => {
      vacuumInto(source.db, path);
      return readHeaderBytes(source.vaultDir);
    });
    const copy = openDatabase(path, source.dbKey, { readonly: true });
    try {
      const staged = path;
      return { ...describe(copy), path, header, release: () => removeStaging(staged) };
    } finally {
      copy.close();
    }
  } catch (error) {
    removeStaging(path);
    throw asIoError(error, 'Taking a snapshot of the vault', 'No backup was written.');
  }
}

function readHeaderBytes(vaultDir: string): Buffer {
  // Synchronous on purpose (see takeSnapshot); the header is a few kilobytes.
  return readFileSync(headerPath(vaultDir));
}

function removeStaging(path: string): void {
  if (path === '') return;
  rmSync(dirname(path), { recursive: true, force: true });
}

/** A partial backup folder: `.<backup name>.<pid>.partial` (older versions: `.<backup name>.partial`). */
const PARTIAL = /^\.offramp-backup-[A-Za-z0-9-]+?(?:\.(\d+))?\.partial$/;

function partialName(name: string): string {
  return `.${name}.${process.pid}.partial`;
}

/** Removes partial backup folders a killed backup left on the medium (not those of a backup still running). */
async function removeLeftPartials(fs: BackupFs, targetDir: string): Promise<void> {
  for (const entry of await fs.readdir(targetDir)) {
    const match = entry.match(PARTIAL);
    if (match === null || (match[1] !== undefined && processAlive(Number(match[1])))) continue;
    await fs.rm(join(targetDir, entry));
  }
}

async function chooseName(fs: BackupFs, targetDir: string, base: string): Promise<string> {
  for (let i = 1; i < 100; i++) {
    const name = i === 1 ? base : `${base}-${i}`;
    if ((await fs.size(join(targetDir, name))) === null && (await fs.size(join(targetDir, partialName(name)))) === null) return name;
  }
  throw new AppError('conflict', `${targetDir} already holds backups named ${base}.`);
}

/** Writes, verifies and records one backup of the vault. */
export async function createBackup(source: BackupSource, options: BackupOptions): Promise<BackupResult> {
  const fs = options.fs ?? nodeBackupFs;
  const progress = options.progress ?? (() => undefined);
  const targetDir = resolve(options.targetDir);
  try {
    const vaultDir = resolve(source.vaultDir);
    if (targetDir === vaultDir || targetDir.startsWith(`${vaultDir}${sep}`)) {
      throw new AppError('invalid_input', 'A backup cannot be written inside the vault folder: choose another folder or a removable volume.');
    }
    if (!(await fs.isDirectory(targetDir))) throw new AppError('invalid_input', `${targetDir} is not a folder. Choose the folder (or removable volume) to write the backup to.`);
    removeStaleStaging();
    await removeLeftPartials(fs, targetDir);
    const now = options.now();
    const name = await chooseName(fs, targetDir, `offramp-backup-${getSetting(source.db, 'vault_id')?.slice(0, 8) ?? 'vault'}-${stampOf(now)}`);
    progress({ phase: 'snapshot', done: 0, total: 1 });
    const snapshot = takeSnapshot(source);
    try {
      progress({ phase: 'snapshot', done: 1, total: 1 });
      const result = await writeAndVerify(fs, source, snapshot, targetDir, name, options, progress);
      source.db.transaction(() => {
        setSetting(source.db, SETTING_LAST_VERIFIED, result.verifiedAt);
        setSetting(source.db, SETTING_LAST_NAME, name);
        appendAudit(
          source.db,
          {
            actor: source.actor,
            action: 'vault.backup',
            detail: { name, bytes: result.bytes, sha256: result.sha256, schemaVersion: result.schemaVersion, cases: result.cases, auditSeq: result.auditSeq },
          },
          options.now(),
        );
      }).immediate();
      progress({ phase: 'done', done: 1, total: 1 });
      return result;
    } finally {
      snapshot.release();
    }
  } catch (error) {
    const failure = asIoError(error, 'The backup', 'No backup was left on the medium.');
    recordFailure(source, failure, options.now());
    throw failure;
  }
}

function recordFailure(source: BackupSource, failure: AppError, at: Date): void {
  try {
    appendAudit(source.db, { actor: source.actor, action: 'vault.backup_failed', detail: { code: failure.code } }, at);
  } catch {
    // The failure itself is what the caller needs to hear; a locked database must not hide it.
  }
}

async function writeAndVerify(
  fs: BackupFs,
  source: BackupSource,
  snapshot: Snapshot,
  targetDir: string,
  name: string,
  options: BackupOptions,
  progress: (p: BackupProgress) => void,
): Promise<BackupResult> {
  const needed = snapshot.size + snapshot.header.length + SPACE_MARGIN;
  const free = await fs.freeBytes(targetDir);
  if (free !== null && free < needed) {
    throw new AppError('io', `The medium is full: the backup needs ${mib(needed)} and ${targetDir} has ${mib(free)} free. Nothing was written.`);
  }
  const partial = join(targetDir, partialName(name));
  const final = join(targetDir, name);
  let renamed = false;
  try {
    await fs.mkdir(partial);
    const db = await copyAndCheck(fs, source.dbKey, snapshot, join(partial, BACKUP_DB_FILE), progress);
    await writeNewFile(fs, join(partial, BACKUP_HEADER_FILE), snapshot.header);
    const headerHash = hashBuffer(snapshot.header);
    // The anchor of the snapshot's head, kept with the backup outside the vault.
    const vaultId = getSetting(source.db, 'vault_id') ?? '';
    const anchor = signAnchor(
      source.signer,
      { format: ANCHOR_FORMAT, version: 1, vaultId, events: snapshot.audit.seq, headHash: snapshot.audit.hash, at: options.now().toISOString(), madeBy: source.actor },
    );
    const anchorBytes = Buffer.from(`${JSON.stringify(anchor, null, 2)}\n`);
    await writeNewFile(fs, join(partial, BACKUP_ANCHOR_FILE), anchorBytes);
    const body: ManifestBody = {
      format: 'offramp-backup',
      version: 1,
      vaultId,
      createdAt: options.now().toISOString(),
      createdBy: source.actor,
      appVersion: options.appVersion,
      schemaVersion: snapshot.schemaVersion,
      cases: snapshot.cases,
      audit: snapshot.audit,
      files: [
        { name: BACKUP_DB_FILE, size: db.size, sha256: db.sha256 },
        { name: BACKUP_HEADER_FILE, size: snapshot.header.length, sha256: headerHash },
        { name: BACKUP_ANCHOR_FILE, size: anchorBytes.length, sha256: hashBuffer(anchorBytes) },
      ],
    };
    const manifest = sealManifest(body, source.dbKey);
    await writeNewFile(fs, join(partial, MANIFEST_FILE), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await fs.syncDir(partial);
    await fs.rename(partial, final);
    renamed = true;
    await fs.syncDir(targetDir);
    await verifyBackupFolder(fs, final, source.dbKey, manifest, progress, options.fullCheck ?? false, snapshot.path);
    return {
      path: final,
      name,
      bytes: db.size,
      sha256: db.sha256,
      schemaVersion: snapshot.schemaVersion,
      cases: snapshot.cases,
      auditSeq: snapshot.audit.seq,
      verifiedAt: options.now().toISOString(),
    };
  } catch (error) {
    // Leave nothing that could be mistaken for a good backup.
    let left = '';
    try {
      await fs.rm(renamed ? final : partial);
    } catch {
      left = ` A partial folder may remain at ${renamed ? final : partial}; delete it.`;
    }
    if (error instanceof AppError && error.code === 'integrity') throw new AppError('integrity', `${error.message} The backup was removed.${left}`);
    throw asIoError(error, `Writing the backup to ${targetDir}`, left === '' ? 'No backup was left on the medium.' : `Nothing was recorded as backed up.${left}`);
  }
}

/**
 * Copies the snapshot's file onto the medium and, at the same time, reads the
 * snapshot to authenticate every page's HMAC (vault/pageCheck.ts, nothing
 * decrypted: a damaged or altered vault file never becomes a backup) and to
 * take its SHA-256. The copy is the file system's own (BackupFs.copyFile); the
 * snapshot stays pinned, so the three see the same bytes. Progress is the
 * slower of the copy and the page check.
 */
async function copyAndCheck(fs: BackupFs, dbKey: Buffer, snapshot: Snapshot, to: string, progress: (p: BackupProgress) => void): Promise<{ size: number; sha256: string }> {
  let copied = 0;
  let checked = 0;
  const report = () => progress({ phase: 'copy', done: Math.min(copied, checked), total: snapshot.size });
  // The first to fail stops the others (a full medium need not wait for every page).
  const stop = new AbortController();
  const stopOthers = (error: unknown) => {
    stop.abort(error);
    throw error;
  };
  const settled = await Promise.allSettled([
    fs
      .copyFile(snapshot.path, to, (n) => {
        copied = n;
        report();
      })
      .catch(stopOthers),
    checkVaultFile(snapshot.path, dbKey, "the vault's database", {
      signal: stop.signal,
      onPages: (pages) => {
        checked = pages * VAULT_PAGE_SIZE;
        report();
      },
    }).catch(stopOthers),
    hashFile(fs, snapshot.path, undefined, stop.signal).catch(stopOthers),
  ]);
  if (stop.signal.aborted) throw stop.signal.reason;
  const [copy, , hash] = settled as [PromiseFulfilledResult<number>, unknown, PromiseFulfilledResult<{ size: number; sha256: string }>];
  if (copy.value !== snapshot.size || hash.value.size !== snapshot.size) {
    throw new AppError('integrity', `The vault file changed size while it was copied (${copy.value} bytes copied, ${snapshot.size} expected).`);
  }
  return hash.value;
}

function hashBuffer(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Reads a backup folder back from the medium and checks it: exactly the three
 * files, every size and SHA-256 as the manifest says, the manifest's MAC, the
 * database's integrity_check and audit chain, and the audit head it claims.
 * `full = false` only for a copy whose pages were authenticated as it was
 * written (createBackup): then no integrity_check, and the audit chain from the
 * copy's signed mark. With `original` (the snapshot the database was copied
 * from, whose SHA-256 the manifest holds), the database read back is compared
 * with it byte for byte instead of hashed.
 */
export async function verifyBackupFolder(
  fs: BackupFs,
  folder: string,
  dbKey: Buffer,
  expected: Manifest | null,
  progress: (p: BackupProgress) => void = () => undefined,
  full = true,
  original: string | null = null,
): Promise<Manifest> {
  const where = basename(folder);
  const entries = (await fs.readdir(folder)).sort();
  const manifest = parseManifest(await readSmallFile(fs, join(folder, MANIFEST_FILE), MAX_SMALL_FILE), where);
  // Backups written before anchors hold no anchor.json; the manifest says which kind this is.
  const wanted = [MANIFEST_FILE, ...manifest.files.map((f) => f.name)].sort();
  if (entries.join('/') !== wanted.join('/')) throw new AppError('integrity', `The backup ${where} does not hold exactly ${wanted.join(', ')}.`);
  if (expected !== null && manifest.mac !== expected.mac) throw new AppError('integrity', `The manifest of ${where} read back differs from the one written.`);
  if (!manifestMacValid(manifest, dbKey)) throw new AppError('integrity', `The manifest of ${where} does not belong to its database (altered or swapped).`);
  const dbEntry = fileEntry(manifest, BACKUP_DB_FILE);
  const onBytes = (done: number) => progress({ phase: 'verify', done, total: dbEntry.size });
  const dbPath = join(folder, BACKUP_DB_FILE);
  const matches =
    original === null
      ? await hashFile(fs, dbPath, onBytes).then((read) => read.size === dbEntry.size && read.sha256 === dbEntry.sha256)
      : (await fs.size(dbPath)) === dbEntry.size && (await sameBytes(fs, dbPath, original, onBytes));
  if (!matches) throw new AppError('integrity', `The database of ${where} read back from the medium does not match what was written.`);
  const headerEntry = fileEntry(manifest, BACKUP_HEADER_FILE);
  const header = await readSmallFile(fs, join(folder, BACKUP_HEADER_FILE), MAX_SMALL_FILE);
  if (header.length !== headerEntry.size || hashBuffer(header) !== headerEntry.sha256) throw new AppError('integrity', `The keyslot file of ${where} does not match its manifest.`);
  const parsedHeader = headerSchema.safeParse(JSON.parse(header.toString('utf8')));
  if (!parsedHeader.success || parsedHeader.data.vaultId !== manifest.vaultId) throw new AppError('integrity', `The keyslot file of ${where} is not the one of its vault.`);
  if (manifest.files.some((f) => f.name === BACKUP_ANCHOR_FILE)) await checkAnchorFile(fs, folder, manifest, where);
  checkDatabase(join(folder, BACKUP_DB_FILE), dbKey, manifest, where, full);
  return manifest;
}

/** The anchor in a backup folder: as the manifest lists it, validly signed, and naming the backup's own audit head. */
async function checkAnchorFile(fs: BackupFs, folder: string, manifest: Manifest, where: string): Promise<void> {
  const entry = fileEntry(manifest, BACKUP_ANCHOR_FILE);
  const bytes = await readSmallFile(fs, join(folder, BACKUP_ANCHOR_FILE), MAX_SMALL_FILE);
  if (bytes.length !== entry.size || hashBuffer(bytes) !== entry.sha256) throw new AppError('integrity', `The audit anchor of ${where} does not match its manifest.`);
  let ok: boolean;
  try {
    const anchor = parseAnchor(bytes.toString('utf8'), BACKUP_ANCHOR_FILE);
    ok = anchorSignatureValid(anchor) && anchor.vaultId === manifest.vaultId && anchor.events === manifest.audit.seq && anchor.headHash === manifest.audit.hash;
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError('integrity', `The audit anchor of ${where} is not a valid signed anchor of this backup's audit log.`);
}

/** Opens a backup's database read-only and checks it (see checkBackupDatabase). */
function checkDatabase(path: string, dbKey: Buffer, manifest: ManifestBody, where: string, full: boolean): void {
  let db: Db;
  try {
    // Opened for writing (nothing is written): the copy is a WAL-mode file, and
    // only a writable connection removes the -wal and -shm files it makes when it closes.
    db = openDatabase(path, dbKey);
  } catch {
    throw new AppError('integrity', `The database of ${where} does not open with its key.`);
  }
  try {
    checkBackupDatabase(db, manifest, where, '', full);
  } finally {
    db.close();
  }
}

/**
 * integrity_check, the audit chain, and that the database is the one the
 * manifest describes (schema version and last audit event). Used on the copy
 * just written and on the copy staged for a restore; `after` ends each message.
 * Without `full` (for a copy whose every page was authenticated on its way,
 * see writeAndVerify): no structural check, and the audit chain from the copy's
 * signed mark.
 */
export function checkBackupDatabase(db: Db, manifest: ManifestBody, where: string, after = '', full = true): void {
  const fail = (message: string) => new AppError('integrity', `${message}${after}`);
  try {
    const problems = full ? integrityProblems(db) : [];
    if (problems.length > 0) throw fail(`The database of ${where} fails its integrity check (${problems.length} problems).`);
    const audit = full ? verifyAudit(db) : verifyAuditIncremental(db);
    if (!audit.ok) throw fail(`The audit log in ${where} is broken at event ${audit.firstBroken?.seq ?? '?'}.`);
    const last = lastAuditEvent(db);
    if (schemaVersion(db) !== manifest.schemaVersion || (last?.seq ?? 0) !== manifest.audit.seq || (last?.hash ?? '') !== manifest.audit.hash) {
      throw fail(`The database of ${where} is not the one its manifest describes.`);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw fail(`The database of ${where} is damaged.`);
  }
}

/** Whether a verified backup is older than the reminder interval (or missing). */
export function backupStatus(db: Db, now: Date): BackupStatus {
  const days = Number(getSetting(db, SETTING_REMINDER_DAYS) ?? DEFAULT_BACKUP_REMINDER_DAYS);
  const reminderDays = Number.isInteger(days) && days > 0 ? days : DEFAULT_BACKUP_REMINDER_DAYS;
  const lastVerifiedAt = getSetting(db, SETTING_LAST_VERIFIED) ?? null;
  const last = lastVerifiedAt === null ? Number.NaN : Date.parse(lastVerifiedAt);
  const due = Number.isNaN(last) || now.getTime() - last > reminderDays * 86_400_000;
  return { lastVerifiedAt, lastBackupName: getSetting(db, SETTING_LAST_NAME) ?? null, reminderDays, due };
}

export function setBackupReminder(db: Db, actor: string, days: number, now: Date): BackupStatus {
  db.transaction(() => {
    setSetting(db, SETTING_REMINDER_DAYS, String(days));
    appendAudit(db, { actor, action: 'settings.backup_reminder', detail: { days } }, now);
  })();
  return backupStatus(db, now);
}
