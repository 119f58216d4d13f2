import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { createBackup, backupStatus, verifyBackupFolder, type BackupProgress } from '../../electron/backend/services/backup';
import { copyFileHashed, nodeBackupFs, type BackupFs } from '../../electron/backend/services/backupFs';
import { createCase, exportCases } from '../../electron/backend/services/cases';
import { restoreBackup } from '../../electron/backend/services/restore';
import { anchorSignatureValid, checkAnchor, parseAnchor } from '../../electron/backend/vault/anchor';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { databasePath, openDatabase } from '../../electron/backend/vault/database';
import { LATEST_VERSION, VaultTooNewError } from '../../electron/backend/vault/migrations';
import { parseRecoveryKey, sessionDatabaseKey, unlockVault, userSigningKey } from '../../electron/backend/vault/vault';
import { backupTestVault, folderFingerprint, tempMedium, TEST_APP_VERSION } from '../helpers/backup';
import { rebuildAtSchema } from '../helpers/oldSchema';
import { decryptDatabase } from '../helpers/sqlcipherPages';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

const MARKER = 'Qxvordelmarkt';
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function vaultWithCases(n = 3): Promise<TestVault> {
  const vault = await createTestVault();
  cleanups.push(vault.cleanup);
  for (let i = 0; i < n; i++) createCase(vault.session.db, vault.session.user, gamblingIntake(`${MARKER} ${i}`), vault.now());
  return vault;
}

function medium(): string {
  const m = tempMedium();
  cleanups.push(m.cleanup);
  return m.dir;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Opens a file with real SQLCipher 4 (the @journeyapps build), as an administrator's tooling would. */
async function countWithSqlcipher(path: string, hexKey: string): Promise<number> {
  const sqlcipher = (await import('@journeyapps/sqlcipher')).default;
  return new Promise((resolve, reject) => {
    const db = new sqlcipher.Database(path, sqlcipher.OPEN_READONLY, (error) => {
      if (error) reject(error);
    });
    db.serialize(() => {
      db.run(`PRAGMA key = "x'${hexKey}'"`);
      db.get('SELECT count(*) AS n FROM cases', (error: Error | null, row: { n: number }) => {
        db.close();
        if (error) reject(error);
        else resolve(row.n);
      });
    });
  });
}

describe('backup', () => {
  it('writes a verified folder whose database is SQLCipher 4 under the vault key, with no plaintext', async () => {
    const vault = await vaultWithCases();
    const target = medium();
    const phases: BackupProgress['phase'][] = [];
    const result = await backupTestVault(vault, target, { progress: (p) => phases.push(p.phase) });

    expect(result.name).toMatch(/^offramp-backup-[0-9a-f]{8}-\d{8}T\d{6}Z$/);
    expect(readdirSync(target)).toEqual([result.name]);
    expect(readdirSync(result.path).sort()).toEqual(['anchor.json', 'backup.json', 'keyslots.json', 'offramp.db']);
    // The folder carries a signed anchor of the backup's audit head, which the live log extends.
    const anchor = parseAnchor(readFileSync(join(result.path, 'anchor.json'), 'utf8'), 'anchor.json');
    expect(anchorSignatureValid(anchor)).toBe(true);
    expect(anchor).toMatchObject({ events: result.auditSeq, madeBy: 'Dana Whitfield' });
    expect(checkAnchor(vault.session.db, anchor)).toEqual({ ok: true, problem: null });
    expect([...new Set(phases)]).toEqual(['snapshot', 'copy', 'verify', 'done']);
    expect(result).toMatchObject({ cases: 3, schemaVersion: LATEST_VERSION });

    const manifest = JSON.parse(readFileSync(join(result.path, 'backup.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ format: 'offramp-backup', version: 1, appVersion: TEST_APP_VERSION, schemaVersion: LATEST_VERSION, cases: 3, createdBy: 'Dana Whitfield' });

    const bytes = readFileSync(join(result.path, 'offramp.db'));
    expect(bytes.includes(Buffer.from(MARKER))).toBe(false);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toContain('SQLite format');
    // Decrypted with the vault's own key, the pages hold the cases: same key, SQLCipher 4 layout.
    const key = parseRecoveryKey(vault.recoveryKey);
    const pages = decryptDatabase(bytes, key);
    expect(pages[0]?.readUInt16BE(0)).toBe(4096);
    expect(pages[0]?.[4]).toBe(80);
    expect(Buffer.concat(pages).includes(Buffer.from(MARKER))).toBe(true);
    expect(await countWithSqlcipher(join(result.path, 'offramp.db'), key.toString('hex'))).toBe(3);

    const copy = openDatabase(join(result.path, 'offramp.db'), key, { readonly: true });
    expect(verifyAudit(copy).ok).toBe(true);
    copy.close();

    const event = vault.session.db.prepare("SELECT detail FROM audit_events WHERE action = 'vault.backup'").get() as { detail: string };
    expect(JSON.parse(event.detail)).toMatchObject({ name: result.name, sha256: result.sha256, cases: 3 });
    expect(backupStatus(vault.session.db, vault.now())).toEqual({ lastVerifiedAt: result.verifiedAt, lastBackupName: result.name, reminderDays: 7, due: false });
    expect(backupStatus(vault.session.db, new Date(vault.now().getTime() + 8 * 86_400_000)).due).toBe(true);
  });

  it('restores into a new folder with identical case export, by passphrase or by recovery key', async () => {
    const vault = await vaultWithCases();
    const backup = await backupTestVault(vault, medium());
    const expected = exportCases(vault.session.db).map((r) => JSON.stringify(r));

    const dest = join(medium(), 'restored');
    const result = await restoreBackup({ from: backup.path, target: dest, replace: false, credentials: { passphrase: TEST_PASSPHRASE }, appVersion: TEST_APP_VERSION, now: vault.now });
    expect(result).toMatchObject({ vaultDir: dest, cases: 3, schemaFrom: LATEST_VERSION, schemaTo: LATEST_VERSION, replaced: false });
    const session = await unlockVault(dest, 'Dana Whitfield', TEST_PASSPHRASE, { now: vault.now });
    try {
      expect(exportCases(session.db).map((r) => JSON.stringify(r))).toEqual(expected);
      expect(verifyAudit(session.db).ok).toBe(true);
      const restore = session.db.prepare("SELECT actor, detail FROM audit_events WHERE action = 'vault.restore'").get() as { actor: string; detail: string };
      expect(restore.actor).toBe('Dana Whitfield');
      expect(JSON.parse(restore.detail)).toMatchObject({ backup: backup.name, replaced: false });
    } finally {
      session.close();
    }

    const byKey = join(medium(), 'by-key');
    await restoreBackup({ from: backup.path, target: byKey, replace: false, credentials: { recoveryKey: vault.recoveryKey }, appVersion: TEST_APP_VERSION, now: vault.now });
    const db = openDatabase(databasePath(byKey), parseRecoveryKey(vault.recoveryKey));
    expect(exportCases(db).map((r) => JSON.stringify(r))).toEqual(expected);
    db.close();
  });

  it('refuses a truncated, bit-flipped or re-labelled backup, leaving the current vault untouched', async () => {
    const vault = await vaultWithCases();
    const backup = await backupTestVault(vault, medium());
    vault.session.close();
    const before = folderFingerprint(vault.dir);
    const dbFile = join(backup.path, 'offramp.db');
    const original = readFileSync(dbFile);
    const restore = () =>
      restoreBackup({ from: backup.path, target: vault.dir, replace: true, credentials: { passphrase: TEST_PASSPHRASE }, appVersion: TEST_APP_VERSION, now: vault.now });

    writeFileSync(dbFile, original.subarray(0, original.length - 4096));
    const truncated = await rejection(restore());
    expect(truncated.code).toBe('integrity');
    expect(truncated.message).toMatch(/damaged: offramp\.db is \d+ bytes, the manifest says \d+ .*not changed/);

    const flipped = Buffer.from(original);
    flipped[flipped.length >> 1] = (flipped[flipped.length >> 1] ?? 0) ^ 0x04;
    writeFileSync(dbFile, flipped);
    const bitFlip = await rejection(restore());
    expect(bitFlip.code).toBe('integrity');
    expect(bitFlip.message).toMatch(/does not match its SHA-256/);

    // A manifest edited to match a damaged file fails its MAC.
    writeFileSync(dbFile, original);
    const manifestPath = join(backup.path, 'backup.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { cases: number };
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, cases: manifest.cases + 1 }));
    const relabelled = await rejection(restore());
    expect(relabelled.code).toBe('integrity');
    expect(relabelled.message).toMatch(/altered or swapped/);

    expect(folderFingerprint(vault.dir)).toEqual(before);
    expect(readdirSync(join(vault.dir, '..')).filter((n) => n.includes('.restore-') || n.includes('.replaced-'))).toEqual([]);
  });

  it('refuses a wrong passphrase or recovery key, and an existing vault without confirmation', async () => {
    const vault = await vaultWithCases(1);
    const backup = await backupTestVault(vault, medium());
    const before = folderFingerprint(vault.dir);
    const base = { from: backup.path, target: vault.dir, replace: true, appVersion: TEST_APP_VERSION, now: vault.now };
    expect((await rejection(restoreBackup({ ...base, credentials: { passphrase: 'not the passphrase at all' } }))).code).toBe('auth_failed');
    expect((await rejection(restoreBackup({ ...base, credentials: { passphrase: TEST_PASSPHRASE, userName: 'Nobody Here' } }))).code).toBe('auth_failed');
    const wrongKey = await rejection(restoreBackup({ ...base, credentials: { recoveryKey: 'ab'.repeat(32) } }));
    expect(wrongKey.code).toBe('auth_failed');
    expect(wrongKey.message).toMatch(/recovery key does not open this backup/);
    const unconfirmed = await rejection(restoreBackup({ ...base, replace: false, credentials: { passphrase: TEST_PASSPHRASE } }));
    expect(unconfirmed.code).toBe('conflict');
    expect(unconfirmed.message).toMatch(/already holds a vault/);
    expect(folderFingerprint(vault.dir)).toEqual(before);
  });

  it('refuses a backup from a newer schema or a newer Offramp', async () => {
    const vault = await vaultWithCases(1);
    const newerApp = await backupTestVault(vault, medium(), { appVersion: '9.0.0' });
    const dest = join(medium(), 'v');
    const creds = { passphrase: TEST_PASSPHRASE };
    const app = await rejection(restoreBackup({ from: newerApp.path, target: dest, replace: false, credentials: creds, appVersion: TEST_APP_VERSION, now: vault.now }));
    expect(app.message).toMatch(/newer version of Offramp \(9\.0\.0; this is 0\.1\.0\)/);
    vault.session.db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const newerSchema = await backupTestVault(vault, medium());
    const schema = await rejection(restoreBackup({ from: newerSchema.path, target: dest, replace: false, credentials: creds, appVersion: TEST_APP_VERSION, now: vault.now }));
    expect(schema).toBeInstanceOf(VaultTooNewError);
    expect(readdirSync(join(dest, '..'))).toEqual([]);
  });

  it('migrates a backup of an older schema forward on restore', async () => {
    const vault = await vaultWithCases(2);
    // The vault as schema 1 wrote it: the registry's first migration alone, holding the same rows.
    const signer = userSigningKey(vault.session);
    const old = rebuildAtSchema(vault, 1);
    cleanups.push(() => {
      old.db.close();
      old.key.fill(0);
    });
    expect(old.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('search_items', 'role_grants', 'home_counts')").get()).toEqual({ n: 0 });
    const backup = await createBackup({ db: old.db, vaultDir: vault.dir, dbKey: old.key, actor: vault.session.user.name, signer }, { targetDir: medium(), appVersion: TEST_APP_VERSION, now: vault.now });
    const dest = join(medium(), 'migrated');
    const result = await restoreBackup({ from: backup.path, target: dest, replace: false, credentials: { passphrase: TEST_PASSPHRASE }, appVersion: TEST_APP_VERSION, now: vault.now });
    expect(result).toMatchObject({ schemaFrom: 1, schemaTo: LATEST_VERSION, cases: 2 });
    const restored = openDatabase(databasePath(dest), parseRecoveryKey(vault.recoveryKey));
    expect(restored.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(restored.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'case_fts'").get()).toEqual({ n: 0 });
    expect(restored.prepare("SELECT count(*) AS n FROM search_items WHERE kind = 'case'").get()).toEqual({ n: 2 });
    expect(restored.prepare("SELECT sum(n) AS n FROM home_counts WHERE bucket = 'risk'").get()).toEqual({ n: 2 });
    expect(verifyAudit(restored).ok).toBe(true);
    restored.close();
  });

  it('leaves nothing on a medium that fills up, says so, and records the failure', async () => {
    const vault = await vaultWithCases();
    const target = medium();
    // A medium that takes 64 KiB and then reports ENOSPC on every write.
    let budget = 64 * 1024;
    const full: BackupFs = {
      ...nodeBackupFs,
      // The database copied through this medium's writes, not the kernel's copy.
      copyFile: async (from, to, onBytes) => (await copyFileHashed(full, from, to, onBytes)).size,
      async open(path: string, flags: 'r' | 'wx') {
        const file = await nodeBackupFs.open(path, flags);
        return {
          ...file,
          write: async (buffer: Buffer, position: number) => {
            if (buffer.length > budget) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            budget -= buffer.length;
            return file.write(buffer, position);
          },
        };
      },
    };
    const error = await rejection(backupTestVault(vault, target, { fs: full }));
    expect(error.code).toBe('io');
    expect(error.message).toMatch(/the medium is full\. No backup was left on the medium\./);
    expect(readdirSync(target)).toEqual([]);
    expect(readdirSync(vault.dir).filter((n) => n.startsWith('.backup-staging'))).toEqual([]);
    const failed = vault.session.db.prepare("SELECT detail FROM audit_events WHERE action = 'vault.backup_failed'").get() as { detail: string };
    expect(JSON.parse(failed.detail)).toEqual({ code: 'io' });
    expect(backupStatus(vault.session.db, vault.now())).toMatchObject({ lastVerifiedAt: null, due: true });
    expect(verifyAudit(vault.session.db).ok).toBe(true);

    // A medium that says up front it has too little room is refused before writing.
    const small = { ...nodeBackupFs, freeBytes: () => Promise.resolve(100_000) };
    const early = await rejection(backupTestVault(vault, target, { fs: small }));
    expect(early.message).toMatch(/The medium is full: the backup needs [\d.]+ MiB and .* has 0\.1 MiB free\. Nothing was written\./);
    expect(readdirSync(target)).toEqual([]);
  });

  it('removes a backup that does not read back as written', async () => {
    const vault = await vaultWithCases(1);
    const target = medium();
    // A medium that silently corrupts what it returns on reads of the copied database.
    const lying = {
      ...nodeBackupFs,
      async open(path: string, flags: 'r' | 'wx') {
        const file = await nodeBackupFs.open(path, flags);
        if (flags !== 'r' || !path.startsWith(target) || !path.endsWith('offramp.db')) return file;
        return {
          ...file,
          read: async (buffer: Buffer, position: number) => {
            const n = await file.read(buffer, position);
            if (n > 100) buffer[100] = (buffer[100] ?? 0) ^ 1;
            return n;
          },
        };
      },
    };
    const error = await rejection(backupTestVault(vault, target, { fs: lying }));
    expect(error.code).toBe('integrity');
    expect(error.message).toMatch(/read back from the medium does not match .* The backup was removed\./);
    expect(readdirSync(target)).toEqual([]);
  });

  it('does not report a backup as good when the audit chain in it is broken', async () => {
    const vault = await vaultWithCases(1);
    const { db } = vault.session;
    // Someone with the key edits an audit event behind the app's back.
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit_events SET actor = 'someone else' WHERE seq = 2").run();
    const target = medium();
    const error = await rejection(backupTestVault(vault, target));
    expect(error.code).toBe('integrity');
    expect(error.message).toMatch(/^The audit log in offramp-backup-\S+ is broken at event 2\. The backup was removed\.$/);
    expect(readdirSync(target)).toEqual([]);
  });

  it('verifies an existing backup folder on its own, and never writes one inside the vault folder', async () => {
    const vault = await vaultWithCases(1);
    const backup = await backupTestVault(vault, medium());
    const key = sessionDatabaseKey(vault.session);
    const manifest = await verifyBackupFolder(nodeBackupFs, backup.path, key, null);
    expect(manifest.files.find((f) => f.name === 'offramp.db')?.sha256).toBe(backup.sha256);
    const source = { db: vault.session.db, vaultDir: vault.dir, dbKey: key, actor: 'x', signer: userSigningKey(vault.session) };
    for (const inside of [vault.dir, join(vault.dir, 'sub')]) {
      await expect(createBackup(source, { targetDir: inside, appVersion: '0.1.0', now: vault.now })).rejects.toThrow(/inside the vault folder/);
    }
    // The folder that holds the vault is another folder: allowed.
    const beside = await createBackup(source, { targetDir: join(vault.dir, '..'), appVersion: '0.1.0', now: () => new Date('2026-11-20T10:00:05Z') });
    expect(beside.path).toBe(join(vault.dir, '..', beside.name));
  });

  it('refuses a backup folder whose anchor was altered, or removed', async () => {
    const vault = await vaultWithCases(1);
    const backup = await backupTestVault(vault, medium());
    const key = sessionDatabaseKey(vault.session);
    const path = join(backup.path, 'anchor.json');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace(/"events": \d+/, '"events": 1'));
    await expect(verifyBackupFolder(nodeBackupFs, backup.path, key, null)).rejects.toMatchObject({ code: 'integrity', message: expect.stringContaining('anchor') as unknown });
    rmSync(path);
    await expect(verifyBackupFolder(nodeBackupFs, backup.path, key, null)).rejects.toMatchObject({ code: 'integrity', message: expect.stringContaining('does not hold exactly') as unknown });
  });
});
