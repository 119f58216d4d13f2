import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract';
import { createBackend } from '../../electron/backend/backend';
import { describeEvent } from '../../electron/backend/services/auditWords';
import { listAudit, type AuditEvent } from '../../electron/backend/vault/audit';
import { appendGrant, listRecoveries, RECOVERY_GRANTOR, verifyGrantChain } from '../../electron/backend/vault/grants';
import { findSlot, headerPath, isUserSlot, openSlot, readHeader } from '../../electron/backend/vault/keyslots';
import { addUser, openWithRecoveryKey, packetSigningKey, recoverManager, rekeyVault, removeUser, unlockVault } from '../../electron/backend/vault/vault';
import { hubPublicKey } from '../../electron/backend/packets/signing';
import { createTestVault, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

const ANA = 'lantern quarry velvet mosaic';
const MIA = 'harbor pepper granite tulip';
const NEW = 'orchard compass lantern meadow';

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
  throw new Error('expected a rejection');
}

/** Dana (creator, program manager), Ana (analyst), Mia (program manager); the session is closed. */
async function hub(): Promise<void> {
  vault = await createTestVault();
  await addUser(vault.session, { name: 'Ana Lyst', role: 'analyst', passphrase: ANA }, options());
  await addUser(vault.session, { name: 'Mia Manager', role: 'program_manager', passphrase: MIA }, options());
  vault.session.close();
}

const recover = (over: Partial<{ recoveryKey: string; userName: string; passphrase: string; reason: string }> = {}) =>
  recoverManager(vault.dir, { recoveryKey: vault.recoveryKey, userName: 'mia manager', passphrase: NEW, reason: 'Mia forgot her passphrase', ...over }, options());

describe('a program manager sets a new passphrase with the recovery key', () => {
  it('the new passphrase unlocks, the old one does not, every other user still unlocks, and the reset is audited in words', async () => {
    await hub();
    expect(await recover()).toEqual({ user: 'Mia Manager' });
    const mia = await unlockVault(vault.dir, 'Mia Manager', NEW, options());
    expect(mia.user.role).toBe('program_manager');
    const events = listAudit(mia.db, { limit: 50 }).filter((e) => e.action === 'vault.recovered');
    expect(events).toHaveLength(1);
    expect(events[0]?.actor).toBe(RECOVERY_GRANTOR);
    expect(events[0]?.detail).toEqual({ user: 'Mia Manager', reason: 'Mia forgot her passphrase' });
    expect(describeEvent(events[0] as AuditEvent)).toBe('Passphrase reset with the recovery key for Mia Manager: Mia forgot her passphrase');
    mia.close();
    expect((await rejection(unlockVault(vault.dir, 'Mia Manager', MIA, options()))).code).toBe('auth_failed');
    for (const [user, passphrase] of [
      ['Dana Whitfield', TEST_PASSPHRASE],
      ['Ana Lyst', ANA],
    ] as const) {
      const session = await unlockVault(vault.dir, user, passphrase, options());
      session.close();
    }
    // The database file was not re-encrypted: the recovery key is unchanged.
    const db = openWithRecoveryKey(vault.dir, vault.recoveryKey);
    try {
      const verified = verifyGrantChain(db, readHeader(vault.dir));
      const slot = findSlot(readHeader(vault.dir), 'Mia Manager');
      expect(slot !== undefined && isUserSlot(slot) ? verified?.get('mia manager')?.userKey : null).toBe(slot !== undefined && isUserSlot(slot) ? slot.signingPublicKey : 'no slot');
      expect(listRecoveries(db)).toEqual([{ user: 'Mia Manager', at: vault.now().toISOString() }]);
    } finally {
      db.close();
    }
  });

  it('a wrong recovery key is refused and changes nothing', async () => {
    await hub();
    const before = readFileSync(headerPath(vault.dir), 'utf8');
    const wrong = await rejection(recover({ recoveryKey: 'ab'.repeat(32) }));
    expect(wrong.code).toBe('auth_failed');
    expect(wrong.message).toContain('recovery key');
    const malformed = await rejection(recover({ recoveryKey: '1234-abcd' }));
    expect(malformed.code).toBe('invalid_input');
    expect(readFileSync(headerPath(vault.dir), 'utf8')).toBe(before);
    (await unlockVault(vault.dir, 'Mia Manager', MIA, options())).close();
  });

  it('an analyst, an unknown name and a weak passphrase are refused and change nothing', async () => {
    await hub();
    const before = readFileSync(headerPath(vault.dir), 'utf8');
    const analyst = await rejection(recover({ userName: 'Ana Lyst' }));
    expect(analyst.code).toBe('not_found');
    expect(analyst.message).toContain('Ana Lyst is not a program manager');
    expect((await rejection(recover({ userName: 'Eve Intruder' }))).message).toContain('Eve Intruder is not a program manager');
    const weak = await rejection(recover({ passphrase: 'password' }));
    expect(weak.code).toBe('invalid_input');
    expect(weak.message).toContain('too weak');
    expect(readFileSync(headerPath(vault.dir), 'utf8')).toBe(before);
    (await unlockVault(vault.dir, 'Ana Lyst', ANA, options())).close();
    (await unlockVault(vault.dir, 'Mia Manager', MIA, options())).close();
  });

  it('a removed program manager cannot be brought back with the recovery key', async () => {
    await hub();
    const dana = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, options());
    try {
      vault.recoveryKey = removeUser(dana, 'Mia Manager', options(), 'Left the program');
    } finally {
      dana.close();
    }
    const refused = await rejection(recover());
    expect(refused.code).toBe('not_found');
    expect(refused.message).toContain('is not a program manager');
  });

  it('a session open during the reset may not change keys any more: it must lock and unlock again', async () => {
    await hub();
    const dana = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, options());
    try {
      await recover();
      const stale = await rejection(rekeyVault(dana, TEST_PASSPHRASE, options(), 'Routine rotation'));
      expect(stale.code).toBe('conflict');
    } finally {
      dana.close();
    }
    const again = await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, options());
    try {
      expect(await rekeyVault(again, TEST_PASSPHRASE, options(), 'Routine rotation')).toMatch(/^[0-9a-f]{4}(-[0-9a-f]{4}){15}$/);
    } finally {
      again.close();
    }
    (await unlockVault(vault.dir, 'Mia Manager', NEW, options())).close();
  });

  it('a recovered manager still acts as a program manager: the grants they sign verify', async () => {
    await hub();
    await recover();
    const mia = await unlockVault(vault.dir, 'Mia Manager', NEW, options());
    try {
      await addUser(mia, { name: 'Bob Builder', role: 'analyst', passphrase: 'saffron glacier beacon thimble' }, options());
    } finally {
      mia.close();
    }
    (await unlockVault(vault.dir, 'Bob Builder', 'saffron glacier beacon thimble', options())).close();
  });

  it("a recovered manager's new key cannot open the packet-signing key's box until another program manager unlocks and seals it to the new key", async () => {
    await hub();
    await recover();
    const before = await unlockVault(vault.dir, 'Mia Manager', NEW, options());
    try {
      expect(() => packetSigningKey(before)).toThrow(/cannot sign referral packets yet/);
    } finally {
      before.close();
    }
    (await unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, options())).close();
    const after = await unlockVault(vault.dir, 'Mia Manager', NEW, options());
    try {
      // Sealed again to Mia's new key: she signs with the hub key itself, not a vouched key of her own.
      const key = packetSigningKey(after);
      expect(key.vouch).toBeUndefined();
      expect(key.fingerprint).toBe(hubPublicKey(after.db).fingerprint);
    } finally {
      after.close();
    }
  });

  it('a grant forged as made with the recovery key to raise an analyst is refused at unlock, naming her', async () => {
    await hub();
    const header = readHeader(vault.dir);
    const slot = findSlot(header, 'Ana Lyst');
    const opened = slot === undefined ? null : await openSlot(header.vaultId, slot, ANA);
    if (opened === null || opened.keys === null || slot === undefined || !isUserSlot(slot)) throw new Error('Ana has no keys');
    const signer = opened.keys.signingKey;
    const db = openWithRecoveryKey(vault.dir, vault.recoveryKey);
    try {
      db.transaction(() => {
        db.prepare("UPDATE users SET role = 'program_manager' WHERE name = 'Ana Lyst'").run();
        appendGrant(db, header.vaultId, { kind: 'grant', userName: 'Ana Lyst', role: 'program_manager', userKey: slot.signingPublicKey, grantedBy: RECOVERY_GRANTOR }, signer, vault.now());
      })();
    } finally {
      db.close();
    }
    for (const [user, passphrase] of [
      ['Dana Whitfield', TEST_PASSPHRASE],
      ['Ana Lyst', ANA],
    ] as const) {
      const refused = await rejection(unlockVault(vault.dir, user, passphrase, options()));
      expect(refused.code).toBe('integrity');
      expect(refused.message).toContain('Ana Lyst');
      expect(refused.message).toContain('recovery key');
    }
  });
});

describe('vault.recover through the dispatcher', () => {
  it('bad input names the field; a wrong key is refused; the right one signs the manager in, and every program manager is told at unlock', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'offramp-recover-'));
    const clock = new Date('2026-11-20T10:00:00Z');
    const backend = createBackend({ dataDir, transport: 'harness', version: '0.0.0-test', kdf: 'fast-insecure-for-tests', now: () => clock, log: () => undefined });
    vault = { dir: dataDir, session: { close: () => undefined } as TestVault['session'], recoveryKey: '', now: () => clock, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
    try {
      const invoke = async (method: string, input: unknown) => backend.invoke(method, input);
      const created = await invoke('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
      if (!created.ok) throw new Error(created.error.message);
      const recoveryKey = (created.value as { recoveryKey: string }).recoveryKey;
      expect((await invoke('users.add', { name: 'Mia Manager', role: 'program_manager', passphrase: MIA })).ok).toBe(true);
      await invoke('vault.lock', {});
      const input = { recoveryKey, userName: 'Dana Whitfield', newPassphrase: NEW, reason: 'Dana forgot her passphrase' };
      const noReason = await invoke('vault.recover', { ...input, reason: '' });
      expect(noReason.ok ? null : noReason.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('reason') as string });
      const wrong = await invoke('vault.recover', { ...input, recoveryKey: 'cd'.repeat(32) });
      expect(wrong.ok ? null : wrong.error.code).toBe('auth_failed');
      expect(await invoke('vault.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
      const done = await invoke('vault.recover', input);
      expect(done).toMatchObject({ ok: true, value: { user: { name: 'Dana Whitfield', role: 'program_manager' }, recoveries: [{ user: 'Dana Whitfield' }] } });
      expect(await invoke('vault.status', {})).toMatchObject({ ok: true, value: { state: 'unlocked', user: { name: 'Dana Whitfield' } } });
      await invoke('vault.lock', {});
      const mia = await invoke('vault.unlock', { userName: 'Mia Manager', passphrase: MIA });
      expect(mia).toMatchObject({ ok: true, value: { recoveries: [{ user: 'Dana Whitfield', at: clock.toISOString() }] } });
    } finally {
      backend.close();
    }
  });
});
