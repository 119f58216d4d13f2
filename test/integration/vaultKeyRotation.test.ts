import { spawn } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { createCase } from '../../electron/backend/services/cases';
import { listAudit, verifyAudit } from '../../electron/backend/vault/audit';
import { databasePath, integrityProblems, openDatabase } from '../../electron/backend/vault/database';
import { deriveKey, newKdfParams } from '../../electron/backend/vault/kdf';
import { LATEST_VERSION, schemaVersion } from '../../electron/backend/vault/migrations';
import { migration0008 } from '../../electron/backend/vault/migrations/0008-role-grants';
import { versionBefore } from '../../electron/backend/vault/migrations/freshDatabase.test-helper';
import { findSlot, headerSchema, isUserSlot, MAX_FAILED_UNLOCKS, openSlot, readHeader, writeHeader, type Header } from '../../electron/backend/vault/keyslots';
import type { VaultSession } from '../../electron/backend/vault/session';
import {
  addUser,
  changePassphrase,
  databaseReplaced,
  openWithRecoveryKey,
  rekeyVault,
  removeUser,
  unlockVault,
  unwrapDatabaseKey,
  userSigningKey,
} from '../../electron/backend/vault/vault';
import { verify } from 'node:crypto';
import { signBytes } from '../../electron/backend/packets/signing';
import { createContext } from '../../electron/backend/context';
import { bundleForNode } from '../helpers/bundleNode';
import { rebuildAtSchema } from '../helpers/oldSchema';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

const ANA = 'lantern quarry velvet mosaic';
const MIA = 'harbor pepper granite tulip';
const NEW_DANA = 'meadow cobalt lighthouse anvil';

const work = mkdtempSync(join(tmpdir(), 'offramp-keys-'));
const cli = join(work, 'offramp.cjs');
beforeAll(async () => {
  await bundleForNode(resolve(import.meta.dirname, '..', '..', 'electron', 'backend', 'cli', 'entry.ts'), cli);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

let vault: TestVault;
afterEach(() => vault.cleanup());

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

async function withSession<T>(dir: string, user: string, passphrase: string, fn: (s: VaultSession) => T | Promise<T>): Promise<T> {
  const session = await unlockVault(dir, user, passphrase, options());
  try {
    return await fn(session);
  } finally {
    session.close();
  }
}

/** The database key that a (possibly old) header and a passphrase yield. */
async function dbKeyFrom(header: Header, user: string, passphrase: string): Promise<Buffer> {
  const slot = findSlot(header, user);
  if (slot === undefined) throw new Error(`no slot for ${user}`);
  const opened = await openSlot(header.vaultId, slot, passphrase);
  if (opened === null) throw new Error('the passphrase does not open the slot');
  return unwrapDatabaseKey(header, opened.masterKey);
}

function opensCurrentDatabase(dir: string, key: Buffer): boolean {
  try {
    openDatabase(databasePath(dir), key).close();
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'auth_failed') return false;
    throw error;
  }
}

async function vaultWithUsers(withoutGrants = false): Promise<void> {
  vault = await createTestVault({ withoutGrants });
  createCase(vault.session.db, vault.session.user, gamblingIntake('before'), vault.now());
  await addUser(vault.session, { name: 'Ana Lyst', role: 'analyst', passphrase: ANA }, options());
  await addUser(vault.session, { name: 'Mia Manager', role: 'program_manager', passphrase: MIA }, options());
}

describe('removal is final', () => {
  it("after remove-user, nothing the removed user kept opens the vault as it now is, and the others need nobody's passphrase", async () => {
    await vaultWithUsers();
    const keptHeader = readHeader(vault.dir);
    const oldBackup = join(work, 'old-backup');
    cpSync(vault.dir, oldBackup, { recursive: true });
    const keptDbKey = await dbKeyFrom(keptHeader, 'Ana Lyst', ANA);
    expect(opensCurrentDatabase(vault.dir, keptDbKey)).toBe(true);

    const recoveryKey = removeUser(vault.session, 'Ana Lyst', options());
    expect(listAudit(vault.session.db, { limit: 1 })[0]).toMatchObject({ action: 'user.remove', actor: 'Dana Whitfield' });
    vault.session.close();

    expect((await rejection(unlockVault(vault.dir, 'Ana Lyst', ANA, options()))).code).toBe('auth_failed');
    // Her saved keyslot file and passphrase yield the old database key, which opens nothing now.
    expect(opensCurrentDatabase(vault.dir, keptDbKey)).toBe(false);
    expect(opensCurrentDatabase(vault.dir, await dbKeyFrom(readHeader(join(oldBackup)), 'Ana Lyst', ANA))).toBe(false);
    // Put her old keyslot file back in place: still nothing opens.
    const current = readFileSync(join(vault.dir, 'keyslots.json'));
    writeHeader(vault.dir, keptHeader);
    expect((await rejection(unlockVault(vault.dir, 'Ana Lyst', ANA, options()))).code).toBe('integrity');
    writeFileSync(join(vault.dir, 'keyslots.json'), current);
    // The old recovery key is dead; the new one opens.
    expect(() => openWithRecoveryKey(vault.dir, vault.recoveryKey)).toThrow(AppError);
    openWithRecoveryKey(vault.dir, recoveryKey).close();
    // The remaining users unlock with their own passphrases, unchanged, and see everything.
    for (const [user, passphrase] of [
      ['Mia Manager', MIA],
      ['Dana Whitfield', TEST_PASSPHRASE],
    ] as const) {
      await withSession(vault.dir, user, passphrase, (s) => {
        expect((s.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(1);
        expect(verifyAudit(s.db).ok).toBe(true);
        expect(integrityProblems(s.db)).toEqual([]);
      });
    }
    expect(readHeader(vault.dir).slots.map((s) => s.user)).toEqual(['Dana Whitfield', 'Mia Manager']);
  });

  it("after a rekey, an old backup's keyslot file opens nothing of the vault as it now is", async () => {
    await vaultWithUsers();
    const oldHeader = readHeader(vault.dir);
    const before = await dbKeyFrom(oldHeader, 'Dana Whitfield', TEST_PASSPHRASE);
    const recoveryKey = await rekeyVault(vault.session, TEST_PASSPHRASE, options());
    expect(readHeader(vault.dir).generation).toBe((oldHeader.generation ?? 0) + 1);
    // The session goes on in the re-encrypted file.
    createCase(vault.session.db, vault.session.user, gamblingIntake('after'), vault.now());
    vault.session.close();
    expect(opensCurrentDatabase(vault.dir, before)).toBe(false);
    // The master key changed too: the old header's master key does not unwrap the new database key.
    const oldMaster = (await openSlot(oldHeader.vaultId, findSlot(oldHeader, 'Ana Lyst')!, ANA))!.masterKey;
    expect(() => unwrapDatabaseKey(readHeader(vault.dir), oldMaster)).toThrow(/does not decrypt/);
    openWithRecoveryKey(vault.dir, recoveryKey).close();
    for (const [user, passphrase] of [
      ['Ana Lyst', ANA],
      ['Mia Manager', MIA],
    ] as const) {
      await withSession(vault.dir, user, passphrase, (s) => expect((s.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(2));
    }
  });
});

describe('one header writer', () => {
  it('add-user and rekey overlapping in one process lose nothing', async () => {
    await vaultWithUsers();
    const [added, recoveryKey] = await Promise.all([
      addUser(vault.session, { name: 'Noor Analyst', role: 'analyst', passphrase: 'saffron glacier beacon thimble' }, options()),
      rekeyVault(vault.session, TEST_PASSPHRASE, options()),
    ]);
    expect(added.name).toBe('Noor Analyst');
    vault.session.close();
    openWithRecoveryKey(vault.dir, recoveryKey).close();
    for (const [user, passphrase] of [
      ['Noor Analyst', 'saffron glacier beacon thimble'],
      ['Ana Lyst', ANA],
      ['Dana Whitfield', TEST_PASSPHRASE],
    ] as const) {
      await withSession(vault.dir, user, passphrase, (s) => expect(s.user.name).toBe(user));
    }
  });

  function offramp(args: string[]): Promise<{ code: number | null; stderr: string }> {
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

  const failedUnlocks = (s: VaultSession) => listAudit(s.db, { limit: 10_000 }).filter((e) => e.action === 'vault.unlock_failed').length;

  it('a rekey racing wrong-passphrase checks in other processes: every user still unlocks, the new recovery key opens, every failed attempt is recorded', async () => {
    await vaultWithUsers();
    vault.session.close();
    const pass = join(work, 'dana.txt');
    const wrong = join(work, 'wrong.txt');
    writeFileSync(pass, `${TEST_PASSPHRASE}\n`);
    writeFileSync(wrong, 'not the passphrase at all\n');
    const rounds = 3;
    const perRound = 3;
    const keyFiles: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const keyFile = join(work, `recovery-${round}-${randomBytes(4).toString('hex')}.txt`);
      keyFiles.push(keyFile);
      const runs = await Promise.all([
        offramp(['vault', 'rekey', '--vault', vault.dir, '--user', 'Dana Whitfield', '--passphrase-file', pass, '--recovery-key-out', keyFile]),
        ...Array.from({ length: perRound }, () => offramp(['vault', 'check', '--vault', vault.dir, '--user', 'Dana Whitfield', '--passphrase-file', wrong])),
      ]);
      expect(runs.map((r) => r.code)).toEqual([0, ...Array.from({ length: perRound }, () => 3)]);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    }
    openWithRecoveryKey(vault.dir, readFileSync(keyFiles.at(-1)!, 'utf8')).close();
    await withSession(vault.dir, 'Ana Lyst', ANA, () => undefined);
    await withSession(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, (s) => {
      expect(failedUnlocks(s)).toBe(rounds * perRound);
      expect(verifyAudit(s.db).ok).toBe(true);
    });
  }, 60_000);

  it('a passphrase change racing failed unlocks in other processes: the new passphrase works, the old one does not, every failed attempt is recorded', async () => {
    await vaultWithUsers();
    vault.session.close();
    const pass = join(work, 'dana-old.txt');
    const next = join(work, 'dana-new.txt');
    const wrong = join(work, 'ana-wrong.txt');
    writeFileSync(pass, `${TEST_PASSPHRASE}\n`);
    writeFileSync(next, `${NEW_DANA}\n`);
    writeFileSync(wrong, 'not the passphrase at all\n');
    const runs = await Promise.all([
      offramp(['vault', 'passwd', '--vault', vault.dir, '--user', 'Dana Whitfield', '--passphrase-file', pass, '--new-passphrase-file', next]),
      ...Array.from({ length: 4 }, (_, i) => offramp(['vault', 'check', '--vault', vault.dir, '--user', i % 2 === 0 ? 'Ana Lyst' : 'Dana Whitfield', '--passphrase-file', wrong])),
    ]);
    expect(runs.map((r) => r.code)).toEqual([0, 3, 3, 3, 3]);
    expect((await rejection(unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, options()))).code).toBe('auth_failed');
    await withSession(vault.dir, 'Dana Whitfield', NEW_DANA, (s) => expect(failedUnlocks(s)).toBe(5));
  }, 60_000);
});

describe('a session whose file another program replaced', () => {
  it('is told apart, and the backend locks it instead of writing to the old file', async () => {
    await vaultWithUsers();
    const ctx = createContext({ dataDir: work, transport: 'cli', version: 'test', now: vault.now, log: () => undefined });
    ctx.session = await unlockVault(vault.dir, 'Ana Lyst', ANA, options());
    const before = ctx.session;
    expect(databaseReplaced(before)).toBe(false);
    await rekeyVault(vault.session, TEST_PASSPHRASE, options());
    expect(databaseReplaced(vault.session)).toBe(false);
    expect(databaseReplaced(before)).toBe(true);
    ctx.touch();
    expect(ctx.session).toBeNull();
    expect(before.closed).toBe(true);
    expect(() => ctx.requireSession()).toThrow('The vault is locked.');
  });
});

describe('failed unlocks', () => {
  it('keeps only existing users’ names, at most the last 100', async () => {
    vault = await createTestVault();
    vault.session.close();
    for (let i = 0; i < MAX_FAILED_UNLOCKS + 20; i++) {
      await rejection(unlockVault(vault.dir, i % 10 === 0 ? `Nobody ${i}` : 'Dana Whitfield', `wrong guess number ${i}`, options()));
    }
    const header = readHeader(vault.dir);
    expect(header.failedUnlocks).toHaveLength(MAX_FAILED_UNLOCKS);
    expect(new Set(header.failedUnlocks.map((f) => f.user))).toEqual(new Set(['Dana Whitfield']));
    expect(readFileSync(join(vault.dir, 'keyslots.json'), 'utf8')).not.toContain('Nobody');
  });
});

describe('key material and tampering', () => {
  it('a tampered KDF parameter is an integrity failure, not a wrong passphrase', async () => {
    vault = await createTestVault();
    vault.session.close();
    const header = readHeader(vault.dir);
    const raw = JSON.parse(readFileSync(join(vault.dir, 'keyslots.json'), 'utf8')) as { slots: { kdf: { N: number; r: number } }[] };
    raw.slots[0]!.kdf.N = 1000;
    writeFileSync(join(vault.dir, 'keyslots.json'), JSON.stringify(raw));
    expect((await rejection(unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, options()))).code).toBe('integrity');
    // A power of two, but 16 GiB of memory: refused before any key derivation.
    raw.slots[0]!.kdf.N = 2 ** 22;
    raw.slots[0]!.kdf.r = 32;
    writeFileSync(join(vault.dir, 'keyslots.json'), JSON.stringify(raw));
    const refused = await rejection(unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, options()));
    expect(refused.code).toBe('integrity');
    writeHeader(vault.dir, header);
    await withSession(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, () => undefined);
  });

  it('signs with the signed-in user’s own key, which the header publishes', async () => {
    vault = await createTestVault();
    const key = userSigningKey(vault.session);
    const signature = signBytes(key, Buffer.from('anchor'));
    const pem = key.publicKeyPem;
    expect(verify(null, Buffer.from('anchor'), pem, signature)).toBe(true);
    const slot = findSlot(readHeader(vault.dir), 'Dana Whitfield');
    expect(slot !== undefined && isUserSlot(slot) && pem.includes(slot.signingPublicKey.slice(0, 40))).toBe(true);
  });
});

/** Rewrites a vault's header as version 1 wrote it: each passphrase wraps the master key directly. */
async function asVersion1(dir: string, masterKey: Buffer, users: [string, string][]): Promise<void> {
  const header = readHeader(dir);
  const slots = [];
  for (const [user, passphrase] of users) {
    const kdf = newKdfParams('fast-insecure-for-tests');
    const kek = await deriveKey(passphrase, kdf);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(Buffer.from(`offramp-keyslot:v1:${header.vaultId}:${user}`));
    const ciphertext = Buffer.concat([cipher.update(masterKey), cipher.final()]);
    slots.push({ user, kdf, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') });
  }
  const { generation: _g, ...rest } = header;
  writeFileSync(join(dir, 'keyslots.json'), JSON.stringify(headerSchema.parse({ ...rest, version: 1, slots })));
}

describe('vaults of the previous version', () => {
  it('upgrade each user’s keyslot at their unlock; keys are replaced only once every remaining user has one', async () => {
    // Version 1 came before signed role grants: its database is at most schema 7, without the grant table.
    await vaultWithUsers(true);
    const master = Buffer.from(vault.session.masterKey);
    const old = rebuildAtSchema(vault, versionBefore(migration0008));
    old.db.close();
    old.key.fill(0);
    await asVersion1(vault.dir, master, [
      ['Dana Whitfield', TEST_PASSPHRASE],
      ['Ana Lyst', ANA],
      ['Mia Manager', MIA],
    ]);
    expect(readHeader(vault.dir).version).toBe(1);
    const session = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, options());
    try {
      expect(schemaVersion(session.db)).toBe(LATEST_VERSION);
      const header = readHeader(vault.dir);
      expect(header.version).toBe(2);
      expect(header.slots.map((s) => [s.user, isUserSlot(s)])).toEqual([
        ['Dana Whitfield', true],
        ['Ana Lyst', false],
        ['Mia Manager', false],
      ]);
      const refused = await rejection(rekeyVault(session, TEST_PASSPHRASE, options()));
      expect(refused.code).toBe('conflict');
      expect(refused.message).toContain('Ana Lyst, Mia Manager');
      // Removing the one who never came back is possible once the others have.
      await withSession(vault.dir, 'Mia Manager', MIA, () => undefined);
    } finally {
      session.close();
    }
    await withSession(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, async (s) => {
      removeUser(s, 'Ana Lyst', options());
      await changePassphrase(s, TEST_PASSPHRASE, NEW_DANA, options());
    });
    await withSession(vault.dir, 'Mia Manager', MIA, (s) => expect(s.user.role).toBe('program_manager'));
    await withSession(vault.dir, 'Dana Whitfield', NEW_DANA, (s) => expect(listAudit(s.db, { limit: 50 }).some((e) => e.action === 'vault.keyslot_upgraded')).toBe(true));
  });
});
