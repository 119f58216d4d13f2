import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHubUser, hubAuditRows, initHub, withHubSession, type HubLogin } from '../../electron/backend/data/postgres/hub';
import { NOT_IMPORTED } from '../../electron/backend/data/postgres/hubImport';
import { tables, type TableName } from '../../electron/backend/data/schema';
import { checkImportedHistory, moveVaultIntoHub } from '../../electron/backend/services/hubImport';
import { listAudit } from '../../electron/backend/vault/audit';
import { runOfframp } from '../helpers/cli';
import { FAST } from '../helpers/cliVault';
import { openPacketCase, scratch } from '../helpers/packets';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { createTestVault, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

const PASSWORDS = { dana: 'plum orchard lantern 41', ana: 'copper kettle meadow 73' };
const copied = (Object.keys(tables) as TableName[]).filter((t) => NOT_IMPORTED[t] === undefined);

// `offramp hub import-vault` against a real PostgreSQL server over verified TLS,
// from real encrypted vaults holding a case with evidence.
describe('moving a workstation vault into a hub', () => {
  let pg: PgCluster;
  let vault: TestVault;
  let work: ReturnType<typeof scratch>;
  let caseId: string;
  const login = (user: 'dana' | 'ana'): HubLogin => ({ address: { host: '127.0.0.1', port: pg.port, database: 'hub' }, ca: readFileSync(pg.caFile, 'utf8'), user, password: PASSWORDS[user] });
  const admin = (sql: string) => pg.psql(sql, { database: 'hub' });
  const as = (user: 'dana' | 'ana', sql: string) => pg.psqlResult(sql, { user, password: PASSWORDS[user], database: 'hub' });
  /** Row counts of every copied table in the hub, as the administrator sees them. */
  const hubCounts = (): Record<string, string> =>
    Object.fromEntries(
      admin(copied.map((t) => `SELECT '${t}', count(*) FROM ${t}`).join(' UNION ALL '))
        .split('\n')
        .map((line): [string, string] => {
          const [table = '', n = ''] = line.split('|');
          return [table, n];
        }),
    );

  beforeAll(async () => {
    pg = await startPgCluster();
    pg.psql('CREATE DATABASE hub');
    await initHub({ address: { host: '127.0.0.1', port: pg.port, database: 'hub' }, ca: readFileSync(pg.caFile, 'utf8'), user: pg.admin.user, password: pg.admin.password }, { manager: { name: 'dana', password: PASSWORDS.dana } });
    await addHubUser(login('dana'), { name: 'ana', role: 'analyst', password: PASSWORDS.ana });
    work = scratch('offramp-hubimport-');
    vault = await createTestVault();
    caseId = (await openPacketCase(vault)).caseId;
  }, 120_000);
  afterAll(() => {
    vault?.cleanup();
    work?.cleanup();
    pg?.stop();
  });

  it('refuses a hub login that is not a program manager, and changes nothing in the hub', async () => {
    const before = hubCounts();
    await expect(moveVaultIntoHub(vault.session, login('ana'), vault.now)).rejects.toMatchObject({ code: 'forbidden' });
    expect(hubCounts()).toEqual(before);
    expect(admin('SELECT count(*) FROM vault_imports')).toBe('0');
    // The vault records the attempt and why it failed.
    expect(listAudit(vault.session.db, { limit: 10 }).map((e) => e.action)).toContain('vault.move_to_hub_failed');
  });

  it('copies the cases with their evidence and keeps the vault’s audit log as verified imported history', async () => {
    const vaultCount = (t: TableName) => Number(vault.session.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get());
    const result = await moveVaultIntoHub(vault.session, login('dana'), vault.now);
    expect(result.cases).toBe(1);
    expect(hubCounts()).toEqual(Object.fromEntries(copied.map((t) => [t, String(vaultCount(t))])));
    expect(vaultCount('evidence')).toBeGreaterThan(0);
    // Evidence arrives byte for byte: each file's content hashes to the SHA-256 recorded at intake.
    const evidence = admin(
      "SELECT e.sha256 = encode(sha256(coalesce((SELECT string_agg(c.data, ''::bytea ORDER BY c.seq) FROM evidence_chunks c WHERE c.evidence_id = e.id), e.content)), 'hex') FROM evidence e",
    ).split('\n');
    expect(evidence.length).toBe(vaultCount('evidence'));
    expect(evidence.every((ok) => ok === 't')).toBe(true);
    expect(admin(`SELECT title FROM cases WHERE id = '${caseId}'`)).toBe(String(vault.session.db.prepare('SELECT title FROM cases WHERE id = ?').pluck().get(caseId)));

    // The imported history is the vault's whole log, ending with the move itself, and it verifies.
    // Newest first: the latest move is the one that succeeded.
    const moved = listAudit(vault.session.db, { limit: 10 }).find((e) => e.action === 'vault.move_to_hub');
    expect(moved).toBeDefined();
    expect(result.auditHead.seq).toBe(moved?.seq);
    expect(Number(admin('SELECT count(*) FROM imported_audit_events'))).toBe(result.auditEvents);
    expect(await checkImportedHistory(login('dana'))).toEqual([{ importId: result.importId, vaultId: vault.session.vaultId, events: result.auditEvents, ok: true, problem: null }]);
    // The hub's own chain records the import with the history's head.
    const hubEvents = await withHubSession(login('dana'), (client) => hubAuditRows(client));
    const recorded = hubEvents.find((e) => e.action === 'vault.import');
    expect(recorded?.actor).toBe('dana');
    expect(JSON.parse(recorded?.detail ?? '{}')).toMatchObject({ importId: result.importId, headSeq: result.auditHead.seq, headHash: result.auditHead.hash });
    // The case's lead is a vault user with no hub login: listed, not guessed.
    expect(result.usersWithoutLogin).toContain('Dana Whitfield');
  });

  it('puts the imported cases under the hub’s need-to-know: an analyst sees one only once on its team', () => {
    expect(as('ana', 'SELECT count(*) FROM cases').stdout.trim()).toBe('0');
    expect(as('ana', 'SELECT count(*) FROM evidence').stdout.trim()).toBe('0');
    expect(as('dana', `INSERT INTO case_members (case_id, user_name, case_role) VALUES ('${caseId}', 'ana', 'member')`).status).toBe(0);
    expect(as('ana', 'SELECT id FROM cases').stdout.trim()).toBe(caseId);
    expect(Number(as('ana', 'SELECT count(*) FROM evidence').stdout.trim())).toBeGreaterThan(0);
    // Imported history is the program manager's to read, like the whole log.
    expect(as('ana', 'SELECT count(*) FROM imported_audit_events').stderr).toMatch(/permission denied/);
  });

  it('lets no one change imported history, and shows it when the server’s administrator does', async () => {
    expect(as('dana', 'UPDATE imported_audit_events SET actor = actor').stderr).toMatch(/permission denied/);
    expect(as('dana', 'DELETE FROM imported_audit_events').stderr).toMatch(/permission denied/);
    expect(as('dana', 'DELETE FROM vault_imports').stderr).toMatch(/permission denied/);
    admin("UPDATE imported_audit_events SET detail = '{}' WHERE seq = 2");
    const [check] = await checkImportedHistory(login('dana'));
    expect(check?.ok).toBe(false);
    expect(check?.problem).toMatch(/breaks at event 2/);
  });

  it('refuses to move the same vault twice, and changes nothing', async () => {
    const before = hubCounts();
    await expect(moveVaultIntoHub(vault.session, login('dana'), vault.now)).rejects.toMatchObject({ code: 'conflict' });
    expect(hubCounts()).toEqual(before);
    expect(admin('SELECT count(*) FROM vault_imports')).toBe('1');
  });

  it('runs from the command line with secrets from files only, and refuses a wrong vault passphrase with nothing changed', async () => {
    const second = await createTestVault({ userName: 'Rita Okafor' });
    second.session.close();
    const hubPass = join(work.root, 'dana.pw');
    const vaultPass = join(work.root, 'vault.pw');
    const wrongPass = join(work.root, 'wrong.pw');
    writeFileSync(hubPass, `${PASSWORDS.dana}\n`, { mode: 0o600 });
    writeFileSync(vaultPass, `${TEST_PASSPHRASE}\n`, { mode: 0o600 });
    writeFileSync(wrongPass, 'not the vault passphrase at all\n', { mode: 0o600 });
    const argv = (pass: string) => ['hub', 'import-vault', '--hub', `postgresql://127.0.0.1:${pg.port}/hub`, '--ca', pg.caFile, '--user', 'dana', '--passphrase-file', hubPass, '--vault', second.dir, '--vault-user', 'Rita Okafor', '--vault-passphrase-file', pass];
    try {
      const before = admin('SELECT count(*) FROM vault_imports');
      const wrong = await runOfframp(argv(wrongPass), { env: FAST });
      expect(wrong.code).toBe(3);
      expect(wrong.stderr).toMatch(/offramp: /);
      expect(admin('SELECT count(*) FROM vault_imports')).toBe(before);
      const ok = await runOfframp([...argv(vaultPass), '--json'], { env: FAST });
      expect(ok.stderr).toBe('');
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ cases: 0 });
      expect(admin('SELECT count(*) FROM vault_imports')).toBe(String(Number(before) + 1));
      const again = await runOfframp(argv(vaultPass), { env: FAST });
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/imported into the hub before/);
    } finally {
      second.cleanup();
    }
  });
});
