import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/contract';
import { nodeBackupFs } from '../../../electron/backend/services/backupFs';
import { backupStatus } from '../../../electron/backend/services/backup';
import { createCase } from '../../../electron/backend/services/cases';
import { backupTestVault } from '../../helpers/backup';
import { createTestVault, gamblingIntake } from '../../helpers/vault';

/**
 * Backs up a vault onto a small, real file system (the test mounts a tmpfs in
 * a private mount namespace and runs this there). The free-space check is
 * blinded so the kernel's own ENOSPC arrives in the middle of the copy.
 */
async function main(): Promise<void> {
  const target = process.argv[2] ?? '';
  const vault = await createTestVault();
  try {
    for (let i = 0; i < 60; i++) createCase(vault.session.db, vault.session.user, gamblingIntake(`case ${i} ${'words '.repeat(200)}`), vault.now());
    vault.session.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbSize = statSync(join(vault.dir, 'offramp.db')).size;
    const blind = { ...nodeBackupFs, freeBytes: () => Promise.resolve(null) };
    let outcome: { ok: boolean; code?: string; message?: string };
    try {
      await backupTestVault(vault, target, { fs: blind });
      outcome = { ok: true };
    } catch (error) {
      outcome = error instanceof AppError ? { ok: false, code: error.code, message: error.message } : { ok: false, message: String(error) };
    }
    const staging = readdirSync(vault.dir).filter((n) => n.startsWith('.backup-staging'));
    const status = backupStatus(vault.session.db, vault.now());
    const failures = (vault.session.db.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'vault.backup_failed'").get() as { n: number }).n;
    process.stdout.write(`${JSON.stringify({ ...outcome, dbSize, left: readdirSync(target), staging, due: status.due, failures })}\n`);
  } finally {
    vault.cleanup();
  }
}

void main();
