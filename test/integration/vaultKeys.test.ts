import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { createCase } from '../../electron/backend/services/cases';
import { listAudit, verifyAudit } from '../../electron/backend/vault/audit';
import { DATABASE_FILE, rekeyDatabase } from '../../electron/backend/vault/database';
import { HEADER_FILE, readHeader, writeHeader } from '../../electron/backend/vault/keyslots';
import type { VaultSession } from '../../electron/backend/vault/session';
import { addUser, createVault, formatRecoveryKey, openWithRecoveryKey, rekeyVault, removeUser, sealDbKey, UNKNOWN_USER, unlockVault } from '../../electron/backend/vault/vault';
import { openWithSqlcipherTool } from '../helpers/sqlcipher';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

const ANALYST_PASSPHRASE = 'lantern quarry velvet mosaic';
const SECOND_MANAGER_PASSPHRASE = 'harbor pepper granite tulip';

let vault: TestVault;
afterEach(() => vault.cleanup());

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const options = () => ({ now: vault.now, kdf: 'fast-insecure-for-tests' as const });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

async function unlock(user: string, passphrase: string): Promise<VaultSession> {
  return unlockVault(vault.dir, user, passphrase, options());
}

describe('unlocking', () => {
  it('refuses a wrong passphrase and an unknown user alike, leaves the database untouched, and audits the attempts of existing users at the next unlock', async () => {
    vault = await createTestVault();
    createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    vault.session.close();
    const dbPath = join(vault.dir, DATABASE_FILE);
    const before = sha256(dbPath);

    const wrong = await rejection(unlock('Dana Whitfield', 'not the passphrase at all'));
    expect(wrong.code).toBe('auth_failed');
    expect(wrong.message).toBe('Wrong user name or passphrase.');
    // A passphrase typed into the name field must not be kept in the unencrypted header.
    const unknown = await rejection(unlock('swordfish mistaken for a name', TEST_PASSPHRASE));
    expect(unknown.code).toBe('auth_failed');
    expect(unknown.message).toBe(wrong.message);
    expect(sha256(dbPath)).toBe(before);
    expect(readFileSync(join(vault.dir, HEADER_FILE), 'utf8')).not.toContain('swordfish');

    const session = await unlock('dana whitfield', TEST_PASSPHRASE);
    try {
      expect(session.user.name).toBe('Dana Whitfield');
      const events = listAudit(session.db, { limit: 10 }).reverse();
      const tail = events.slice(-2).map((e) => [e.action, e.actor]);
      // A name that is no user's is not recorded at all (it may be a mistyped passphrase).
      expect(tail).toEqual([
        ['vault.unlock_failed', 'Dana Whitfield'],
        ['vault.unlock', 'Dana Whitfield'],
      ]);
      expect(events.some((e) => e.actor === UNKNOWN_USER)).toBe(false);
      expect(verifyAudit(session.db).ok).toBe(true);
    } finally {
      session.close();
    }
    // Recorded once: the next unlock does not repeat them.
    const again = await unlock('Dana Whitfield', TEST_PASSPHRASE);
    try {
      expect(listAudit(again.db, { limit: 500 }).filter((e) => e.action === 'vault.unlock_failed')).toHaveLength(1);
    } finally {
      again.close();
    }
  });

  it('opens with the recovery key alone (administration), and refuses a wrong one', async () => {
    vault = await createTestVault();
    vault.session.close();
    const db = openWithRecoveryKey(vault.dir, vault.recoveryKey.toUpperCase().replace(/-/g, ' '));
    try {
      expect(verifyAudit(db).ok).toBe(true);
    } finally {
      db.close();
    }
    const wrong = refusal(() => openWithRecoveryKey(vault.dir, '0'.repeat(64)));
    expect(wrong.code).toBe('auth_failed');
    expect(refusal(() => openWithRecoveryKey(vault.dir, '12-34')).code).toBe('invalid_input');
  });
});

describe('rekey', () => {
  it('issues a new recovery key: the old one stops working, the new one works, every user still unlocks', async () => {
    vault = await createTestVault();
    await addUser(vault.session, { name: 'Ana Lyst', role: 'analyst', passphrase: ANALYST_PASSPHRASE }, options());
    const { id } = createCase(vault.session.db, vault.session.user, gamblingIntake('before the rekey'), vault.now());
    const newKey = await rekeyVault(vault.session, TEST_PASSPHRASE, options());
    expect(newKey).not.toBe(vault.recoveryKey);
    expect(newKey).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){15}$/);
    // The open session keeps working across the rekey.
    createCase(vault.session.db, vault.session.user, gamblingIntake('after the rekey'), vault.now());
    vault.session.close();

    const dbPath = join(vault.dir, DATABASE_FILE);
    await expect(openWithSqlcipherTool(dbPath, vault.recoveryKey)).rejects.toThrow(/not a database/);
    const tool = await openWithSqlcipherTool(dbPath, newKey);
    try {
      const row = await tool.get<{ narrative: string }>('SELECT narrative FROM reports WHERE case_id = ?', id);
      expect(row?.narrative).toContain('before the rekey');
      expect((await tool.get<{ n: number }>('SELECT count(*) AS n FROM cases'))?.n).toBe(2);
    } finally {
      await tool.close();
    }

    for (const [user, passphrase] of [
      ['Dana Whitfield', TEST_PASSPHRASE],
      ['Ana Lyst', ANALYST_PASSPHRASE],
    ] as const) {
      const session = await unlock(user, passphrase);
      try {
        expect(session.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 2 });
        expect(verifyAudit(session.db).ok).toBe(true);
      } finally {
        session.close();
      }
    }
    expect(refusal(() => openWithRecoveryKey(vault.dir, vault.recoveryKey)).code).toBe('auth_failed');
    openWithRecoveryKey(vault.dir, newKey).close();
  });

  it('needs the program manager and their passphrase', async () => {
    vault = await createTestVault();
    expect((await rejection(rekeyVault(vault.session, 'not the passphrase at all', options()))).code).toBe('auth_failed');
    await addUser(vault.session, { name: 'Ana Lyst', role: 'analyst', passphrase: ANALYST_PASSPHRASE }, options());
    const analyst = await unlock('Ana Lyst', ANALYST_PASSPHRASE);
    try {
      expect((await rejection(rekeyVault(analyst, ANALYST_PASSPHRASE, options()))).code).toBe('forbidden');
    } finally {
      analyst.close();
    }
    vault.session.close();
    openWithRecoveryKey(vault.dir, vault.recoveryKey).close();
  });
});

describe('an interrupted rekey', () => {
  it('stopped after the new key was recorded but before the database changed: unlock keeps the old key', async () => {
    vault = await createTestVault();
    const header = readHeader(vault.dir);
    writeHeader(vault.dir, { ...header, pendingDbKey: sealDbKey(vault.session.masterKey, randomBytes(32), header.vaultId) });
    vault.session.close();
    const session = await unlock('Dana Whitfield', TEST_PASSPHRASE);
    session.close();
    expect(readHeader(vault.dir).pendingDbKey).toBeUndefined();
    openWithRecoveryKey(vault.dir, vault.recoveryKey).close();
  });

  it('stopped after the database was re-encrypted but before the header was final: unlock adopts the new key', async () => {
    vault = await createTestVault();
    createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const header = readHeader(vault.dir);
    const newKey = randomBytes(32);
    writeHeader(vault.dir, { ...header, pendingDbKey: sealDbKey(vault.session.masterKey, newKey, header.vaultId) });
    rekeyDatabase(vault.session.db, newKey);
    vault.session.close();

    const session = await unlock('Dana Whitfield', TEST_PASSPHRASE);
    try {
      expect(session.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
      expect(verifyAudit(session.db).ok).toBe(true);
    } finally {
      session.close();
    }
    expect(readHeader(vault.dir).pendingDbKey).toBeUndefined();
    expect(refusal(() => openWithRecoveryKey(vault.dir, vault.recoveryKey)).code).toBe('auth_failed');
    openWithRecoveryKey(vault.dir, formatRecoveryKey(newKey)).close();
  });
});

describe('a damaged vault', () => {
  it('is an integrity failure, not a wrong passphrase, when the database does not open with its own key', async () => {
    vault = await createTestVault();
    vault.session.close();
    const other = await createTestVault();
    other.session.close();
    const dbPath = join(vault.dir, DATABASE_FILE);
    try {
      renameSync(join(other.dir, DATABASE_FILE), `${dbPath}.replacement`);
      renameSync(dbPath, `${dbPath}.original`);
      renameSync(`${dbPath}.replacement`, dbPath);
      const replaced = await rejection(unlock('Dana Whitfield', TEST_PASSPHRASE));
      expect(replaced.code).toBe('integrity');
      expect(replaced.message).toMatch(/damaged or was replaced/);
      rmSync(dbPath);
      const missing = await rejection(unlock('Dana Whitfield', TEST_PASSPHRASE));
      expect(missing.code).toBe('integrity');
      expect(missing.message).toMatch(/lost its database file/);
      renameSync(`${dbPath}.original`, dbPath);
      (await unlock('Dana Whitfield', TEST_PASSPHRASE)).close();
    } finally {
      other.cleanup();
    }
  });
});

describe('a damaged page', () => {
  it('is an integrity failure at unlock, not an unexpected error', async () => {
    vault = await createTestVault();
    for (let i = 0; i < 20; i++) createCase(vault.session.db, vault.session.user, gamblingIntake('x'.repeat(400)), vault.now());
    vault.session.close();
    const dbPath = join(vault.dir, DATABASE_FILE);
    const pageSize = 4096;
    expect(statSync(dbPath).size / pageSize).toBeGreaterThan(20);
    const fd = openSync(dbPath, 'r+');
    try {
      // Page 2 holds the start of the schema's tables; its authentication code no longer matches.
      writeSync(fd, Buffer.from('garbage!'), 0, 8, pageSize + 100);
    } finally {
      closeSync(fd);
    }
    const unlocked = await rejection(unlock('Dana Whitfield', TEST_PASSPHRASE));
    expect(unlocked.code).toBe('integrity');
    expect(unlocked.message).toMatch(/damaged/);
  });
});

describe('refusal time', () => {
  it('does not tell whether a user name exists: an unknown user costs a key derivation too', async () => {
    const root = mkdtempSync(join(tmpdir(), 'offramp-timing-'));
    const dir = join(root, 'vault');
    try {
      // The default (slow) KDF, so the difference would be hundreds of milliseconds.
      const { session } = await createVault(dir, { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE }, { now: () => new Date() });
      session.close();
      const timed = async (user: string) => {
        const started = performance.now();
        await expect(unlockVault(dir, user, 'not the passphrase at all', { now: () => new Date() })).rejects.toThrow('Wrong user name or passphrase.');
        return performance.now() - started;
      };
      const wrongPassphrase = await timed('Dana Whitfield');
      const unknownUser = await timed('Nobody Here');
      expect(wrongPassphrase).toBeGreaterThan(100);
      expect(unknownUser).toBeGreaterThan(wrongPassphrase / 2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('users', () => {
  it('refuses add-user by a non-manager, and a duplicate name', async () => {
    vault = await createTestVault();
    await addUser(vault.session, { name: 'Ana Lyst', role: 'analyst', passphrase: ANALYST_PASSPHRASE }, options());
    expect((await rejection(addUser(vault.session, { name: 'ana lyst', role: 'legal', passphrase: SECOND_MANAGER_PASSPHRASE }, options()))).code).toBe('conflict');
    const analyst = await unlock('Ana Lyst', ANALYST_PASSPHRASE);
    try {
      const refused = await rejection(addUser(analyst, { name: 'Eve Extra', role: 'program_manager', passphrase: SECOND_MANAGER_PASSPHRASE }, options()));
      expect(refused.code).toBe('forbidden');
      expect(refused.message).toMatch(/program manager/);
    } finally {
      analyst.close();
    }
    await expect(unlock('Eve Extra', SECOND_MANAGER_PASSPHRASE)).rejects.toThrow('Wrong user name or passphrase.');
  });

  it('refuses to remove the last program manager', async () => {
    vault = await createTestVault();
    const refused = refusal(() => removeUser(vault.session, 'Dana Whitfield', options()));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toBe('The last program manager cannot be removed.');
    await addUser(vault.session, { name: 'Mia Manager', role: 'program_manager', passphrase: SECOND_MANAGER_PASSPHRASE }, options());
    removeUser(vault.session, 'Mia Manager', options());
    expect(refusal(() => removeUser(vault.session, 'Dana Whitfield', options())).message).toBe('The last program manager cannot be removed.');
    // With a second manager back (a removed name can be added again), removing oneself is still refused.
    await addUser(vault.session, { name: 'Mia Manager', role: 'program_manager', passphrase: SECOND_MANAGER_PASSPHRASE }, options());
    expect(refusal(() => removeUser(vault.session, 'Dana Whitfield', options())).message).toBe('You cannot remove yourself.');
  });

  it('a removed user can no longer unlock; the removal is audited', async () => {
    vault = await createTestVault();
    await addUser(vault.session, { name: 'Ana Lyst', role: 'analyst', passphrase: ANALYST_PASSPHRASE }, options());
    (await unlock('Ana Lyst', ANALYST_PASSPHRASE)).close();
    removeUser(vault.session, 'Ana Lyst', options());
    const actions = listAudit(vault.session.db, { limit: 5 }).map((e) => [e.action, e.detail['user']]);
    expect(actions[0]).toEqual(['user.remove', 'Ana Lyst']);
    const refused = await rejection(unlock('Ana Lyst', ANALYST_PASSPHRASE));
    expect(refused.code).toBe('auth_failed');
  });
});
