import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';

// Hub mode runs on a real PostgreSQL server. This proves the throwaway cluster the hub
// tests use is what a hub's administrator is told to run: TLS only, verified against
// the hub's CA, SCRAM-SHA-256 passwords, nothing listening beyond 127.0.0.1.
describe('test PostgreSQL cluster', () => {
  let pg: PgCluster;
  beforeAll(async () => {
    pg = await startPgCluster();
  });
  afterAll(() => pg?.stop());

  it('accepts a TLS connection verified against the hub CA', () => {
    expect(pg.psql("select ssl from pg_stat_ssl where pid = pg_backend_pid()")).toBe('t');
    expect(Number(pg.psql('show server_version_num'))).toBeGreaterThanOrEqual(150000);
  });

  it('refuses a connection without TLS', () => {
    const result = pg.psqlResult('select 1', { sslmode: 'disable' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/no pg_hba\.conf entry/);
  });

  it('refuses a server whose certificate the client CA did not sign', () => {
    const other = mkdtempSync(join(tmpdir(), 'offramp-otherca-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=Someone else', '-keyout', join(other, 'ca.key'), '-out', join(other, 'ca.pem')], { stdio: 'pipe' });
      const conninfo = `host=localhost hostaddr=127.0.0.1 port=${pg.port} dbname=postgres user=${pg.admin.user} sslmode=verify-full sslrootcert=${join(other, 'ca.pem')}`;
      let failure = '';
      try {
        execFileSync('psql', ['-X', '-c', 'select 1', '-d', conninfo], { stdio: 'pipe', env: { ...process.env, PGPASSWORD: pg.admin.password } });
      } catch (error) {
        failure = String((error as { stderr?: Buffer }).stderr ?? '');
      }
      expect(failure).toMatch(/certificate verify failed/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses a wrong password and stores passwords as SCRAM-SHA-256', () => {
    const wrong = pg.psqlResult('select 1', { password: 'not the password' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/password authentication failed/);
    expect(pg.psql(`select left(rolpassword, 14) from pg_authid where rolname = '${pg.admin.user}'`)).toBe('SCRAM-SHA-256$');
  });

  it('listens on the loopback address only', () => {
    expect(pg.psql('show listen_addresses')).toBe('127.0.0.1');
  });
});
