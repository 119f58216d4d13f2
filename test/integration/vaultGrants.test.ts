import { spawn } from 'node:child_process';
import { createHash, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { listAudit } from '../../electron/backend/vault/audit';
import { grantHash, grantPayload, publicKeyText, type GrantRecord } from '../../electron/backend/vault/grants';
import { findSlot, isUserSlot, openSlot, readHeader, writeHeader } from '../../electron/backend/vault/keyslots';
import type { VaultSession } from '../../electron/backend/vault/session';
import { addUser, changeUserRole, openWithRecoveryKey, removeUser, unlockVault } from '../../electron/backend/vault/vault';
import type { Db } from '../../electron/backend/vault/database';
import { LATEST_VERSION, schemaVersion } from '../../electron/backend/vault/migrations';
import { migration0008 } from '../../electron/backend/vault/migrations/0008-role-grants';
import { versionBefore } from '../../electron/backend/vault/migrations/freshDatabase.test-helper';
import { bundleForNode } from '../helpers/bundleNode';
import { rebuildAtSchema } from '../helpers/oldSchema';
import { createTestVault, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

const ANA = 'lantern quarry velvet mosaic';
const MIA = 'harbor pepper granite tulip';
const BOB = 'saffron glacier beacon thimble';

const work = mkdtempSync(join(tmpdir(), 'offramp-grants-'));
const cli = join(work, 'offramp.cjs');
beforeAll(async () => {
  await bundleForNode(resolve(import.meta.dirname, '..', '..', 'electron', 'backend', 'cli', 'entry.ts'), cli);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let vault: TestVault;
let recoveryKey: string;
afterEach(() => vault.cleanup());

const options = () => ({ now: vault.now, kdf: 'fast-insecure-for-tests' as const });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

async function withSession<T>(user: string, passphrase: string, fn: (s: VaultSession) => T | Promise<T>): Promise<T> {
  const session = await unlockVault(vault.dir, user, passphrase, options());
  try {
    return await fn(session);
  } finally {
    session.close();
  }
}

/** A hub: Dana (creator, program manager), Ana (analyst), Mia (program manager); the session is closed. */
async function hub(): Promise<void> {
  vault = await createTestVault();
  recoveryKey = vault.recoveryKey;
  await addUser(vault.session, { name: 'Ana Lyst', role: 'analyst', passphrase: ANA }, options());
  await addUser(vault.session, { name: 'Mia Manager', role: 'program_manager', passphrase: MIA }, options());
  vault.session.close();
}

/** Writes to the database directly with the database (recovery) key, as a key holder outside Offramp could. */
function tamper(fn: (db: Db) => void): void {
  const db = openWithRecoveryKey(vault.dir, recoveryKey);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

/** Every user is refused with an integrity failure that names `named`. */
async function expectRefused(named: string): Promise<void> {
  for (const [user, passphrase] of [
    ['Ana Lyst', ANA],
    ['Dana Whitfield', TEST_PASSPHRASE],
  ] as const) {
    const refused = await rejection(unlockVault(vault.dir, user, passphrase, options()));
    expect(refused.code).toBe('integrity');
    expect(refused.message).toContain(named);
  }
  tamper((db) => {
    const refusals = listAudit(db, { limit: 10_000 }).filter((e) => e.action === 'vault.grants_refused');
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });
}

function runCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: work, env: { ...process.env, OFFRAMP_TEST_FAST_KDF: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stderr }));
  });
}

describe('the legitimate path', () => {
  it('the creator’s grant is self-signed and pinned; a program manager adds users and changes roles, and each role comes from its verified grant', async () => {
    await hub();
    const header = readHeader(vault.dir);
    const dana = findSlot(header, 'Dana Whitfield');
    expect(dana !== undefined && isUserSlot(dana) && header.creatorSigningKey === dana.signingPublicKey).toBe(true);

    await withSession('Mia Manager', MIA, async (mia) => {
      expect(mia.user.role).toBe('program_manager');
      await addUser(mia, { name: 'Bob Builder', role: 'security', passphrase: BOB }, options());
      expect(changeUserRole(mia, 'Ana Lyst', 'legal', options())).toEqual({ name: 'Ana Lyst', role: 'legal' });
    });
    await withSession('Ana Lyst', ANA, (ana) => expect(ana.user.role).toBe('legal'));
    await withSession('Bob Builder', BOB, (bob) => expect(bob.user.role).toBe('security'));
    await withSession('Dana Whitfield', TEST_PASSPHRASE, (dana) => {
      removeUser(dana, 'Bob Builder', options());
      const grants = dana.db.prepare('SELECT kind, user_name, role, granted_by FROM role_grants ORDER BY seq').all();
      expect(grants).toEqual([
        { kind: 'grant', user_name: 'Dana Whitfield', role: 'program_manager', granted_by: 'Dana Whitfield' },
        { kind: 'grant', user_name: 'Ana Lyst', role: 'analyst', granted_by: 'Dana Whitfield' },
        { kind: 'grant', user_name: 'Mia Manager', role: 'program_manager', granted_by: 'Dana Whitfield' },
        { kind: 'grant', user_name: 'Bob Builder', role: 'security', granted_by: 'Mia Manager' },
        { kind: 'grant', user_name: 'Ana Lyst', role: 'legal', granted_by: 'Mia Manager' },
        { kind: 'removal', user_name: 'Bob Builder', role: null, granted_by: 'Dana Whitfield' },
      ]);
    });
    await withSession('Dana Whitfield', TEST_PASSPHRASE, (dana) => {
      changeUserRole(dana, 'Mia Manager', 'analyst', options());
      expect(() => changeUserRole(dana, 'Dana Whitfield', 'analyst', options())).toThrow('The last program manager cannot give up the role.');
    });
    await withSession('Mia Manager', MIA, (mia) => expect(mia.user.role).toBe('analyst'));
  });

  it('a vault from before grants gets them at its first program manager’s unlock (trust on first use, audited)', async () => {
    vault = await createTestVault({ withoutGrants: true });
    recoveryKey = vault.recoveryKey;
    await addUser(vault.session, { name: 'Ana Lyst', role: 'analyst', passphrase: ANA }, options());
    // The database as the Offramp before grants wrote it: schema 7, without the grant table.
    const old = rebuildAtSchema(vault, versionBefore(migration0008));
    expect(schemaVersion(old.db)).toBe(7);
    expect(old.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'role_grants'").get()).toEqual({ n: 0 });
    old.db.close();
    old.key.fill(0);
    expect(readHeader(vault.dir).creatorSigningKey).toBeUndefined();
    // An analyst's unlock does not establish anything.
    await withSession('Ana Lyst', ANA, (ana) => {
      expect(schemaVersion(ana.db)).toBe(LATEST_VERSION);
      expect(ana.db.prepare('SELECT count(*) AS n FROM role_grants').get()).toEqual({ n: 0 });
    });
    await withSession('Dana Whitfield', TEST_PASSPHRASE, (dana) => {
      const established = listAudit(dana.db, { limit: 10_000 }).filter((e) => e.action === 'grants.established');
      expect(established).toHaveLength(1);
      expect(established[0]?.detail).toMatchObject({ users: ['Dana Whitfield', 'Ana Lyst'], trustOnFirstUse: true });
    });
    expect(readHeader(vault.dir).creatorSigningKey).toBeDefined();
    tamper((db) => db.prepare("UPDATE users SET role = 'program_manager' WHERE name = 'Ana Lyst'").run());
    await expectRefused('Ana Lyst');
  });
});

describe('a key holder cannot forge a grant', () => {
  it('an analyst who sets their own role to program_manager is detected at the next unlock, and the CLI exits 4', async () => {
    await hub();
    tamper((db) => db.prepare("UPDATE users SET role = 'program_manager' WHERE name = 'Ana Lyst'").run());
    await expectRefused('Ana Lyst');
    const passFile = join(work, 'ana.pass');
    writeFileSync(passFile, ANA);
    const check = await runCli(['vault', 'check', '--vault', vault.dir, '--user', 'Ana Lyst', '--passphrase-file', passFile]);
    expect(check.code).toBe(4);
    expect(check.stderr).toContain('Ana Lyst');
  });

  it('a program manager row added directly is detected, naming that user', async () => {
    await hub();
    tamper((db) => db.prepare("INSERT INTO users (name, role, created_at) VALUES ('Eve Intruder', 'program_manager', '2026-11-20T10:00:00Z')").run());
    await expectRefused('Eve Intruder');
  });

  it('a deleted removal record is detected, naming the removed user', async () => {
    await hub();
    await withSession('Dana Whitfield', TEST_PASSPHRASE, async (dana) => {
      await addUser(dana, { name: 'Bob Builder', role: 'program_manager', passphrase: BOB }, options());
      recoveryKey = removeUser(dana, 'Bob Builder', options());
    });
    tamper((db) => {
      db.exec('DROP TRIGGER role_grants_no_delete');
      db.prepare("DELETE FROM role_grants WHERE kind = 'removal'").run();
      db.prepare("UPDATE users SET removed_at = NULL WHERE name = 'Bob Builder'").run();
    });
    await expectRefused('Bob Builder');
  });

  it('a grant re-signed with the analyst’s own key is detected: she was not a program manager', async () => {
    await hub();
    const header = readHeader(vault.dir);
    const slot = findSlot(header, 'Ana Lyst');
    const opened = slot === undefined ? null : await openSlot(header.vaultId, slot, ANA);
    if (opened === null || opened.keys === null || slot === undefined || !isUserSlot(slot)) throw new Error('Ana has no keys');
    const signer = opened.keys.signingKey;
    tamper((db) => {
      const last = db.prepare('SELECT hash FROM role_grants ORDER BY seq DESC LIMIT 1').get() as { hash: string };
      const record: GrantRecord = {
        kind: 'grant',
        vaultId: header.vaultId,
        userName: 'Ana Lyst',
        role: 'program_manager',
        userKey: slot.signingPublicKey,
        grantedBy: 'Ana Lyst',
        signerKey: publicKeyText(signer),
        at: '2026-11-20T11:00:00Z',
        prevHash: last.hash,
      };
      db.prepare(
        'INSERT INTO role_grants (kind, vault_id, user_name, role, user_key, granted_by, signer_key, at, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(record.kind, record.vaultId, record.userName, record.role, record.userKey, record.grantedBy, record.signerKey, record.at, record.prevHash, grantHash(record), sign(null, grantPayload(record), signer).toString('base64'));
      db.prepare("UPDATE users SET role = 'program_manager' WHERE name = 'Ana Lyst'").run();
    });
    await expectRefused('Ana Lyst');
  });

  it('a grant whose role was edited in place breaks its signature', async () => {
    await hub();
    tamper((db) => {
      db.exec('DROP TRIGGER role_grants_no_update');
      db.prepare("UPDATE role_grants SET role = 'program_manager' WHERE user_name = 'Ana Lyst'").run();
      db.prepare("UPDATE users SET role = 'program_manager' WHERE name = 'Ana Lyst'").run();
    });
    await expectRefused('Ana Lyst');
  });

  it('a swapped creator key, in the header or in the database, is detected', async () => {
    await hub();
    const original = readHeader(vault.dir);
    writeHeader(vault.dir, { ...original, creatorSigningKey: createHash('sha256').update('other').digest('base64') });
    await expectRefused('Dana Whitfield');
    writeHeader(vault.dir, original);
    tamper((db) => db.prepare("UPDATE settings SET value = 'AAAA' WHERE key = 'grants_creator_key'").run());
    await expectRefused('Dana Whitfield');
  });

  it('a session whose role no longer verifies is refused before it acts as a program manager', async () => {
    await hub();
    const mia = await unlockVault(vault.dir, 'Mia Manager', MIA, options());
    try {
      tamper((db) => db.prepare("UPDATE users SET role = 'program_manager' WHERE name = 'Ana Lyst'").run());
      const refused = await rejection(addUser(mia, { name: 'Bob Builder', role: 'analyst', passphrase: BOB }, options()));
      expect(refused.code).toBe('integrity');
      expect(refused.message).toContain('Ana Lyst');
      expect(mia.db.prepare("SELECT count(*) AS n FROM users WHERE name = 'Bob Builder'").get()).toEqual({ n: 0 });
    } finally {
      mia.close();
    }
  });
});
