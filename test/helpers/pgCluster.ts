import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL cluster for hub-mode tests: a real server from Debian's
 * packages, never a mock. It runs as the unprivileged `postgres` user (initdb refuses
 * root) on folders that user owns, listens only on 127.0.0.1 at a free port, accepts
 * only TLS connections (`hostssl` lines, SCRAM-SHA-256) with a server certificate
 * signed by a CA made for this cluster, and is stopped and removed by `stop()`.
 */
export interface PgCluster {
  host: '127.0.0.1';
  port: number;
  /** The CA that signed the server certificate: what clients verify against. */
  caFile: string;
  /** The cluster administrator (a superuser) and its password. */
  admin: { user: string; password: string };
  /** Runs psql as `user` over TLS with full verification; returns stdout, throws on failure. */
  psql: (sql: string, options?: { user?: string; password?: string; database?: string; sslmode?: string }) => string;
  /** Like psql but returns the exit status and stderr instead of throwing. */
  psqlResult: (sql: string, options?: { user?: string; password?: string; database?: string; sslmode?: string }) => { status: number; stdout: string; stderr: string };
  /** The server's log so far. */
  log: () => string;
  /**
   * A hot standby of this cluster, made as README "A hot standby" says: a base
   * backup streamed over verified TLS by a replication role, started read-only and
   * kept up to date by streaming replication. Needs `replication: true`.
   */
  startStandby: () => Promise<PgStandby>;
  stop: () => void;
}

export interface PgStandby extends Omit<PgCluster, 'startStandby'> {
  /** Turns the standby into a primary (`pg_ctl promote`), as after losing the primary. */
  promote: () => void;
}

export interface PgClusterOptions {
  /** A replication login (`offramp_replicator`) and a `hostssl replication` line for it. */
  replication?: boolean;
  /** Extra postgresql.conf lines (e.g. `shared_preload_libraries = 'pgaudit'`). */
  conf?: string[];
}

const PG_BIN = process.env.OFFRAMP_PG_BIN ?? findPgBin();

function findPgBin(): string {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return '';
  const versions = readdirSync(base).filter((v) => /^\d+$/.test(v)).map(Number).filter((v) => v >= 15).sort((a, b) => b - a);
  return versions.length > 0 ? join(base, String(versions[0]), 'bin') : '';
}

/** Whether this machine can start a cluster (Debian's postgresql package and root to drop to `postgres`). */
export function pgAvailable(): { ok: true } | { ok: false; why: string } {
  if (!PG_BIN || !existsSync(join(PG_BIN, 'initdb'))) return { ok: false, why: 'PostgreSQL 15 or later is not installed (apt-get install -y postgresql)' };
  if (process.getuid?.() !== 0) return { ok: false, why: 'the tests must run as root to start the cluster as the postgres user' };
  return { ok: true };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function asPostgres(command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe', env: { ...process.env, ...env } });
}

function makeCertificates(dir: string): { caFile: string; certFile: string; keyFile: string } {
  const ca = join(dir, 'ca');
  const server = join(dir, 'server');
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=Offramp test hub CA', '-keyout', `${ca}.key`, '-out', `${ca}.pem`]);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', '/CN=localhost', '-keyout', `${server}.key`, '-out', `${server}.csr`]);
  writeFileSync(`${server}.ext`, 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  openssl(['x509', '-req', '-in', `${server}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2', '-extfile', `${server}.ext`, '-out', `${server}.pem`]);
  return { caFile: `${ca}.pem`, certFile: `${server}.pem`, keyFile: `${server}.key` };
}

export async function startPgCluster(options: PgClusterOptions = {}): Promise<PgCluster> {
  const available = pgAvailable();
  if (!available.ok) throw new Error(`Cannot start a test PostgreSQL cluster: ${available.why}.`);
  const root = mkdtempSync(join(tmpdir(), 'offramp-pg-'));
  chmodSync(root, 0o755);
  const data = join(root, 'data');
  const socketDir = join(root, 'socket');
  const log = join(root, 'server.log');
  const pwFile = join(root, 'admin.pw');
  const tls = join(root, 'tls');
  for (const dir of [socketDir, tls]) execFileSync('mkdir', ['-m', '0700', dir]);
  const admin = { user: 'offramp_admin', password: randomBytes(18).toString('base64url') };
  writeFileSync(pwFile, `${admin.password}\n`, { mode: 0o600 });
  const certs = makeCertificates(tls);
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  for (const path of [root, socketDir, tls, pwFile, certs.certFile, certs.keyFile]) chownSync(path, uid, gid);
  chmodSync(certs.keyFile, 0o600);
  chmodSync(certs.caFile, 0o644);
  writeFileSync(log, '');
  chownSync(log, uid, gid);

  asPostgres(join(PG_BIN, 'initdb'), ['-D', data, '-U', admin.user, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions']);
  rmSync(pwFile);
  const port = await freePort();
  appendFileSync(join(data, 'postgresql.conf'), [
    `listen_addresses = '127.0.0.1'`,
    `port = ${port}`,
    `unix_socket_directories = '${socketDir}'`,
    `ssl = on`,
    `ssl_cert_file = '${certs.certFile}'`,
    `ssl_key_file = '${certs.keyFile}'`,
    `ssl_min_protocol_version = 'TLSv1.2'`,
    `password_encryption = 'scram-sha-256'`,
    `fsync = off`,
    `synchronous_commit = off`,
    // A standby's base backup needs full page images; without one nothing is replicated.
    options.replication === true ? 'full_page_writes = on' : `full_page_writes = off`,
    ...(options.conf ?? []),
    '',
  ].join('\n'));
  // TLS only from the network: no `host` or `local` lines that would accept a plain connection.
  const hba = ['hostssl all all 127.0.0.1/32 scram-sha-256', ...(options.replication === true ? ['hostssl replication offramp_replicator 127.0.0.1/32 scram-sha-256'] : [])];
  writeFileSync(join(data, 'pg_hba.conf'), `${hba.join('\n')}\n`);
  chownSync(join(data, 'pg_hba.conf'), uid, gid);
  asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', data, '-l', log, '-w', '-t', '60', 'start']);

  let stopped = false;
  const standbys: (() => void)[] = [];
  const replicator = { user: 'offramp_replicator', password: randomBytes(18).toString('base64url') };
  const psqlOn = (onPort: number): PgCluster['psqlResult'] => (sql, options = {}) => {
    const user = options.user ?? admin.user;
    const password = options.password ?? admin.password;
    const conninfo = `host=localhost hostaddr=127.0.0.1 port=${onPort} dbname=${options.database ?? 'postgres'} user=${user} sslmode=${options.sslmode ?? 'verify-full'} sslrootcert=${certs.caFile}`;
    const result = spawnSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', conninfo, '-c', sql], {
      // libpq reads the password from the environment of the child only; it never appears in argv.
      env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' },
      encoding: 'utf8',
    });
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  };
  const psqlThrowing = (run: PgCluster['psqlResult']): PgCluster['psql'] => (sql, options) => {
    const result = run(sql, options);
    if (result.status !== 0) throw new Error(`psql failed (${result.status}): ${result.stderr.trim()}`);
    return result.stdout.trim();
  };
  const psqlResult = psqlOn(port);
  if (options.replication === true) {
    psqlThrowing(psqlResult)(`CREATE ROLE ${replicator.user} WITH REPLICATION LOGIN PASSWORD '${replicator.password}'`);
  }

  const startStandby = async (): Promise<PgStandby> => {
    if (options.replication !== true) throw new Error('This cluster was started without replication.');
    const standbyData = join(root, `standby-${standbys.length + 1}`);
    const standbyLog = `${standbyData}.log`;
    writeFileSync(standbyLog, '');
    chownSync(standbyLog, uid, gid);
    // The replication password goes to pg_basebackup through a 0600 password file of
    // the postgres user, never argv; -R writes primary_conninfo naming that file.
    const passfile = join(root, 'replicator.pgpass');
    writeFileSync(passfile, `localhost:${port}:replication:${replicator.user}:${replicator.password}\n`, { mode: 0o600 });
    chownSync(passfile, uid, gid);
    const conninfo = `host=localhost hostaddr=127.0.0.1 port=${port} user=${replicator.user} sslmode=verify-full sslrootcert=${certs.caFile} passfile=${passfile}`;
    asPostgres(join(PG_BIN, 'pg_basebackup'), ['-D', standbyData, '-R', '-X', 'stream', '-c', 'fast', '--no-password', '-d', conninfo]);
    const standbyPort = await freePort();
    appendFileSync(join(standbyData, 'postgresql.conf'), `port = ${standbyPort}\nhot_standby = on\n`);
    asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', standbyData, '-l', standbyLog, '-w', '-t', '60', 'start']);
    let standbyStopped = false;
    const stopStandby = () => {
      if (standbyStopped) return;
      standbyStopped = true;
      asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', standbyData, '-m', 'immediate', '-w', 'stop']);
    };
    standbys.push(stopStandby);
    const standbyPsql = psqlOn(standbyPort);
    return {
      host: '127.0.0.1',
      port: standbyPort,
      caFile: certs.caFile,
      admin,
      psqlResult: standbyPsql,
      psql: psqlThrowing(standbyPsql),
      log: () => readFileSync(standbyLog, 'utf8'),
      promote: () => asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', standbyData, '-w', '-t', '60', 'promote']),
      stop: stopStandby,
    };
  };

  return {
    host: '127.0.0.1',
    port,
    caFile: certs.caFile,
    admin,
    psqlResult,
    psql: psqlThrowing(psqlResult),
    log: () => readFileSync(log, 'utf8'),
    startStandby,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        for (const stopStandby of standbys) {
          try {
            stopStandby();
          } catch {
            // Stopped already or never started: the folder is removed below either way.
          }
        }
        asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
