import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readCaseRecord } from '../../electron/backend/data/caseRecord';
import { updateIndicatorFields } from '../../electron/backend/data/caseItems';
import { addHubUser, initHub, type HubLogin } from '../../electron/backend/data/postgres/hub';
import { hubStore, type HubStore } from '../../electron/backend/data/postgres/store';
import { storeOf } from '../../electron/backend/data';
import { createCase } from '../../electron/backend/services/cases';
import { addIndicator, indicatorHistory, updateIndicator } from '../../electron/backend/services/casework';
import { moveVaultIntoHub } from '../../electron/backend/services/hubImport';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { addUser, unlockVault } from '../../electron/backend/vault/vault';
import type { VaultSession } from '../../electron/backend/vault/session';
import { bundleForNode } from '../helpers/bundleNode';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

const repo = resolve(import.meta.dirname, '..', '..');
const behavior = { category: 'financial', stage: 'concerning_behavior', observedOn: '2026-11-10', summary: 'Borrowed money from three colleagues', detail: '', source: 'Co-workers', corroboration: 'corroborated', basis: 'fact' } as const;

/** A vault with a case and one indicator, and a second user (a program manager too) unlocked on it beside the first. */
async function twoClients(): Promise<{ vault: TestVault; other: VaultSession; caseId: string; indicatorId: string }> {
  const vault = await createTestVault();
  await addUser(vault.session, { name: 'Sam Okafor', role: 'program_manager', passphrase: TEST_PASSPHRASE }, { now: vault.now, kdf: 'fast-insecure-for-tests' });
  const other = await unlockVault(vault.dir, 'Sam Okafor', TEST_PASSPHRASE, { now: () => new Date('2026-11-20T10:07:00Z'), kdf: 'fast-insecure-for-tests' });
  const { id: caseId } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
  const indicatorId = await addIndicator(vault.session, caseId, null, behavior, vault.now());
  return { vault, other, caseId, indicatorId };
}

// Two users editing the same indicator from forms filled at the same version:
// the first save wins, the second is refused with who changed it and when, and
// nothing is written for it — on one vault file (two connections, as the app and
// the command line have) and on a hub server (two logins, two transactions).
describe('two users saving the same indicator', () => {
  let vault: TestVault | undefined;
  let other: VaultSession | undefined;
  afterEach(() => {
    other?.close();
    vault?.cleanup();
    other = undefined;
    vault = undefined;
  });

  it('refuses the save made from an older version, naming who changed it and when, and keeps the other change', async () => {
    const made = await twoClients();
    ({ vault, other } = made);
    const { caseId, indicatorId } = made;
    // Both forms were filled from version 1; Sam saves first.
    expect(await updateIndicator(other, caseId, indicatorId, { ...behavior, summary: 'Borrowed money from four colleagues' }, new Date('2026-11-20T10:07:00Z'), 1)).toBe(2);
    const refused = updateIndicator(vault.session, caseId, indicatorId, { ...behavior, summary: 'Borrowed money from five colleagues' }, vault.now(), 1);
    await expect(refused).rejects.toMatchObject({ code: 'conflict' });
    await expect(refused).rejects.toThrow('This indicator was changed by Sam Okafor at 2026-11-20 10:07 UTC after you opened it. Nothing of yours was saved');
    // Sam's change stands; Dana's wrote nothing: no new version, no history row.
    const record = await readCaseRecord(storeOf(vault.session).q, caseId);
    expect(record?.indicators.find((i) => i.id === indicatorId)).toMatchObject({ summary: 'Borrowed money from four colleagues', version: 2 });
    expect((await indicatorHistory(vault.session.db, caseId, indicatorId)).map((v) => v.version)).toEqual([1]);
    // After reloading (version 2), Dana's save goes through and keeps Sam's version in the history.
    expect(await updateIndicator(vault.session, caseId, indicatorId, { ...behavior, summary: 'Borrowed money from five colleagues' }, vault.now(), 2)).toBe(3);
    expect((await indicatorHistory(vault.session.db, caseId, indicatorId)).map((v) => [v.version, v.indicator.summary])).toEqual([
      [2, 'Borrowed money from four colleagues'],
      [1, 'Borrowed money from three colleagues'],
    ]);
    expect(verifyAudit(vault.session.db).ok).toBe(true);
  });

  it('lets exactly one of two saves from two programs at the same moment through, never failing on the lock', async () => {
    const made = await twoClients();
    ({ vault, other } = made);
    other.close();
    other = undefined;
    const { caseId, indicatorId } = made;
    const work = mkdtempSync(join(tmpdir(), 'offramp-editor-'));
    const passFile = join(work, 'pass');
    writeFileSync(passFile, `${TEST_PASSPHRASE}\n`, { mode: 0o600 });
    const script = join(work, 'editor.cjs');
    await bundleForNode(join(repo, 'test/helpers/indicatorEditor.ts'), script);
    const child = spawn(process.execPath, [script, vault.dir, 'Sam Okafor', passFile, caseId, indicatorId], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const nextLine = async (): Promise<string> => {
      const next = await lines.next();
      if (next.done === true) throw new Error(`the second program ended: ${stderr}`);
      return String(next.value);
    };
    try {
      expect(await nextLine()).toBe('ready');
      // Five rounds, each from the version both forms were filled at: the two saves start together.
      for (let version = 1; version <= 5; version += 1) {
        child.stdin.write(`${version}\n`);
        const [mine, theirs] = await Promise.allSettled([
          updateIndicator(vault.session, caseId, indicatorId, { ...behavior, summary: `Dana at version ${version}` }, vault.now(), version),
          nextLine().then((line) => JSON.parse(line) as { ok: boolean; version?: number; code?: string; message?: string }),
        ]);
        if (theirs.status === 'rejected') throw theirs.reason;
        const outcome = { mine: mine.status === 'fulfilled' ? 'saved' : (mine.reason as { code?: string }).code, theirs: theirs.value.ok ? 'saved' : theirs.value.code };
        // One of the two is saved; the other is the conflict, never a lock error.
        expect([outcome.mine, outcome.theirs].sort(), JSON.stringify({ outcome, theirs: theirs.value, mine: mine.status === 'rejected' ? String(mine.reason) : null })).toEqual(['conflict', 'saved']);
        const record = await readCaseRecord(storeOf(vault.session).q, caseId);
        expect(record?.indicators.find((i) => i.id === indicatorId)).toMatchObject({ version: version + 1, summary: outcome.mine === 'saved' ? `Dana at version ${version}` : `Sam Okafor at version ${version}` });
      }
      expect(verifyAudit(vault.session.db).ok).toBe(true);
    } finally {
      child.kill();
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('answers a write lock held past the wait with a plain conflict, and writes nothing', async () => {
    const made = await twoClients();
    ({ vault, other } = made);
    const { caseId, indicatorId } = made;
    // The other program holds the vault's write lock and does not let go within the wait.
    other.db.exec('BEGIN IMMEDIATE');
    vault.session.db.pragma('busy_timeout = 100');
    try {
      const refused = updateIndicator(vault.session, caseId, indicatorId, { ...behavior, summary: 'Waited too long' }, vault.now(), 1);
      await expect(refused).rejects.toMatchObject({ code: 'conflict' });
      await expect(refused).rejects.toThrow('Another Offramp program is writing to this vault');
    } finally {
      other.db.exec('ROLLBACK');
      vault.session.db.pragma('busy_timeout = 5000');
    }
    const record = await readCaseRecord(storeOf(vault.session).q, caseId);
    expect(record?.indicators.find((i) => i.id === indicatorId)).toMatchObject({ summary: behavior.summary, version: 1 });
  });

  it('without a version from a form, a save applies to the current version as before', async () => {
    const made = await twoClients();
    ({ vault, other } = made);
    const { caseId, indicatorId } = made;
    await updateIndicator(other, caseId, indicatorId, { ...behavior, summary: 'Changed by Sam' }, vault.now(), 1);
    expect(await updateIndicator(vault.session, caseId, indicatorId, { ...behavior, summary: 'Changed by Dana' }, vault.now())).toBe(3);
  });
});

describe('two hub users saving the same indicator on the server', () => {
  const PASSWORDS = { dana: 'plum orchard lantern 41', sam: 'copper kettle meadow 73' };
  let pg: PgCluster;
  let vault: TestVault;
  let caseId: string;
  let indicatorId: string;
  const stores: HubStore[] = [];
  const login = (user: 'dana' | 'sam'): HubLogin => ({ address: { host: '127.0.0.1', port: pg.port, database: 'hub' }, ca: readFileSync(pg.caFile, 'utf8'), user, password: PASSWORDS[user] });
  const admin = (sql: string) => pg.psql(sql, { database: 'hub' });
  const open = (user: 'dana' | 'sam') => {
    const store = hubStore(login(user));
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    pg = await startPgCluster();
    pg.psql('CREATE DATABASE hub');
    await initHub({ address: { host: '127.0.0.1', port: pg.port, database: 'hub' }, ca: readFileSync(pg.caFile, 'utf8'), user: pg.admin.user, password: pg.admin.password }, { manager: { name: 'dana', password: PASSWORDS.dana } });
    await addHubUser(login('dana'), { name: 'sam', role: 'program_manager', password: PASSWORDS.sam });
    vault = await createTestVault();
    caseId = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now()).id;
    indicatorId = await addIndicator(vault.session, caseId, null, behavior, vault.now());
    await moveVaultIntoHub(vault.session, login('dana'), vault.now);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    vault?.cleanup();
    pg?.stop();
  });

  it('makes the second of two open transactions find no row at the version it read, once the first commits', async () => {
    const dana = open('dana');
    const sam = open('sam');
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let updated = () => undefined as void;
    const danaUpdated = new Promise<void>((resolve) => {
      updated = resolve;
    });
    // Dana's transaction updates from version 1 and stays open, holding the row.
    const first = dana.transaction(async (tx) => {
      const ok = await updateIndicatorFields(tx, caseId, indicatorId, { ...behavior, summary: 'Dana on the hub' }, '2026-11-20T11:00:00.000Z', 1);
      updated();
      await held;
      return ok;
    });
    await danaUpdated;
    // Sam's update from version 1 now waits for Dana's row lock.
    const second = sam.transaction((tx) => updateIndicatorFields(tx, caseId, indicatorId, { ...behavior, summary: 'Sam on the hub' }, '2026-11-20T11:00:01.000Z', 1));
    for (let i = 0; i < 200 && admin("SELECT count(*) FROM pg_stat_activity WHERE usename = 'sam' AND wait_event_type = 'Lock'") !== '1'; i += 1) await new Promise((r) => setTimeout(r, 25));
    expect(admin("SELECT count(*) FROM pg_stat_activity WHERE usename = 'sam' AND wait_event_type = 'Lock'")).toBe('1');
    release();
    expect(await first).toBe(true);
    // Re-checked after Dana's commit, the row is at version 2: Sam's update writes nothing.
    expect(await second).toBe(false);
    expect(admin(`SELECT summary || '|' || version FROM indicators WHERE id = '${indicatorId}'`)).toBe('Dana on the hub|2');
  });

  it('answers a save from an older version with the conflict, through the same data layer queries', async () => {
    const sam = open('sam');
    // The indicator is at version 2 now; a form filled at version 1 writes nothing.
    expect(await sam.transaction((tx) => updateIndicatorFields(tx, caseId, indicatorId, { ...behavior, summary: 'Stale form' }, '2026-11-20T12:00:00.000Z', 1))).toBe(false);
    expect(await sam.transaction((tx) => updateIndicatorFields(tx, caseId, indicatorId, { ...behavior, summary: 'Reloaded form' }, '2026-11-20T12:00:00.000Z', 2))).toBe(true);
    expect(admin(`SELECT summary || '|' || version FROM indicators WHERE id = '${indicatorId}'`)).toBe('Reloaded form|3');
  });
});
