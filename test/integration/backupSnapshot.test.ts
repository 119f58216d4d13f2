import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, readdirSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupProgress } from '../../electron/backend/services/backup';
import { copyFileHashed, nodeBackupFs, type BackupFs } from '../../electron/backend/services/backupFs';
import { createCase } from '../../electron/backend/services/cases';
import { verifyAuditIncremental, writeAuditMark } from '../../electron/backend/vault/auditMark';
import { databasePath, openDatabase } from '../../electron/backend/vault/database';
import { sessionDatabaseKey, userSigningKey } from '../../electron/backend/vault/vault';
import { backupTestVault, tempMedium } from '../helpers/backup';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

/**
 * The backup copies the vault file's encrypted bytes while a read transaction
 * pins the snapshot (services/backup.ts): these tests try to change the file
 * under the copy, damage the copy, and open what was written.
 */
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

async function vaultWithCases(n: number): Promise<TestVault> {
  const vault = await createTestVault();
  cleanups.push(vault.cleanup);
  for (let i = 0; i < n; i++) createCase(vault.session.db, vault.session.user, gamblingIntake(`case ${i}`), vault.now());
  return vault;
}

function medium(): string {
  const m = tempMedium();
  cleanups.push(m.cleanup);
  return m.dir;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function caseCount(path: string, key: Buffer): number {
  const db = openDatabase(path, key, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('backup by copying the encrypted vault file', () => {
  it("holds the snapshot's exact bytes while another connection commits and checkpoints during the copy", async () => {
    const vault = await vaultWithCases(30);
    const live = databasePath(vault.dir);
    const key = sessionDatabaseKey(vault.session);
    cleanups.push(() => key.fill(0));
    let atSnapshot: Buffer | null = null;
    let checkpoint: { busy: number; log: number; checkpointed: number } | null = null;
    // The moment the copy opens the vault file, before it reads a byte: keep the
    // file's bytes, then commit ten cases from another connection and checkpoint.
    const fs: BackupFs = {
      ...nodeBackupFs,
      async open(path, flags) {
        if (path === live && flags === 'r' && atSnapshot === null) {
          atSnapshot = readFileSync(live);
          const writer = openDatabase(live, key);
          try {
            for (let i = 0; i < 10; i++) createCase(writer, { name: 'Other Writer' }, gamblingIntake(`during ${i}`), vault.now());
            checkpoint = (writer.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[])[0] ?? null;
          } finally {
            writer.close();
          }
        }
        return nodeBackupFs.open(path, flags);
      },
    };
    const result = await backupTestVault(vault, medium(), { fs });

    expect(atSnapshot).not.toBeNull();
    // The writer's pages went to the WAL and the checkpoint could not move them all into the file.
    expect(checkpoint).not.toBeNull();
    expect(checkpoint!.log).toBeGreaterThan(0);
    expect(checkpoint!.checkpointed).toBeLessThan(checkpoint!.log);
    // The backup is the file as it was at the snapshot, byte for byte: 30 cases, not 40.
    const copied = readFileSync(join(result.path, 'offramp.db'));
    expect(sha256(copied)).toBe(sha256(atSnapshot!));
    expect(result.sha256).toBe(sha256(atSnapshot!));
    expect(result.cases).toBe(30);
    expect(caseCount(join(result.path, 'offramp.db'), key)).toBe(30);
    // Once the backup ended its reader, the vault holds all 40 and checkpoints fully.
    expect((vault.session.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(40);
    const after = (vault.session.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0];
    expect(after?.busy).toBe(0);
  });

  it('falls back to a staged VACUUM INTO copy when a reader keeps the WAL from emptying, and removes the staging copy', async () => {
    const vault = await vaultWithCases(3);
    const key = sessionDatabaseKey(vault.session);
    cleanups.push(() => key.fill(0));
    const other = openDatabase(databasePath(vault.dir), key);
    cleanups.push(() => other.close());
    createCase(other, { name: 'Other Reader' }, gamblingIntake('in the WAL'), vault.now());
    // A read transaction that started after that commit: the checkpoint cannot empty the WAL.
    other.exec('BEGIN');
    other.prepare('SELECT count(*) FROM cases').get();
    vault.session.db.pragma('busy_timeout = 50');
    const stagedBefore = readdirSync(tmpdir()).filter((n) => n.startsWith('offramp-staging-'));
    const result = await backupTestVault(vault, medium());
    other.exec('ROLLBACK');
    expect(result.cases).toBe(4);
    expect(caseCount(join(result.path, 'offramp.db'), key)).toBe(4);
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('offramp-staging-'))).toEqual(stagedBefore);
  });

  it('a byte flipped on its way to the medium fails the read-back and leaves no backup', async () => {
    const vault = await vaultWithCases(5);
    const target = medium();
    const fs: BackupFs = {
      ...nodeBackupFs,
      // The database copied through the writes below, not the kernel's copy.
      copyFile: async (from, to, onBytes) => (await copyFileHashed(fs, from, to, onBytes)).size,
      async open(path, flags) {
        const file = await nodeBackupFs.open(path, flags);
        if (flags !== 'wx' || !path.endsWith('offramp.db')) return file;
        return {
          ...file,
          write: (buffer, position) => {
            const bad = Buffer.from(buffer);
            if (position === 0 && bad.length > 5000) bad[5000] = (bad[5000] ?? 0) ^ 0x01;
            return file.write(bad, position);
          },
        };
      },
    };
    await expect(backupTestVault(vault, target, { fs })).rejects.toMatchObject({ code: 'integrity' });
    expect(readdirSync(target)).toEqual([]);
  });

  it("the file system's own copy is private to the user, reports its progress, and one byte changed on the medium after it fails the read-back", async () => {
    const vault = await vaultWithCases(5);
    const good = medium();
    const copied: BackupProgress[] = [];
    const result = await backupTestVault(vault, good, {
      progress: (p) => {
        if (p.phase === 'copy') copied.push(p);
      },
    });
    expect(statSync(join(result.path, 'offramp.db')).mode & 0o777).toBe(0o600);
    expect(copied.at(-1)).toEqual({ phase: 'copy', done: result.bytes, total: result.bytes });
    expect(copied.every((p, i) => i === 0 || p.done >= (copied[i - 1]?.done ?? 0))).toBe(true);

    // The kernel's copy, then one byte of it changes at rest before it is read back.
    const target = medium();
    const fs: BackupFs = {
      ...nodeBackupFs,
      async copyFile(from, to, onBytes) {
        const size = await nodeBackupFs.copyFile(from, to, onBytes);
        const fd = openSync(to, 'r+');
        try {
          const byte = Buffer.alloc(1);
          readSync(fd, byte, 0, 1, size - 10);
          byte[0] = (byte[0] ?? 0) ^ 0x40;
          writeSync(fd, byte, 0, 1, size - 10);
        } finally {
          closeSync(fd);
        }
        return size;
      },
    };
    await expect(backupTestVault(vault, target, { fs })).rejects.toMatchObject({
      code: 'integrity',
      message: expect.stringMatching(/read back from the medium does not match what was written\. The backup was removed\.$/) as unknown,
    });
    expect(readdirSync(target)).toEqual([]);
  });

  it('a vault file with one damaged page fails the backup, naming the page, and leaves nothing on the medium', async () => {
    const vault = await vaultWithCases(40);
    const live = databasePath(vault.dir);
    vault.session.db.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = 4096;
    const lastPage = statSync(live).size / pageSize;
    // One byte of the last page's ciphertext, changed on disk behind SQLite's back.
    const fd = openSync(live, 'r+');
    try {
      const byte = Buffer.alloc(1);
      readSync(fd, byte, 0, 1, (lastPage - 1) * pageSize + 100);
      byte[0] = (byte[0] ?? 0) ^ 0x01;
      writeSync(fd, byte, 0, 1, (lastPage - 1) * pageSize + 100);
    } finally {
      closeSync(fd);
    }
    const target = medium();
    const error = await backupTestVault(vault, target).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'integrity',
      message: `Page ${lastPage} of the vault's database fails its authentication check: it was altered or damaged. The backup was removed.`,
    });
    expect(readdirSync(target)).toEqual([]);
  });

  it('the backup opens with the vault key and its audit log verifies, from its signed mark and in full', async () => {
    const vault = await vaultWithCases(3);
    const head = vault.session.db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    writeAuditMark(vault.session.db, head, userSigningKey(vault.session), vault.now());
    createCase(vault.session.db, vault.session.user, gamblingIntake('after the mark'), vault.now());
    const result = await backupTestVault(vault, medium());
    const key = sessionDatabaseKey(vault.session);
    cleanups.push(() => key.fill(0));
    const db = openDatabase(join(result.path, 'offramp.db'), key, { readonly: true });
    try {
      const incremental = verifyAuditIncremental(db);
      expect(incremental).toMatchObject({ ok: true, from: head.seq, events: result.auditSeq });
      expect(incremental.walked).toBe(result.auditSeq - head.seq);
      expect(verifyAuditIncremental(db, { full: true })).toMatchObject({ ok: true, from: 0, walked: result.auditSeq });
    } finally {
      db.close();
    }
  });

  it('fullCheck walks the whole audit chain: an event altered in place before the mark fails it, the check from the mark does not see it', async () => {
    const vault = await vaultWithCases(3);
    const db = vault.session.db;
    const head = db.prepare('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    writeAuditMark(db, head, userSigningKey(vault.session), vault.now());
    // Altered in place, not re-chained (what only a whole walk finds; see auditMark.ts).
    db.exec('DROP TRIGGER audit_no_update');
    db.prepare("UPDATE audit_events SET detail = '{}' WHERE seq = 2").run();
    const target = medium();
    await expect(backupTestVault(vault, target, { fullCheck: true })).rejects.toMatchObject({ code: 'integrity', message: expect.stringMatching(/audit log .* broken at event 2/) as unknown });
    expect(readdirSync(target)).toEqual([]);
    await expect(backupTestVault(vault, target)).resolves.toMatchObject({ auditSeq: expect.any(Number) as unknown });
  });
});
