import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, exportCases } from '../../../electron/backend/services/cases';
import { disposeCase, setRules } from '../../../electron/backend/services/retention';
import { databasePath, openDatabase } from '../../../electron/backend/vault/database';
import { parseRecoveryKey, unlockVault } from '../../../electron/backend/vault/vault';
import { runOfframp } from '../../helpers/cli';
import { folderFingerprint } from '../../helpers/backup';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE, type TestVault } from '../../helpers/vault';

let vault: TestVault;
let work: string;
let pass: string;
let wrong: string;
let recovery: string;

beforeEach(async () => {
  vault = await createTestVault();
  createCase(vault.session.db, vault.session.user, gamblingIntake('first'), vault.now());
  createCase(vault.session.db, vault.session.user, gamblingIntake('second'), vault.now());
  vault.session.close();
  work = mkdtempSync(join(tmpdir(), 'offramp-cli-backup-'));
  pass = join(work, 'pass.txt');
  wrong = join(work, 'wrong.txt');
  recovery = join(work, 'recovery.txt');
  writeFileSync(pass, `${TEST_PASSPHRASE}\n`);
  writeFileSync(wrong, 'not the right passphrase at all\n');
  writeFileSync(recovery, `${vault.recoveryKey}\n`);
});
afterEach(() => {
  vault.cleanup();
  rmSync(work, { recursive: true, force: true });
});

async function backup(): Promise<{ path: string; name: string }> {
  const run = await runOfframp(['vault', 'backup', '--vault', vault.dir, '--passphrase-file', pass, '--to', work, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { path: string; name: string };
}

function exported(dir: string): string[] {
  const db = openDatabase(databasePath(dir), parseRecoveryKey(vault.recoveryKey));
  try {
    return exportCases(db).map((r) => JSON.stringify(r));
  } finally {
    db.close();
  }
}

describe('offramp vault backup', () => {
  it('writes a verified backup and says where, finding the user from the passphrase', async () => {
    const run = await runOfframp(['vault', 'backup', '--vault', vault.dir, '--passphrase-file', pass, '--to', work]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Backup written and verified: .*offramp-backup-[0-9a-f]{8}-\d{8}T\d{6}Z\n {2}2 cases, [\d.]+ MiB, schema \d+, audit events up to \d+\n {2}SHA-256 of offramp\.db: [0-9a-f]{64}\n$/);
    expect(run.stderr).toBe('Taking a snapshot of the vault…\nCopying to the medium…\nReading back and verifying…\nRecording the backup…\n');
    const session = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: vault.now });
    const actions = (session.db.prepare("SELECT action, actor FROM audit_events WHERE action IN ('vault.unlock', 'vault.backup', 'vault.lock') ORDER BY seq").all() as { action: string }[]).map((r) => r.action);
    session.close();
    // The command's own session, then this test's unlock.
    expect(actions.slice(-4)).toEqual(['vault.unlock', 'vault.backup', 'vault.lock', 'vault.unlock']);
  });

  it('exits 2 on usage errors, 3 on a wrong passphrase', async () => {
    expect((await runOfframp(['vault', 'backup', '--vault', vault.dir, '--passphrase-file', pass])).code).toBe(2);
    const missingTarget = await runOfframp(['vault', 'backup', '--vault', vault.dir, '--passphrase-file', pass, '--to', join(work, 'nope')]);
    expect(missingTarget.code).toBe(2);
    expect(missingTarget.stderr).toMatch(/is not a folder/);
    expect((await runOfframp(['vault', 'backup', '--vault', join(work, 'no-vault'), '--passphrase-file', pass, '--to', work])).code).toBe(2);
    const denied = await runOfframp(['vault', 'backup', '--vault', vault.dir, '--passphrase-file', wrong, '--to', work]);
    expect(denied).toEqual({ code: 3, stdout: '', stderr: 'offramp: Wrong user name or passphrase.\n' });
    expect((await runOfframp(['vault', 'backup', '--vault', vault.dir, '--passphrase-file', pass, '--user', 'Someone Else', '--to', work])).code).toBe(3);
    expect(readdirSync(work).filter((n) => n.startsWith('offramp-backup'))).toEqual([]);
    expect((await runOfframp(['vault', 'backup', '--help'])).stdout).toContain('Exit codes: 0 written and verified');
  });
});

describe('offramp vault restore', () => {
  it('restores into a new folder by passphrase or recovery key, with the same cases', async () => {
    const { path } = await backup();
    const expected = exported(vault.dir);
    const dest = join(work, 'restored');
    const run = await runOfframp(['vault', 'restore', '--from', path, '--vault', dest, '--passphrase-file', pass]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Restored offramp-backup-.* into .*restored: 2 cases, schema \d+\.\nUnlock the vault as usual\.\n$/);
    expect(exported(dest)).toEqual(expected);
    const byKey = await runOfframp(['vault', 'restore', '--from', path, '--vault', join(work, 'by-key'), '--recovery-key-file', recovery, '--json']);
    expect(byKey.code).toBe(0);
    expect(JSON.parse(byKey.stdout)).toMatchObject({ cases: 2, replaced: false });
    expect(exported(join(work, 'by-key'))).toEqual(expected);
  });

  it('exits 2 for an existing vault or mixed credentials, 3 for a wrong key, 4 for a damaged backup — changing nothing', async () => {
    const { path } = await backup();
    const before = folderFingerprint(vault.dir);
    const over = ['vault', 'restore', '--from', path, '--vault', vault.dir];
    const force = ['--force-overwrite', '--reason', 'The workstation disk failed'];
    const existing = await runOfframp([...over, '--passphrase-file', pass]);
    expect(existing.code).toBe(2);
    expect(existing.stderr).toMatch(/already holds a vault\. Restore into a new folder, or add --force-overwrite to replace it/);
    expect((await runOfframp([...over, '--passphrase-file', pass, '--recovery-key-file', recovery])).code).toBe(2);
    // Replacing a vault needs a reason.
    for (const reason of [[], ['--reason', 'too short']]) {
      const unexplained = await runOfframp([...over, '--passphrase-file', pass, '--force-overwrite', ...reason]);
      expect([unexplained.code, unexplained.stderr]).toEqual([2, expect.stringMatching(/needs --reason: at least 10 characters saying why\. Nothing was changed\./)]);
    }
    expect((await runOfframp([...over, '--passphrase-file', wrong, ...force])).code).toBe(3);
    writeFileSync(join(work, 'bad-key.txt'), `${'0f'.repeat(32)}\n`);
    expect((await runOfframp([...over, '--recovery-key-file', join(work, 'bad-key.txt'), ...force])).code).toBe(3);
    expect((await runOfframp(['vault', 'restore', '--from', join(work, 'nothing-here'), '--vault', join(work, 'x'), '--passphrase-file', pass])).code).toBe(2);
    const db = join(path, 'offramp.db');
    writeFileSync(db, readFileSync(db).subarray(0, 8192));
    const damaged = await runOfframp([...over, '--passphrase-file', pass, ...force]);
    expect(damaged.code).toBe(4);
    expect(damaged.stderr).toMatch(/^offramp: The backup offramp-backup-\S+ is damaged: offramp\.db is 8192 bytes, the manifest says \d+ \(truncated or altered\)\. The current vault was not changed\.\n$/);
    expect(folderFingerprint(vault.dir)).toEqual(before);
  });

  it('replaces a vault with --force-overwrite and disposes again of cases disposed of since the backup', async () => {
    const { path } = await backup();
    const session = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: vault.now });
    const first = exportCases(session.db)[0];
    if (first === undefined) throw new Error('no case');
    session.db.prepare("UPDATE cases SET status = 'closed', closed_at = '2015-01-01T00:00:00Z' WHERE id = ?").run(first.case.id);
    await setRules(session.db, session.user, [{ status: 'closed', program: 'any', years: 5, measuredFrom: 'closure', authority: 'Schedule' }], vault.now());
    await disposeCase(session.db, session.user, first.case.id, first.case.number, 'Retention period over under the schedule', vault.now());
    session.close();

    const run = await runOfframp(['vault', 'restore', '--from', path, '--vault', vault.dir, '--passphrase-file', pass, '--force-overwrite', '--reason', 'The workstation disk failed']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 case(s) disposed of after the backup were disposed of again.');
    const restored = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: vault.now });
    try {
      expect(exportCases(restored.db).map((r) => r.case.number)).not.toContain(first.case.number);
      expect(exportCases(restored.db)).toHaveLength(1);
      // The reason is kept on the restore's event in the restored vault.
      const event = restored.db.prepare("SELECT detail FROM audit_events WHERE action = 'vault.restore' ORDER BY seq DESC LIMIT 1").get() as { detail: string };
      expect(JSON.parse(event.detail)).toMatchObject({ replaced: true, reason: 'The workstation disk failed' });
    } finally {
      restored.close();
    }
    expect(readdirSync(join(vault.dir, '..'))).toEqual(['vault']);
  });
});
