import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/backend/services/cases';
import { nodeBackupFs } from '../../electron/backend/services/backupFs';
import { verifyBackupFolder } from '../../electron/backend/services/backup';
import { parseRecoveryKey } from '../../electron/backend/vault/vault';
import { bundleForNode } from '../helpers/bundleNode';
import { runOfframp } from '../helpers/cli';
import { FAST } from '../helpers/cliVault';
import { openWithSqlcipherTool } from '../helpers/sqlcipher';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

/**
 * Point 7 of the vault-keys issue: a backup killed at any point leaves no copy
 * of the vault that the recovery key opens, once Offramp runs again (the
 * staging copy, never beside the vault) and once the next backup to the same
 * medium has run (the partial folder on the medium).
 */
const repo = resolve(import.meta.dirname, '..', '..');
let work: string;
let script: string;
let vault: TestVault;
let passFile: string;
let keyFile: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'offramp-killed-'));
  script = join(work, 'killedBackup.cjs');
  await bundleForNode(join(repo, 'test/integration/helpers/killedBackup.ts'), script);
  vault = await createTestVault();
  vault.session.db.transaction(() => {
    for (let i = 0; i < 300; i++) createCase(vault.session.db, vault.session.user, gamblingIntake(`case ${i} ${'x'.repeat(2000)}`), vault.now());
  })();
  vault.session.db.pragma('wal_checkpoint(TRUNCATE)');
  passFile = join(work, 'pass.txt');
  writeFileSync(passFile, `${TEST_PASSPHRASE}\n`);
  keyFile = join(work, 'recovery.txt');
  writeFileSync(keyFile, `${vault.recoveryKey}\n`);
}, 120_000);

afterAll(() => {
  vault.cleanup();
  rmSync(work, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/**
 * Every file under the folders, other than the vault's own database, that the
 * recovery key opens as a database. (The vault's database is not probed: another
 * SQLite library closing it in this process would drop the session's locks.)
 */
async function openable(dirs: string[]): Promise<string[]> {
  const opened: string[] = [];
  const live = ['offramp.db', 'offramp.db-wal', 'offramp.db-shm'].map((n) => join(vault.dir, n));
  for (const dir of dirs) {
    for (const path of filesUnder(dir)) {
      if (live.includes(path)) continue;
      try {
        const db = await openWithSqlcipherTool(path, vault.recoveryKey);
        await db.close();
        opened.push(path);
      } catch {
        // Not a database, or not one this key opens.
      }
    }
  }
  return opened;
}

/** Runs the child until it pauses at `point`, then kills it with SIGKILL. */
async function killAt(point: string, target: string, temp: string): Promise<void> {
  const child = spawn(process.execPath, [script, vault.dir, 'Dana Whitfield', passFile, target, point], {
    env: { ...process.env, TMPDIR: temp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the backup did not pause at ${point}: ${stdout} ${stderr}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes(`paused ${point}`)) {
        clearTimeout(timer);
        resolvePromise();
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (!stdout.includes(`paused ${point}`)) reject(new Error(`the backup ended before ${point}: ${stdout} ${stderr}`));
    });
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

/** Runs the CLI in this process with TMPDIR as the killed process had it. */
async function withTemp<T>(temp: string, run: () => Promise<T>): Promise<T> {
  const before = process.env.TMPDIR;
  process.env.TMPDIR = temp;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
}

describe('a backup killed part way', () => {
  it.each(['snapshot', 'copy', 'anchor', 'rename', 'verify'])(
    'killed at %s: after vault check and the next backup, only the vault and complete verified backups open with the recovery key',
    async (point) => {
      const target = mkdtempSync(join(work, `medium-${point}-`));
      const temp = mkdtempSync(join(work, `tmp-${point}-`));
      await killAt(point, target, temp);

      // Once the copy is whole, the kill left a copy the recovery key opens: this test can see one.
      // (Before that nothing is staged: the snapshot is the vault file itself, read in place.)
      const left = await openable([vault.dir, target, temp]);
      if (point !== 'snapshot' && point !== 'copy') expect(left.length).toBeGreaterThan(0);
      // Nothing was ever staged beside the vault.
      expect(readdirSync(vault.dir).filter((n) => n.startsWith('.'))).toEqual([]);

      const check = await withTemp(temp, () => runOfframp(['vault', 'check', '--vault', vault.dir, '--recovery-key-file', keyFile], { env: FAST }));
      expect(check.stderr).toBe('');
      expect(check.code).toBe(0);
      expect(await openable([vault.dir, temp])).toEqual([]);
      expect(readdirSync(temp)).toEqual([]);

      const backup = await withTemp(temp, () =>
        runOfframp(['vault', 'backup', '--vault', vault.dir, '--to', target, '--passphrase-file', passFile, '--user', 'Dana Whitfield', '--json'], { env: FAST }),
      );
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      const opened = await openable([vault.dir, target, temp]);
      const outside = opened;
      // Each remaining copy is the database of a complete backup folder that verifies.
      const key = parseRecoveryKey(vault.recoveryKey);
      for (const path of outside) {
        const folder = join(target, relative(target, path).split('/')[0] ?? '');
        expect(relative(target, path)).toMatch(/^offramp-backup-[^/]+\/offramp\.db$/);
        await verifyBackupFolder(nodeBackupFs, folder, key, null);
      }
      expect(outside.length).toBe(point === 'verify' ? 2 : 1);
      expect(readdirSync(target).filter((n) => n.startsWith('.'))).toEqual([]);
      expect(readdirSync(temp)).toEqual([]);
    },
    120_000,
  );

  it('an older version staging file beside the vault is removed when the vault is opened again', async () => {
    const stray = join(vault.dir, '.backup-staging-0b6f3c1e-2a4d-4c55-9a7e-1f2e3d4c5b6a.db');
    copyFileSync(join(vault.dir, 'offramp.db'), stray);
    expect(await openable([vault.dir])).toContain(stray);
    const check = await runOfframp(['vault', 'check', '--vault', vault.dir, '--recovery-key-file', keyFile], { env: FAST });
    expect(check.code).toBe(0);
    expect(readdirSync(vault.dir).filter((n) => n.startsWith('.backup-staging'))).toEqual([]);
  });

  it("a killed restore's staging folder beside the vault folder is removed when that vault is opened", async () => {
    const parent = resolve(vault.dir, '..');
    const dead = join(parent, '.vault.restore-999999-0a1b2c3d');
    mkdirSync(dead);
    copyFileSync(join(vault.dir, 'offramp.db'), join(dead, 'offramp.db'));
    const check = await runOfframp(['vault', 'check', '--vault', vault.dir, '--recovery-key-file', keyFile], { env: FAST });
    expect(check.code).toBe(0);
    expect(readdirSync(parent).filter((n) => n.includes('.restore-'))).toEqual([]);
  });
});
