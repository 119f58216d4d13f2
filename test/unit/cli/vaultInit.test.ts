import { readFileSync, statSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHeader } from '../../../electron/backend/vault/keyslots';
import { openWithRecoveryKey, unlockVault } from '../../../electron/backend/vault/vault';
import { listAudit } from '../../../electron/backend/vault/audit';
import { runOfframp } from '../../helpers/cli';
import { cliWorkspace, expectFailure, type CliWorkspace } from '../../helpers/cliVault';
import { TEST_PASSPHRASE } from '../../helpers/vault';

let ws: CliWorkspace;
beforeEach(() => {
  ws = cliWorkspace();
});
afterEach(() => ws.cleanup());

describe('offramp vault init', () => {
  it('creates a vault, writes the recovery key to a new 0600 file, locks again, and prints a summary', async () => {
    const dir = join(ws.root, 'vault');
    const keyFile = join(ws.root, 'recovery.txt');
    const run = await ws.run(['vault', 'init', '--vault', 'vault', '--user', 'Dana Whitfield', '--role', 'program_manager', '--passphrase-file', 'pass.txt', '--recovery-key-out', 'recovery.txt']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Created a vault in ${dir}.`);
    expect(run.stdout).toContain('Dana Whitfield (program_manager)');
    expect(run.stdout).toContain(keyFile);
    expect(run.stderr).toContain('OFFRAMP_TEST_FAST_KDF=1');

    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = readFileSync(keyFile, 'utf8');
    expect(key).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){15}\n$/);
    // The recovery key is never printed.
    expect(run.stdout).not.toContain(key.trim());
    expect(run.stdout).not.toContain(key.trim().replace(/-/g, ''));

    const db = openWithRecoveryKey(dir, key);
    try {
      expect(listAudit(db, { limit: 10 }).map((e) => e.action).reverse()).toEqual(['vault.create', 'grants.signed', 'grants.established', 'vault.lock']);
    } finally {
      db.close();
    }
    expect(readHeader(dir).slots.map((s) => [s.user, s.kdf.N])).toEqual([['Dana Whitfield', 1024]]);
    const session = await unlockVault(dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: () => new Date() });
    expect(session.user.role).toBe('program_manager');
    expect(session.training).toBe(false);
    session.close();
  });

  it('uses the default KDF unless OFFRAMP_TEST_FAST_KDF=1, and --json and --training work', async () => {
    const dir = join(ws.root, 'slow');
    const run = await runOfframp(
      ['vault', 'init', '--vault', dir, '--user', 'Dana Whitfield', '--role', 'analyst', '--passphrase-file', ws.passFile, '--recovery-key-out', join(ws.root, 'slow-key.txt'), '--training', '--json'],
      { env: {} },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('OFFRAMP_TEST_FAST_KDF');
    expect(run.stderr).toContain('not a program manager');
    expect(JSON.parse(run.stdout)).toMatchObject({ vault: dir, user: { name: 'Dana Whitfield', role: 'analyst' }, training: true, trainingCases: 6, recoveryKeyFile: join(ws.root, 'slow-key.txt') });
    expect(readHeader(dir).slots[0]?.kdf.N).toBe(2 ** 17);
  });

  it.each(['Summer2026!!!', 'January2026!!', '1q2w3e4r5t6y!'])('refuses %j (long enough, but the strength estimator finds it guessable), creating nothing', async (weak) => {
    ws.file('weak.txt', `${weak}\n`);
    const run = await ws.run(['vault', 'init', '--vault', 'v', '--user', 'Dana Whitfield', '--role', 'program_manager', '--passphrase-file', 'weak.txt', '--recovery-key-out', 'k.txt']);
    expectFailure(run, 2, 'The passphrase is too weak');
    expect(run.stderr).toMatch(/guessing tools|commonly used/);
    expect(existsSync(join(ws.root, 'v'))).toBe(false);
  });

  it('refuses a weak passphrase with the reasons, creating nothing', async () => {
    ws.file('weak.txt', 'password123\n');
    const run = await ws.run(['vault', 'init', '--vault', 'v', '--user', 'Dana Whitfield', '--role', 'program_manager', '--passphrase-file', 'weak.txt', '--recovery-key-out', 'k.txt']);
    expectFailure(run, 2, 'The passphrase is too weak', 'Use at least 12 characters', 'commonly used password');
    expect(existsSync(join(ws.root, 'v'))).toBe(false);
    expect(existsSync(join(ws.root, 'k.txt'))).toBe(false);
  });

  it('refuses a folder that is not empty, an existing key file, a key file inside the vault, bad names and roles', async () => {
    const base = ['--user', 'Dana Whitfield', '--role', 'program_manager', '--passphrase-file', 'pass.txt'];
    mkdirSync(join(ws.root, 'full'));
    ws.file('full/notes.txt', 'x');
    expectFailure(await ws.run(['vault', 'init', '--vault', 'full', ...base, '--recovery-key-out', 'k.txt']), 2, 'full is not empty');
    ws.file('taken.txt', 'something precious\n');
    expectFailure(await ws.run(['vault', 'init', '--vault', 'v', ...base, '--recovery-key-out', 'taken.txt']), 2, 'taken.txt already exists');
    expect(readFileSync(join(ws.root, 'taken.txt'), 'utf8')).toBe('something precious\n');
    expectFailure(await ws.run(['vault', 'init', '--vault', 'v', ...base, '--recovery-key-out', 'v/key.txt']), 2, 'must not be kept in the vault folder');
    expectFailure(await ws.run(['vault', 'init', '--vault', 'v', ...base, '--recovery-key-out', 'nowhere/key.txt']), 2, 'does not exist');
    expectFailure(await ws.run(['vault', 'init', '--vault', 'v', '--user', 'Dana Whitfield', '--role', 'boss', '--passphrase-file', 'pass.txt', '--recovery-key-out', 'k.txt']), 2, 'Unknown role "boss"', 'program_manager, analyst');
    expectFailure(await ws.run(['vault', 'init', '--vault', 'v', '--user', '<script>', '--role', 'analyst', '--passphrase-file', 'pass.txt', '--recovery-key-out', 'k.txt']), 2, 'Invalid user name');
    expectFailure(await ws.run(['vault', 'init', '--vault', 'v', ...base]), 2, 'Missing --recovery-key-out');
    expectFailure(await ws.run(['vault', 'init', '--vault', 'v', '--user', 'Dana Whitfield', '--role', 'analyst', '--recovery-key-out', 'k.txt']), 2, 'No passphrase given');
    expect(readdirSync(ws.root).sort()).toEqual(['full', 'pass.txt', 'taken.txt']);
  });

  it('accepts an empty existing folder', async () => {
    mkdirSync(join(ws.root, 'empty'));
    await ws.init('empty');
    expect(readdirSync(join(ws.root, 'empty')).sort()).toEqual(['keyslots.json', 'offramp.db']);
  });

  it('has a thorough --help', async () => {
    const run = await ws.run(['vault', 'init', '--help']);
    expect(run.code).toBe(0);
    for (const part of ['--vault DIR', '--recovery-key-out', 'mode 0600', 'SQLCipher 4', 'Exit codes', 'Example']) expect(run.stdout).toContain(part);
  });
});
