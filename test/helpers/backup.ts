import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { BackupResult } from '../../shared/contract/records';
import { createBackup, type BackupOptions } from '../../electron/backend/services/backup';
import { sessionDatabaseKey, userSigningKey } from '../../electron/backend/vault/vault';
import type { TestVault } from './vault';

export const TEST_APP_VERSION = '0.1.0';

/** Backs up a test vault's open session into targetDir. */
export async function backupTestVault(vault: TestVault, targetDir: string, options: Partial<BackupOptions> = {}): Promise<BackupResult> {
  const dbKey = sessionDatabaseKey(vault.session);
  try {
    return await createBackup(
      { db: vault.session.db, vaultDir: vault.dir, dbKey, actor: vault.session.user.name, signer: userSigningKey(vault.session) },
      { targetDir, appVersion: TEST_APP_VERSION, now: vault.now, ...options },
    );
  } finally {
    dbKey.fill(0);
  }
}

/** A temp folder standing in for a removable volume. */
export function tempMedium(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'offramp-medium-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** SHA-256 of every file in a folder, by name: proves a vault was left untouched. */
export function folderFingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex');
  return out;
}
