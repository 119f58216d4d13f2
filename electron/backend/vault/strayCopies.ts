import { closeSync, fsyncSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * Copies of the vault that a backup or restore makes while it runs, and that a
 * killed process leaves behind. Each is a whole copy of the database under the
 * vault's key, so it must not outlive its process: after a rekey the old
 * recovery key would still open it.
 *
 * - Backups stage their snapshot in a private (0700) folder in the system's
 *   temporary folder, named `offramp-staging-<pid>-<random>`; never beside the
 *   vault. Folders whose process is gone are removed when a vault is opened and
 *   at every backup.
 * - Older versions staged `.backup-staging-<uuid>.db` beside the vault: any such
 *   file is overwritten and removed when the vault is opened.
 * - A restore stages `.<vault folder>.restore-<pid>-<random>` beside the vault
 *   folder it writes; a leftover whose process is gone is removed when that
 *   vault is opened.
 * - Partial backup folders on a medium (`.<backup>.<pid>.partial`) are removed by
 *   the next backup to that medium (services/backup.ts).
 */
const STAGING_PREFIX = 'offramp-staging-';
const LEGACY_STAGING = /^\.backup-staging-[0-9a-f-]+\.db(-journal|-wal|-shm)?$/;

/** A new private folder for a backup's snapshot; the caller removes it. */
export function makePrivateStaging(): string {
  // mkdtemp creates the folder with mode 0700.
  return mkdtempSync(join(tmpdir(), `${STAGING_PREFIX}${process.pid}-`));
}

/** Whether a process id names a process that still runs (any we cannot signal counts as running). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !(typeof error === 'object' && error !== null && 'code' in error && error.code === 'ESRCH');
  }
}

/** Overwrites a file with zeros, flushes, and removes it; at least removes it. */
export function scrubFile(path: string): void {
  try {
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    try {
      const zeros = Buffer.alloc(Math.min(size, 1024 * 1024));
      for (let position = 0; position < size; position += zeros.length) writeSync(fd, zeros, 0, Math.min(zeros.length, size - position), position);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // The removal below is what matters; overwriting is a best effort (a flash medium may keep old blocks anyway).
  }
  rmSync(path, { force: true });
}

function scrubTree(path: string): void {
  let entries: string[];
  try {
    entries = statSync(path).isDirectory() ? readdirSync(path) : [];
  } catch {
    return;
  }
  for (const entry of entries) {
    const inner = join(path, entry);
    try {
      if (statSync(inner).isDirectory()) scrubTree(inner);
      else scrubFile(inner);
    } catch {
      // Gone meanwhile.
    }
  }
  rmSync(path, { recursive: true, force: true });
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Removes private staging folders of backups whose process is gone. Returns how many. */
export function removeStaleStaging(): number {
  let removed = 0;
  const temp = tmpdir();
  for (const name of listDir(temp)) {
    const match = /^offramp-staging-(\d+)-[A-Za-z0-9]+$/.exec(name);
    if (match === null || processAlive(Number(match[1]))) continue;
    scrubTree(join(temp, name));
    removed++;
  }
  return removed;
}

/**
 * Removes every copy a killed backup or restore may have left for this vault:
 * legacy staging files beside it, stale private staging folders, and stale
 * restore staging folders beside the vault folder. Called when a vault is opened
 * (app and CLI alike). Returns how many were removed.
 */
export function removeStrayCopies(vaultDir: string): number {
  let removed = 0;
  for (const name of listDir(vaultDir)) {
    if (!LEGACY_STAGING.test(name)) continue;
    scrubFile(join(vaultDir, name));
    removed++;
  }
  const parent = dirname(vaultDir);
  const restorePrefix = `.${basename(vaultDir)}.restore-`;
  for (const name of listDir(parent)) {
    if (!name.startsWith(restorePrefix)) continue;
    const pid = /^(\d+)-/.exec(name.slice(restorePrefix.length));
    if (pid !== null && processAlive(Number(pid[1]))) continue;
    scrubTree(join(parent, name));
    removed++;
  }
  return removed + removeStaleStaging();
}
