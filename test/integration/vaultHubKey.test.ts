import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/contract';
import { encryptPacket } from '../../electron/backend/packets/ageLayer';
import { inspectArchive } from '../../electron/backend/packets/inspect';
import { defaultPacketLimits } from '../../electron/backend/packets/limits';
import { readPacketBytes } from '../../electron/backend/packets/receive';
import { hubPublicKey, signBytes, vouchBytes, type SigningKey } from '../../electron/backend/packets/signing';
import { writeUstar } from '../../electron/backend/packets/ustar';
import { exportPacket } from '../../electron/backend/services/packetExport';
import { listAudit } from '../../electron/backend/vault/audit';
import type { Db } from '../../electron/backend/vault/database';
import type { VaultSession } from '../../electron/backend/vault/session';
import { addUser, changeUserRole, openWithRecoveryKey, packetSigningKey, removeUser, unlockVault, userSigningKey } from '../../electron/backend/vault/vault';
import { otherSigningKey, resigned } from '../helpers/hostilePackets';
import { ageKeys, openPacketCase, scratch } from '../helpers/packets';
import { createTestVault, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

/**
 * The packet-signing (hub) key is sealed to program managers only: a holder of
 * the database key finds no private key in it, and another user signs packets
 * with their own key and the hub key's vouch, which a recipient trusts as the hub.
 */
const ANA = 'lantern quarry velvet mosaic';
const MIA = 'harbor pepper granite tulip';

let vault: TestVault;
let tmp: ReturnType<typeof scratch> | null = null;
afterEach(() => {
  vault.cleanup();
  tmp?.cleanup();
  tmp = null;
});

const options = () => ({ now: vault.now, kdf: 'fast-insecure-for-tests' as const });

async function as<T>(user: string, passphrase: string, fn: (s: VaultSession) => T | Promise<T>): Promise<T> {
  const session = await unlockVault(vault.dir, user, passphrase, options());
  try {
    return await fn(session);
  } finally {
    session.close();
  }
}

function withKey<T>(fn: (db: Db) => T): T {
  const db = openWithRecoveryKey(vault.dir, vault.recoveryKey);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const boxedFor = (db: Db) => Object.values(JSON.parse(String(db.prepare("SELECT value FROM settings WHERE key = 'signing_private_key_sealed'").pluck().get())) as Record<string, { user: string }>).map((b) => b.user).sort();

/** Every text and blob value of every table, as a holder of the database key reads them. */
function everyValue(db: Db): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const values: string[] = [];
  for (const table of tables) {
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate() as IterableIterator<unknown[]>) {
      for (const cell of row) {
        if (typeof cell === 'string') values.push(cell);
        else if (Buffer.isBuffer(cell)) values.push(cell.toString('latin1'), cell.toString('base64'));
      }
    }
  }
  return values;
}

async function hubWithAnalyst(): Promise<void> {
  vault = await createTestVault();
  await addUser(vault.session, { name: 'Ana Lyst', role: 'analyst', passphrase: ANA }, options());
}

describe('the packet-signing key', () => {
  it('is not readable by an analyst holding the database key: no copy of its private half is in the database', async () => {
    await hubWithAnalyst();
    const hub = packetSigningKey(vault.session);
    expect(hub.fingerprint).toBe(hubPublicKey(vault.session.db).fingerprint);
    const der = hub.privateKey.export({ format: 'der', type: 'pkcs8' });
    const pem = hub.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const secret = der.subarray(der.length - 32);
    vault.session.close();
    // The analyst unlocks, and also holds the database key (every user can derive it).
    await as('Ana Lyst', ANA, (ana) => {
      const own = packetSigningKey(ana);
      expect(own.fingerprint).not.toBe(hub.fingerprint);
      expect(own.fingerprint).toBe(userSigningKey(ana).fingerprint);
    });
    withKey((db) => {
      expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'signing_private_key'").pluck().get()).toBe(0);
      const values = everyValue(db);
      expect(values.length).toBeGreaterThan(20);
      for (const value of values) {
        expect(value).not.toContain('PRIVATE KEY');
        expect(value).not.toContain(pem.split('\n')[1] ?? pem);
        expect(value).not.toContain(der.toString('base64'));
        expect(value).not.toContain(secret.toString('base64'));
        expect(value).not.toContain(secret.toString('latin1'));
      }
      expect(boxedFor(db)).toEqual(['Dana Whitfield']);
    });
  });

  it('signs an analyst’s packets with their own key and the hub’s vouch, which a recipient trusts as the hub; a forged vouch is refused', async () => {
    await hubWithAnalyst();
    tmp = scratch();
    const kase = await openPacketCase(vault);
    const keys = await ageKeys(tmp.root);
    const result = await exportPacket(
      vault.session,
      { caseId: kase.caseId, profile: 'fbi_referral', selection: { evidenceIds: [] }, key: { kind: 'recipient', recipient: keys.recipient }, purpose: 'Section 811 referral', targetDir: tmp.medium },
      { now: vault.now(), scryptLogN: 10 },
    );
    const identities = { kind: 'identities' as const, identities: [keys.identity] };
    const read = await readPacketBytes(readFileSync(result.path), identities);
    const hub = hubPublicKey(vault.session.db).fingerprint;
    // A program manager's packet: signed by the hub key itself.
    expect(read.packet.signerFingerprint).toBe(hub);
    expect(read.packet.manifest.signer.vouch).toBeUndefined();
    const archive = writeUstar([...read.packet.entries], new Date('2026-11-20T10:00:00Z'));
    vault.session.close();

    const anaKey = await as('Ana Lyst', ANA, (ana) => packetSigningKey(ana));
    const byAna = resigned(archive, anaKey);
    const inspected = inspectArchive(byAna, defaultPacketLimits);
    expect(inspected.signerFingerprint).toBe(hub);
    expect(inspected.manifest.signer.fingerprint).toBe(anaKey.fingerprint);
    expect(inspected.manifest.signer.vouch?.user).toBe('Ana Lyst');
    // Through the age layer as a recipient opens it.
    const opened = await readPacketBytes(await encryptPacket(byAna, { kind: 'recipient', recipient: keys.recipient }, 10), identities);
    expect(opened.packet.signerFingerprint).toBe(hub);

    const refused = (key: SigningKey) => {
      try {
        inspectArchive(resigned(archive, key), defaultPacketLimits);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('expected a refusal');
    };
    // Ana vouches for herself with her own key, claiming the hub's fingerprint.
    const selfVouch = { ...anaKey.vouch!, signature: signBytes(anaKey, vouchBytes(hub, 'Ana Lyst', anaKey.fingerprint)).toString('base64') };
    const forged = refused({ ...anaKey, vouch: selfVouch });
    expect(forged.code).toBe('integrity');
    expect(forged.message).toContain('vouch for the key of Ana Lyst');
    // Ana's genuine vouch carried by another key.
    const stolen = refused({ ...otherSigningKey(), vouch: anaKey.vouch! });
    expect(stolen.code).toBe('integrity');
  });

  it('follows the role: sealed to a program manager when granted, taken away on a role change or removal', async () => {
    await hubWithAnalyst();
    await addUser(vault.session, { name: 'Mia Manager', role: 'program_manager', passphrase: MIA }, options());
    withKey((db) => expect(boxedFor(db)).toEqual(['Dana Whitfield', 'Mia Manager']));
    const hub = hubPublicKey(vault.session.db).fingerprint;
    expect(await as('Mia Manager', MIA, (mia) => packetSigningKey(mia).fingerprint)).toBe(hub);

    changeUserRole(vault.session, 'Ana Lyst', 'program_manager', options());
    expect(await as('Ana Lyst', ANA, (ana) => packetSigningKey(ana).fingerprint)).toBe(hub);
    changeUserRole(vault.session, 'Ana Lyst', 'analyst', options());
    withKey((db) => expect(boxedFor(db)).toEqual(['Dana Whitfield', 'Mia Manager']));
    await as('Ana Lyst', ANA, (ana) => expect(packetSigningKey(ana).vouch?.hub).toBe(hub));

    vault.recoveryKey = removeUser(vault.session, 'Mia Manager', options());
    withKey((db) => expect(boxedFor(db)).toEqual(['Dana Whitfield']));
    const sealed = listAudit(vault.session.db, { limit: 1000 }).filter((e) => e.action === 'packet.key_sealed');
    expect(sealed.length).toBeGreaterThanOrEqual(4);
  });

  it('left in plaintext by an older version, is sealed and erased at the first program manager’s unlock', async () => {
    await hubWithAnalyst();
    const pem = packetSigningKey(vault.session).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    vault.session.close();
    withKey((db) => {
      db.prepare("DELETE FROM settings WHERE key IN ('signing_private_key_sealed', 'signing_vouches')").run();
      db.prepare("INSERT INTO settings (key, value) VALUES ('signing_private_key', ?)").run(pem);
    });
    // An analyst's unlock changes nothing, and without a vouch they cannot sign yet.
    await as('Ana Lyst', ANA, (ana) => {
      expect(() => packetSigningKey(ana)).toThrow('a program manager must unlock the vault once');
    });
    withKey((db) => expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'signing_private_key'").pluck().get()).toBe(1));
    await as('Dana Whitfield', TEST_PASSPHRASE, (dana) => {
      const event = listAudit(dana.db, { limit: 1000 }).find((e) => e.action === 'packet.key_sealed');
      expect(event?.detail).toMatchObject({ sealedTo: ['Dana Whitfield'], plaintextErased: true });
    });
    withKey((db) => {
      expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'signing_private_key'").pluck().get()).toBe(0);
      expect(everyValue(db).some((v) => v.includes('PRIVATE KEY'))).toBe(false);
      expect(boxedFor(db)).toEqual(['Dana Whitfield']);
    });
    await as('Ana Lyst', ANA, (ana) => expect(packetSigningKey(ana).vouch?.user).toBe('Ana Lyst'));
  });
});
