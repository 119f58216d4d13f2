import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHubUser, appendHubAudit, hubAuditRows, initHub, withHubSession, type HubLogin } from '../../electron/backend/data/postgres/hub';
import { verifyAuditRows } from '../../electron/backend/vault/audit';
import { insertSql, rowFor } from '../helpers/hubRows';
import { startPgCluster, type PgCluster, type PgStandby } from '../helpers/pgCluster';

const PASSWORDS = { dana: 'plum orchard lantern 41', ana: 'copper kettle meadow 73' };

/** Waits until the standby has replayed everything the primary has written so far. */
async function caughtUp(primary: PgCluster, standby: PgStandby): Promise<void> {
  const lsn = primary.psql('SELECT pg_current_wal_lsn()');
  for (let i = 0; i < 200; i += 1) {
    if (standby.psql(`SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn`) === 't') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The standby did not replay up to ${lsn} within 10 s.`);
}

// README "A hot standby for the hub" and "Statement-level auditing with pgaudit",
// done on real servers: a primary with pgaudit loaded and a standby made by
// pg_basebackup over verified TLS, kept up by streaming replication.
describe('a hub with a hot standby and pgaudit', () => {
  let primary: PgCluster;
  let standby: PgStandby;
  const login = (server: { port: number; caFile: string }, user: 'dana' | 'ana'): HubLogin => ({
    address: { host: '127.0.0.1', port: server.port, database: 'hub' },
    ca: readFileSync(primary.caFile, 'utf8'),
    user,
    password: PASSWORDS[user],
  });
  const as = (server: PgCluster | PgStandby, user: 'dana' | 'ana', sql: string) => server.psqlResult(sql, { user, password: PASSWORDS[user], database: 'hub' });

  beforeAll(async () => {
    primary = await startPgCluster({ replication: true, conf: ["shared_preload_libraries = 'pgaudit'", "pgaudit.log = 'write, ddl, role'", 'pgaudit.log_relation = on', "log_line_prefix = '%m [%p] %u@%d '"] });
    primary.psql('CREATE DATABASE hub');
    primary.psql('CREATE EXTENSION pgaudit', { database: 'hub' });
    const admin: HubLogin = { address: { host: '127.0.0.1', port: primary.port, database: 'hub' }, ca: readFileSync(primary.caFile, 'utf8'), user: primary.admin.user, password: primary.admin.password };
    await initHub(admin, { manager: { name: 'dana', password: PASSWORDS.dana } });
    await addHubUser(login(primary, 'dana'), { name: 'ana', role: 'analyst', password: PASSWORDS.ana });
    const seed: string[] = [];
    for (const c of ['c1', 'c2']) {
      seed.push(insertSql('subjects', rowFor('subjects', c)).replace(`'subjects-${c}'`, `'s-${c}'`));
      seed.push(insertSql('cases', { ...rowFor('cases', c), assigned_to: 'dana' }));
    }
    seed.push(insertSql('case_members', { case_id: 'c1', user_name: 'ana', case_role: 'member' }));
    as(primary, 'dana', seed.join('\n'));
    await withHubSession(login(primary, 'dana'), async (client) => {
      await appendHubAudit(client, { action: 'case.open', caseId: 'c1' });
      await appendHubAudit(client, { action: 'case.open', caseId: 'c2' });
    });
    standby = await primary.startStandby();
    await caughtUp(primary, standby);
  }, 120_000);
  afterAll(() => {
    primary?.stop();
  });

  it('streams to the standby over TLS only, as the replication role', () => {
    expect(standby.psql('SELECT pg_is_in_recovery()')).toBe('t');
    expect(primary.psql('SELECT r.usename || \' \' || s.ssl FROM pg_stat_replication r JOIN pg_stat_ssl s ON s.pid = r.pid')).toBe('offramp_replicator true');
    // The standby's own connection settings name the CA and verify the server; no password is written into them.
    const conninfo = standby.psql('SHOW primary_conninfo');
    expect(conninfo).toMatch(/sslmode='?verify-full/);
    expect(conninfo).toMatch(/sslrootcert=/);
    expect(conninfo).not.toMatch(/password=/);
    // A connection without TLS matches no pg_hba line, for replication or anything else.
    const plain = primary.psqlResult('SELECT 1', { sslmode: 'disable' });
    expect(plain.status).not.toBe(0);
    expect(plain.stderr).toMatch(/no pg_hba\.conf entry|SSL off/);
  });

  it('serves reads with the same need-to-know and refuses every write, the audit function included', async () => {
    expect(as(standby, 'dana', 'SELECT string_agg(id, \',\' ORDER BY id) FROM cases').stdout.trim()).toBe('c1,c2');
    expect(as(standby, 'ana', 'SELECT string_agg(id, \',\' ORDER BY id) FROM cases').stdout.trim()).toBe('c1');
    const write = as(standby, 'dana', "UPDATE cases SET title = 'changed' WHERE id = 'c1'");
    expect(write.stderr).toMatch(/read-only transaction/);
    const audit = as(standby, 'dana', "SELECT offramp_append_audit('case.view', 'c1', '{}')");
    expect(audit.stderr).toMatch(/read-only transaction/);
    // The chain read from the standby is the primary's, and verifies.
    const rows = await withHubSession(login(standby, 'dana'), (client) => hubAuditRows(client));
    expect(rows.map((r) => r.action)).toContain('case.open');
    expect(verifyAuditRows(rows).ok).toBe(true);
  });

  it('logs each write and role change through pgaudit with the login that made it, and not the values the app binds', async () => {
    // The app's statements carry their values as bound parameters, which pgaudit leaves out (pgaudit.log_parameter is off).
    await withHubSession(login(primary, 'dana'), (client) => client.query('UPDATE cases SET title = $1 WHERE id = $2', ['Quarterly review of c2', 'c2']));
    const log = primary.log();
    expect(log).toMatch(/dana@hub LOG: {2}AUDIT: SESSION,\d+,\d+,WRITE,UPDATE,TABLE,public\.cases,UPDATE cases SET title = \$1 WHERE id = \$2/);
    expect(log).toMatch(/AUDIT: SESSION,\d+,\d+,ROLE,CREATE ROLE/);
    expect(log).not.toContain('Quarterly review of c2');
  });

  it('takes over when promoted: writes are accepted and the audit chain continues and verifies', async () => {
    await caughtUp(primary, standby);
    standby.promote();
    for (let i = 0; i < 100 && standby.psql('SELECT pg_is_in_recovery()') === 't'; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(standby.psql('SELECT pg_is_in_recovery()')).toBe('f');
    const rows = await withHubSession(login(standby, 'ana'), async (client) => {
      await appendHubAudit(client, { action: 'case.view', caseId: 'c1' });
      return hubAuditRows(client);
    });
    expect(rows.at(-1)?.actor).toBe('ana');
    const all = await withHubSession(login(standby, 'dana'), (client) => hubAuditRows(client));
    expect(verifyAuditRows(all).ok).toBe(true);
    expect(all.length).toBeGreaterThan(rows.length - 1);
  });
});
