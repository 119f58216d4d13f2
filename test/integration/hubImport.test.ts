import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { AppError } from '../../shared/contract';
import { addHubUser, hubAuditRows, initHub, withHubClient, withHubSession, type HubLogin } from '../../electron/backend/data/postgres/hub';
import { NOT_IMPORTED, ONE_IMPORT_PER_VAULT } from '../../electron/backend/data/postgres/hubImport';
import { tables, type TableName } from '../../electron/backend/data/schema';
import { checkImportedHistory, moveVaultIntoHub } from '../../electron/backend/services/hubImport';
import { listAudit, verifyAuditRows } from '../../electron/backend/vault/audit';
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

/**
 * Waits until `count` sessions of `users` are blocked on a lock and returns the
 * statements they wait in. Bounded: it fails after 15 s, or as soon as one of the
 * imports has ended instead of waiting. `pg_stat_activity` is read afresh each time
 * (the caller's transaction would otherwise see its first snapshot).
 */
async function lockWaiters(gate: pg.Client, users: readonly string[], count: number, ended: () => boolean): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await gate.query('SELECT pg_stat_clear_snapshot()');
    const waiting = await gate.query<{ query: string }>("SELECT query FROM pg_stat_activity WHERE usename = ANY ($1::text[]) AND wait_event_type = 'Lock' ORDER BY pid", [users]);
    if (waiting.rows.length >= count) return waiting.rows.map((r) => r.query);
    if (ended()) throw new Error(`Only ${waiting.rows.length} of ${count} imports reached a lock; one ended first.`);
    if (Date.now() > deadline) throw new Error(`Only ${waiting.rows.length} of ${count} imports reached a lock within 15 s.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Two program managers move the same vault at the same moment, each on their own
// connection. A third connection holds vault_imports in SHARE mode, which lets both
// read the table (each finds no earlier import) but not write it, until both are
// seen waiting on the insert of their import's record; then it lets go. Whatever
// the order after that, the server's unique constraint must let exactly one commit.
describe('two program managers moving the same vault at the same moment', () => {
  const PMS = { dana: 'plum orchard lantern 41', omar: 'saffron bridge tundra 58' } as const;
  type Pm = keyof typeof PMS;
  const names = Object.keys(PMS) as Pm[];
  let pg: PgCluster;
  const vaults: TestVault[] = [];
  const address = () => ({ host: '127.0.0.1', port: pg.port, database: 'hub' });
  const login = (user: Pm): HubLogin => ({ address: address(), ca: readFileSync(pg.caFile, 'utf8'), user, password: PMS[user] });
  const serverAdmin = (): HubLogin => ({ address: address(), ca: readFileSync(pg.caFile, 'utf8'), user: pg.admin.user, password: pg.admin.password });
  const admin = (sql: string) => pg.psql(sql, { database: 'hub' });
  const hubCounts = (): Record<string, number> =>
    Object.fromEntries(
      admin(copied.map((t) => `SELECT '${t}', count(*) FROM ${t}`).join(' UNION ALL '))
        .split('\n')
        .map((line): [string, number] => {
          const [table = '', n = ''] = line.split('|');
          return [table, Number(n)];
        }),
    );

  beforeAll(async () => {
    pg = await startPgCluster();
    pg.psql('CREATE DATABASE hub');
    await initHub(serverAdmin(), { manager: { name: 'dana', password: PMS.dana } });
    await addHubUser(login('dana'), { name: 'omar', role: 'program_manager', password: PMS.omar });
  }, 120_000);
  afterAll(() => {
    for (const v of vaults) v.cleanup();
    pg?.stop();
  });

  /** Both moves started together and held at the insert of the import's record until both are there. */
  const race = (vault: TestVault) =>
    withHubClient(serverAdmin(), async (gate) => {
      await gate.query('BEGIN');
      await gate.query('LOCK TABLE vault_imports IN SHARE MODE');
      let ended = 0;
      const attempts = names.map((user) =>
        moveVaultIntoHub(vault.session, login(user), vault.now).finally(() => {
          ended += 1;
        }),
      );
      const outcomes = Promise.allSettled(attempts);
      let waiting: string[];
      try {
        waiting = await lockWaiters(gate, names, 2, () => ended > 0);
      } finally {
        await gate.query('COMMIT');
      }
      return { waiting, outcomes: await outcomes };
    });

  const raceCase = async (vault: TestVault, cases: number) => {
    const vaultId = vault.session.vaultId;
    const vaultCount = (t: TableName) => Number(vault.session.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get());
    const caseIds = vault.session.db.prepare('SELECT id FROM cases').pluck().all().map(String);
    expect(caseIds.length).toBe(cases);
    const before = hubCounts();
    const eventsBefore = Number(admin('SELECT count(*) FROM imported_audit_events'));

    const { waiting, outcomes } = await race(vault);
    // Both had passed the check for an earlier import and were at the insert of their record.
    expect(waiting).toHaveLength(2);
    for (const statement of waiting) expect(statement).toMatch(/^INSERT INTO vault_imports /);

    const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [{ user: names[i], result: o.value }] : []));
    const lost = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [{ user: names[i], error: o.reason as unknown }] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0];
    const loser = lost[0];
    if (winner === undefined || loser === undefined) throw new Error('unreachable: one winner and one loser were checked above');
    expect(winner.result.cases).toBe(cases);
    expect(loser.error).toBeInstanceOf(AppError);
    expect(loser.error).toMatchObject({ code: 'conflict' });
    const refusal = (loser.error as AppError).message;
    expect(refusal).toBe(`This vault was imported into the hub before (import ${winner.result.importId}, at ${vault.now().toISOString()}, by ${winner.user ?? ''}). Nothing was changed.`);

    // The loser left nothing: the hub holds the vault's rows once, each case once,
    // one record of the import and the winner's imported history only.
    const after = hubCounts();
    expect(Object.fromEntries(copied.map((t) => [t, (after[t] ?? 0) - (before[t] ?? 0)]))).toEqual(Object.fromEntries(copied.map((t) => [t, vaultCount(t)])));
    for (const id of caseIds) expect(admin(`SELECT count(*) FROM cases WHERE id = '${id}'`)).toBe('1');
    expect(admin(`SELECT id || '|' || imported_by FROM vault_imports WHERE vault_id = '${vaultId}'`)).toBe(`${winner.result.importId}|${winner.user ?? ''}`);
    expect(Number(admin('SELECT count(*) FROM imported_audit_events'))).toBe(eventsBefore + winner.result.auditEvents);
    const failed = listAudit(vault.session.db, { limit: 20 }).find((e) => e.action === 'vault.move_to_hub_failed');
    const loserImport = String(failed?.detail.importId);
    expect(loserImport).not.toBe(winner.result.importId);
    expect(admin(`SELECT count(*) FROM vault_imports WHERE id = '${loserImport}'`)).toBe('0');
    expect(admin(`SELECT count(*) FROM imported_audit_events WHERE import_id = '${loserImport}'`)).toBe('0');

    // The hub's chain is whole and records this vault's import once; every imported history verifies.
    const hubEvents = await withHubSession(login('dana'), (client) => hubAuditRows(client));
    expect(verifyAuditRows(hubEvents).ok).toBe(true);
    const imports = hubEvents.filter((e) => e.action === 'vault.import' && (JSON.parse(e.detail) as { vaultId?: string }).vaultId === vaultId);
    expect(imports.map((e) => e.actor)).toEqual([winner.user]);
    const checks = await checkImportedHistory(login('omar'));
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks.filter((c) => c.vaultId === vaultId)).toEqual([{ importId: winner.result.importId, vaultId, events: winner.result.auditEvents, ok: true, problem: null }]);

    // A later move of the same vault is refused by the check before any write, in the same words.
    const again = await moveVaultIntoHub(vault.session, login(loser.user ?? 'dana'), vault.now).then(
      () => null,
      (error: unknown) => error,
    );
    expect(again).toMatchObject({ code: 'conflict', message: refusal });
    expect(hubCounts()).toEqual(after);
  };

  it('lets exactly one of two racing moves of a vault with no cases commit, and refuses the other clearly', async () => {
    const vault = await createTestVault({ userName: 'Rita Okafor' });
    vaults.push(vault);
    await raceCase(vault, 0);
  });

  it('lets exactly one of two racing moves of a vault with a case and evidence commit, and leaves nothing of the other', async () => {
    const vault = await createTestVault();
    vaults.push(vault);
    await openPacketCase(vault);
    await raceCase(vault, 1);
  });

  it('has the server refuse a second record of the same vault, even from its administrator', () => {
    const [vaultId = '', id = ''] = admin('SELECT vault_id, id FROM vault_imports ORDER BY imported_at, id LIMIT 1').split('|');
    expect(vaultId).not.toBe('');
    const duplicate = pg.psqlResult(`INSERT INTO vault_imports (id, vault_id, imported_at, imported_by, cases, events, head_seq, head_hash) SELECT 'copy-of-' || id, vault_id, imported_at, imported_by, cases, events, head_seq, head_hash FROM vault_imports WHERE id = '${id}'`, { database: 'hub' });
    expect(duplicate.status).not.toBe(0);
    expect(duplicate.stderr).toContain(`duplicate key value violates unique constraint "${ONE_IMPORT_PER_VAULT}"`);
    expect(admin(`SELECT count(*) FROM vault_imports WHERE vault_id = '${vaultId}'`)).toBe('1');
    // The constraint is the schema's, as hub init created it: owned by the hub's owner role.
    expect(admin(`SELECT pg_get_constraintdef(c.oid) || '|' || pg_get_userbyid(t.relowner) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE c.conname = '${ONE_IMPORT_PER_VAULT}'`)).toBe('UNIQUE (vault_id)|offramp_owner');
  });
});
