import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCases, listCases } from '../../electron/backend/services/cases';
import { verifyAudit } from '../../electron/backend/vault/audit';
import type { Db } from '../../electron/backend/vault/database';
import { openWithRecoveryKey, unlockVault } from '../../electron/backend/vault/vault';
import { hubManager } from '../bench/hub';
import { benchMain } from '../bench/main';
import { openPlainDatabase } from '../bench/plainDatabase';
import { seedVault } from '../bench/seed';
import { runOfframpIo } from '../helpers/benchIo';

const PASSPHRASE = 'synthetic hub ledger quartz meadow';
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'offramp-seed-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const lastHash = (db: Db) => (db.prepare('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() as { hash: string }).hash;
const sameSeedEvents = (db: Db) =>
  (db.prepare('SELECT seq, at, actor, action, case_id, detail FROM audit_events ORDER BY seq').all() as { action: string; detail: string }[]).map((e) =>
    e.action.startsWith('grants.') ? { ...e, detail: null } : e,
  );
const auditTimes = (db: Db) => (db.prepare('SELECT at FROM audit_events ORDER BY seq').all() as { at: string }[]).map((r) => r.at);

describe('the synthetic hub in a real encrypted vault', () => {
  it('is the same for the same seed, in the vault and in its plain twin, with a sound audit chain in time order', async () => {
    const a = await seedVault({ cases: 40, seed: 5, vaultDir: join(root, 'a'), plainPath: join(root, 'a.db'), passphrase: PASSPHRASE, kdf: 'fast-insecure-for-tests', batchSize: 16 });
    const b = await seedVault({ cases: 40, seed: 5, vaultDir: join(root, 'b'), passphrase: PASSPHRASE, kdf: 'fast-insecure-for-tests' });
    const c = await seedVault({ cases: 40, seed: 6, vaultDir: join(root, 'c'), passphrase: PASSPHRASE, kdf: 'fast-insecure-for-tests' });
    const [va, vb, vc] = [openWithRecoveryKey(join(root, 'a'), a.recoveryKey), openWithRecoveryKey(join(root, 'b'), b.recoveryKey), openWithRecoveryKey(join(root, 'c'), c.recoveryKey)];
    const plain = openPlainDatabase(join(root, 'a.db'));
    try {
      // Left as the app leaves a vault at lock: no case waits for its row of the
      // index of cases, so a search of the seeded hub reads that index.
      for (const db of [va, plain]) expect(db.prepare('SELECT count(*) FROM search_case_stale').pluck().get()).toBe(0);
      const exported = JSON.stringify(exportCases(va));
      expect(JSON.stringify(exportCases(vb))).toBe(exported);
      expect(JSON.stringify(exportCases(plain))).toBe(exported);
      expect(JSON.stringify(exportCases(vc))).not.toBe(exported);
      // Each vault has its own random user keys, and the signed role grants name them:
      // every other event is the same, field for field.
      expect(sameSeedEvents(vb)).toEqual(sameSeedEvents(va));
      expect(lastHash(plain)).toBe(lastHash(va));
      // The setup's own events, one per signed role grant, and the one that established them.
      const grants = (va.prepare('SELECT count(*) AS n FROM role_grants').get() as { n: number }).n;
      expect(grants).toBeGreaterThan(1);
      for (const db of [va, plain]) expect(verifyAudit(db)).toMatchObject({ ok: true, events: a.auditEvents + 13 + grants + 1 });
      const times = auditTimes(va);
      expect([...times].sort()).toEqual(times);
      expect(((await listCases(va, { status: 'open' })).total ?? NaN) + ((await listCases(va, { status: 'monitoring' })).total ?? NaN) + ((await listCases(va, { status: 'closed' })).total ?? NaN)).toBe(40);
      expect((await listCases(va, { query: 'garnishment' })).total).toBe((await listCases(plain, { query: 'garnishment' })).total);
      // The twin never holds the vault's signing key (whose private half the vault keeps sealed to its program managers).
      const key = (db: Db) => (db.prepare("SELECT value FROM settings WHERE key = 'signing_public_key'").get() as { value: string }).value;
      expect(key(plain)).not.toBe(key(va));
      expect(va.prepare("SELECT count(*) FROM settings WHERE key = 'signing_private_key'").pluck().get()).toBe(0);
    } finally {
      for (const db of [va, vb, vc, plain]) db.close();
    }
  });

  it('lets every synthetic user unlock with the passphrase', async () => {
    const dir = join(root, 'users');
    await seedVault({ cases: 3, seed: 1, vaultDir: dir, passphrase: PASSPHRASE, kdf: 'fast-insecure-for-tests' });
    const now = () => new Date('2026-11-20T10:00:00Z');
    for (const name of [hubManager.name, 'Priya Raman', 'Claire Dubois']) {
      const session = await unlockVault(dir, name, PASSPHRASE, { now });
      expect(session.user.name).toBe(name);
      session.close();
    }
  });
});

describe('npm run seed', () => {
  it('creates the vault, writes the recovery key when asked, and prints what it did', async () => {
    const passFile = join(root, 'pass.txt');
    writeFileSync(passFile, `${PASSPHRASE}\n`);
    const vault = join(root, 'cli-vault');
    const run = await runOfframpIo(benchMain, ['seed', '--cases', '12', '--seed', '3', '--vault', vault, '--passphrase-file', passFile, '--recovery-key-out', join(root, 'rk.txt'), '--fast-kdf'], root);
    expect(run.stderr).toContain('seed: 12 / 12 cases (100.0%)');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ vault, cases: 12 });
    expect(run.stdout).not.toMatch(/[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}/);
    const db = openWithRecoveryKey(vault, readFileSync(join(root, 'rk.txt'), 'utf8'));
    expect((await listCases(db, {})).total).toBe(12);
    db.close();
  });

  it('refuses a vault folder that is not empty, a missing or bad --cases, and a missing passphrase', async () => {
    const passFile = join(root, 'pass.txt');
    writeFileSync(passFile, `${PASSPHRASE}\n`);
    const taken = await runOfframpIo(benchMain, ['seed', '--cases', '2', '--vault', join(root, 'cli-vault'), '--passphrase-file', passFile, '--fast-kdf'], root);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toMatch(/is not empty/);
    const missing = await runOfframpIo(benchMain, ['seed', '--vault', join(root, 'x')], root);
    expect(missing).toMatchObject({ code: 2, stderr: 'seed: Missing --cases. See "npm run seed -- --help".\n' });
    const bad = await runOfframpIo(benchMain, ['seed', '--cases', 'ten', '--vault', join(root, 'x')], root);
    expect(bad.stderr).toBe('seed: --cases must be a positive whole number, not "ten".\n');
    const noSecret = await runOfframpIo(benchMain, ['seed', '--cases', '2', '--vault', join(root, 'x')], root);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toMatch(/No passphrase given/);
    const unknown = await runOfframpIo(benchMain, ['seed', '--cases', '2', '--passphrase', 'x'], root);
    expect(unknown.code).toBe(2);
  });
});
