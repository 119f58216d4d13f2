import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../electron/backend/vault/audit';
import { DATABASE_FILE } from '../../../electron/backend/vault/database';
import { HEADER_FILE, readHeader } from '../../../electron/backend/vault/keyslots';
import { openWithRecoveryKey } from '../../../electron/backend/vault/vault';
import { ANALYST_PASSPHRASE, cliWorkspace, expectFailure, type CliWorkspace } from '../../helpers/cliVault';

let ws: CliWorkspace;
beforeEach(() => {
  ws = cliWorkspace();
});
afterEach(() => ws.cleanup());

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function withAnalyst(): Promise<{ dir: string; keyFile: string }> {
  const made = await ws.init();
  ws.file('ana.txt', `${ANALYST_PASSPHRASE}\n`);
  const run = await ws.run(['vault', 'add-user', '--vault', made.dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--new-user', 'Ana Lyst', '--new-role', 'analyst', '--new-passphrase-file', 'ana.txt']);
  expect(run.code).toBe(0);
  return made;
}

describe('offramp vault rekey', () => {
  it('writes a new recovery key (0600); the old one stops working; every user still unlocks', async () => {
    const { dir, keyFile } = await withAnalyst();
    const run = await ws.run(['vault', 'rekey', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--recovery-key-out', 'new-key.txt', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const newKey = join(ws.root, 'new-key.txt');
    expect(JSON.parse(run.stdout)).toEqual({ vault: dir, recoveryKeyFile: newKey });
    expect(statSync(newKey).mode & 0o777).toBe(0o600);
    expect(() => openWithRecoveryKey(dir, readFileSync(keyFile, 'utf8'))).toThrow('The key does not open this vault.');
    const db = openWithRecoveryKey(dir, readFileSync(newKey, 'utf8'));
    try {
      expect(listAudit(db, { limit: 5 }).map((e) => e.action)).toContain('vault.rekey');
    } finally {
      db.close();
    }
    expect((await ws.run(['vault', 'check', '--vault', dir, '--user', 'Ana Lyst', '--passphrase-file', 'ana.txt'])).code).toBe(0);
  });

  it('is refused to an analyst with exit 5, and to an existing key file with exit 2; nothing changes', async () => {
    const { dir } = await withAnalyst();
    const before = [sha256(join(dir, DATABASE_FILE)), readFileSync(join(dir, HEADER_FILE), 'utf8')];
    ws.file('taken.txt', 'something\n');
    expectFailure(await ws.run(['vault', 'rekey', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--recovery-key-out', 'taken.txt']), 2, 'already exists');
    expect(readFileSync(join(ws.root, 'taken.txt'), 'utf8')).toBe('something\n');
    expectFailure(await ws.run(['vault', 'rekey', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--recovery-key-out', join(dir, 'key.txt')]), 2, 'vault folder');
    expect([sha256(join(dir, DATABASE_FILE)), readFileSync(join(dir, HEADER_FILE), 'utf8')]).toEqual(before);
    const denied = await ws.run(['vault', 'rekey', '--vault', dir, '--user', 'Ana Lyst', '--passphrase-file', 'ana.txt', '--recovery-key-out', 'ana-key.txt']);
    expectFailure(denied, 5, "You may not change the vault's key. Your role does not allow it. Only a program manager can.");
    expect(existsSync(join(ws.root, 'ana-key.txt'))).toBe(false);
    expect(readHeader(dir).generation).toBe(0);
  });

  it('exits 4 naming the damage when a KDF parameter was tampered with', async () => {
    const { dir } = await ws.init();
    const raw = JSON.parse(readFileSync(join(dir, HEADER_FILE), 'utf8')) as { slots: { kdf: { N: number } }[] };
    raw.slots[0]!.kdf.N = 3000;
    writeFileSync(join(dir, HEADER_FILE), JSON.stringify(raw));
    expectFailure(await ws.run(['vault', 'rekey', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--recovery-key-out', 'k.txt']), 4, 'keyslot file');
    expectFailure(await ws.run(['vault', 'check', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile]), 4, 'keyslot file');
  });
});

describe('offramp vault remove-user', () => {
  it('removes the user and replaces the keys; the removed user gets exit 3; the new recovery key opens', async () => {
    const { dir, keyFile } = await withAnalyst();
    const run = await ws.run(['vault', 'remove-user', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--remove', 'ana lyst', '--recovery-key-out', 'after.txt']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Removed Ana Lyst');
    expectFailure(await ws.run(['vault', 'check', '--vault', dir, '--user', 'Ana Lyst', '--passphrase-file', 'ana.txt']), 3);
    expect(() => openWithRecoveryKey(dir, readFileSync(keyFile, 'utf8'))).toThrow();
    openWithRecoveryKey(dir, readFileSync(join(ws.root, 'after.txt'), 'utf8')).close();
    expect(readHeader(dir).slots.map((s) => s.user)).toEqual(['Dana Whitfield']);
  });

  it('warns when no file for the new recovery key was given, and refuses an unknown user or an analyst', async () => {
    const { dir } = await withAnalyst();
    expectFailure(await ws.run(['vault', 'remove-user', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--remove', 'Nobody Here']), 2, 'There is no user named Nobody Here');
    expectFailure(await ws.run(['vault', 'remove-user', '--vault', dir, '--user', 'Ana Lyst', '--passphrase-file', 'ana.txt', '--remove', 'Dana Whitfield']), 5, 'You may not remove a user. Your role does not allow it. Only a program manager can.');
    const run = await ws.run(['vault', 'remove-user', '--vault', dir, '--user', 'Dana Whitfield', '--passphrase-file', ws.passFile, '--remove', 'Ana Lyst']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('vault rekey --recovery-key-out');
  });
});
