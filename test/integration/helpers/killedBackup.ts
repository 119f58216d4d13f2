/**
 * A child process for the killed-backup test, bundled by the test with esbuild:
 * it unlocks a vault through the backend's own code and backs it up into a
 * target folder through a file system that stops at one named point, prints
 * `paused <point>` and waits there until the test kills it with SIGKILL.
 *
 * Usage: node killedBackup.cjs VAULT_DIR USER PASSPHRASE_FILE TARGET_DIR POINT
 * POINT: snapshot (staged, nothing on the medium) | copy (the database half
 * copied) | anchor (database copied, anchor not yet) | rename (partial folder
 * complete, not renamed) | verify (renamed, not yet read back) | none.
 */
import { readFileSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import { createBackup } from '../../../electron/backend/services/backup';
import { copyFileHashed, nodeBackupFs, type BackupFs } from '../../../electron/backend/services/backupFs';
import { sessionDatabaseKey, unlockVault, userSigningKey } from '../../../electron/backend/vault/vault';

function pause(point: string): Promise<never> {
  writeSync(1, `paused ${point}\n`);
  setInterval(() => undefined, 60_000);
  return new Promise<never>(() => undefined);
}

async function main(): Promise<void> {
  const [dir, user, passFile, target, point] = process.argv.slice(2);
  if (dir === undefined || user === undefined || passFile === undefined || target === undefined || point === undefined) throw new Error('usage: killedBackup VAULT USER PASSFILE TARGET POINT');
  const passphrase = readFileSync(passFile, 'utf8').split('\n')[0] ?? '';
  const now = () => new Date('2026-11-21T10:00:00Z');
  const session = await unlockVault(dir, user, passphrase, { now });
  const fs: BackupFs = {
    ...nodeBackupFs,
    async freeBytes(path) {
      if (point === 'snapshot') await pause(point);
      return nodeBackupFs.freeBytes(path);
    },
    async open(path, flags) {
      const inPartial = basename(path) !== path && path.includes('.partial');
      if (point === 'anchor' && flags === 'wx' && path.endsWith('anchor.json')) await pause(point);
      if (point === 'verify' && flags === 'r' && !inPartial && path.endsWith('offramp.db') && path.startsWith(target)) await pause(point);
      const file = await nodeBackupFs.open(path, flags);
      if (point !== 'copy' || flags !== 'wx' || !path.endsWith('offramp.db')) return file;
      return {
        ...file,
        async write(buffer, position) {
          const n = await file.write(buffer, position);
          await file.sync();
          await pause(point);
          return n;
        },
      };
    },
    // At 'copy', the database goes through the writes below instead of the kernel's copy.
    copyFile: async (from, to, onBytes) => (point === 'copy' ? (await copyFileHashed(fs, from, to, onBytes)).size : nodeBackupFs.copyFile(from, to, onBytes)),
    async rename(from, to) {
      if (point === 'rename') await pause(point);
      return nodeBackupFs.rename(from, to);
    },
  };
  const dbKey = sessionDatabaseKey(session);
  const result = await createBackup({ db: session.db, vaultDir: dir, dbKey, actor: session.user.name, signer: userSigningKey(session) }, { targetDir: target, appVersion: '0.1.0', now, fs });
  writeSync(1, `done ${result.name}\n`);
  session.close();
}

main().catch((error: unknown) => {
  writeSync(2, `killedBackup: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
