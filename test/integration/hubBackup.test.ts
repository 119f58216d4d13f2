import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHubUser, initHub, type HubLogin } from '../../electron/backend/data/postgres/hub';
import { HUB_SCHEMA_VERSION } from '../../electron/backend/data/postgres/schema';
import { nodeBackupFs, type BackupFs } from '../../electron/backend/services/backupFs';
import { backUpHub, type HubBackupManifest } from '../../electron/backend/services/hubBackup';
import { verifyAuditRows, type AuditRow } from '../../electron/backend/vault/audit';
import { runOfframp } from '../helpers/cli';
import { insertSql, rowFor } from '../helpers/hubRows';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';

const repo = resolve(import.meta.dirname, '..', '..');
const PASSWORDS = { dana: 'plum orchard lantern 41', ana: 'copper kettle meadow 73' };

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

// `offramp hub backup` against a real PostgreSQL server over verified TLS: the
// backup is opened with the real `age` and restored with the real pg_restore.
describe('offramp hub backup', () => {
  let pg: PgCluster;
  let dir: string;
  let hub: string;
  let ca: string;
  let key: string;
  let recipient: string;
  let tempRoot: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, `${text}\n`, { mode: 0o600 });
    return path;
  };
  const target = (name: string) => {
    const path = join(dir, name);
    mkdirSync(path);
    return path;
  };
  const args = (user: 'dana' | 'ana', to: string, ...extra: string[]) => ['hub', 'backup', '--hub', hub, '--ca', ca, '--user', user, '--passphrase-file', file(`${user}.pw`, PASSWORDS[user]), '--to', to, '--recipient', recipient, ...extra];
  // The bundle as users run it, with its temporary folder one the test can look into.
  const offramp = (argv: string[]) => spawnSync(process.execPath, ['bin/offramp.cjs', ...argv], { cwd: repo, encoding: 'utf8', input: '', timeout: 60_000, env: { ...process.env, TMPDIR: tempRoot } });
  const login = (user: 'dana' | 'ana'): HubLogin => ({ address: { host: '127.0.0.1', port: pg.port, database: 'hub' }, ca: readFileSync(ca, 'utf8'), user, password: PASSWORDS[user] });

  beforeAll(async () => {
    execFileSync(process.execPath, ['build/build.mjs', 'cli'], { cwd: repo });
    pg = await startPgCluster();
    pg.psql('CREATE DATABASE hub');
    dir = mkdtempSync(join(tmpdir(), 'offramp-hubbackup-'));
    tempRoot = target('tmp');
    hub = `postgresql://127.0.0.1:${pg.port}/hub`;
    ca = pg.caFile;
    key = join(dir, 'backup-key.txt');
    execFileSync('age-keygen', ['-o', key], { stdio: 'pipe' });
    recipient = execFileSync('age-keygen', ['-y', key], { encoding: 'utf8' }).trim();
    const address = { host: '127.0.0.1', port: pg.port, database: 'hub' };
    await initHub({ address, ca: readFileSync(ca, 'utf8'), user: pg.admin.user, password: pg.admin.password }, { manager: { name: 'dana', password: PASSWORDS.dana } });
    await addHubUser(login('dana'), { name: 'ana', role: 'analyst', password: PASSWORDS.ana });
    const seed: string[] = [];
    for (const c of ['c1', 'c2', 'c3']) {
      seed.push(insertSql('subjects', rowFor('subjects', c)).replace(`'subjects-${c}'`, `'s-${c}'`));
      seed.push(insertSql('cases', { ...rowFor('cases', c), assigned_to: 'dana' }));
      seed.push(`SELECT offramp_append_audit('case.open', '${c}', '{}');`);
    }
    pg.psql(seed.join('\n'), { user: 'dana', password: PASSWORDS.dana, database: 'hub' });
  });
  afterAll(() => {
    pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes an age-encrypted pg_dump with a manifest that matches it; age and pg_restore open it, and its restore holds the same cases and a verifying audit chain', () => {
    const to = target('medium');
    const head = pg.psql("SELECT count(*) || ' ' || max(seq) || ' ' || (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1) FROM audit_events", { database: 'hub' });
    const done = offramp(args('dana', to, '--json'));
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).not.toContain(PASSWORDS.dana);
    const result = JSON.parse(done.stdout) as { path: string; manifest: HubBackupManifest };
    expect(readdirSync(to)).toEqual([result.path.slice(to.length + 1)]);
    expect(readdirSync(result.path).sort()).toEqual(['backup.json', 'hub.dump.age']);

    // The manifest on the medium is the one reported, and matches the file and the hub at that moment.
    const manifest = JSON.parse(readFileSync(join(result.path, 'backup.json'), 'utf8')) as HubBackupManifest;
    expect(manifest).toEqual(result.manifest);
    const encrypted = readFileSync(join(result.path, 'hub.dump.age'));
    expect(manifest.files).toEqual([{ name: 'hub.dump.age', bytes: encrypted.length, sha256: createHash('sha256').update(encrypted).digest('hex') }]);
    expect(manifest).toMatchObject({ format: 'offramp-hub-backup', schemaVersion: HUB_SCHEMA_VERSION, cases: 3, by: 'dana', recipient, hub: { port: pg.port, database: 'hub' } });
    expect(`${manifest.audit.events} ${manifest.audit.headSeq} ${manifest.audit.headHash}`).toBe(head);

    // No plaintext dump anywhere: the medium holds age v1 only, and the temporary folder is left empty.
    expect(encrypted.subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
    for (const path of [...filesUnder(to), ...filesUnder(tempRoot)]) expect(readFileSync(path).includes('PGDMP')).toBe(false);
    expect(readdirSync(tempRoot)).toEqual([]);

    // The real age opens it with the identity alone, and pg_restore accepts what comes out.
    const dump = join(dir, 'opened.dump');
    execFileSync('age', ['-d', '-i', key, '-o', dump, join(result.path, 'hub.dump.age')]);
    const listing = execFileSync('pg_restore', ['--list', dump], { encoding: 'utf8' });
    expect(listing).toMatch(/TABLE DATA public cases /);
    expect(listing).toMatch(/TABLE DATA public audit_events /);
    rmSync(dump);

    // Restored into a fresh empty database by the cluster's administrator with README's own commands.
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const pipeline = /`(age -d -i BACKUP_KEY\.txt hub\.dump\.age \| pg_restore [^`]+)`/.exec(readme)?.[1];
    const grants = /`(REVOKE ALL ON DATABASE hub FROM PUBLIC;[^`]+)`/.exec(readme)?.[1];
    expect(pipeline).toBeDefined();
    expect(grants).toBeDefined();
    const restoreDir = target('restore');
    writeFileSync(join(restoreDir, 'BACKUP_KEY.txt'), readFileSync(key), { mode: 0o600 });
    writeFileSync(join(restoreDir, 'hub.dump.age'), encrypted);
    pg.psql('CREATE DATABASE restored');
    const command = (pipeline ?? '')
      .replace('host=HOST', 'host=localhost hostaddr=127.0.0.1')
      .replace('port=PORT', `port=${pg.port}`)
      .replace('dbname=hub', 'dbname=restored')
      .replace('user=ADMIN', `user=${pg.admin.user}`)
      .replace('sslrootcert=CA.pem', `sslrootcert=${ca}`);
    const restore = spawnSync('bash', ['-o', 'pipefail', '-c', command], { cwd: restoreDir, env: { ...process.env, PGPASSWORD: pg.admin.password }, encoding: 'utf8' });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    pg.psql((grants ?? '').replace(/\s+/g, ' ').replaceAll('DATABASE hub', 'DATABASE restored'), { database: 'restored' });
    // The restored hub keeps its access control: the manager sees every case, an analyst on no team none.
    expect(pg.psql('SELECT count(*) FROM cases', { user: 'dana', password: PASSWORDS.dana, database: 'restored' })).toBe('3');
    expect(pg.psql('SELECT count(*) FROM cases', { user: 'ana', password: PASSWORDS.ana, database: 'restored' })).toBe('0');
    const casesOf = (database: string) => pg.psql("SELECT string_agg(id || ':' || assigned_to, ',' ORDER BY id) FROM cases", { database });
    expect(casesOf('restored')).toBe('c1:dana,c2:dana,c3:dana');
    expect(casesOf('restored')).toBe(casesOf('hub'));
    const rows = (JSON.parse(pg.psql('SELECT json_agg(a ORDER BY seq) FROM audit_events a', { database: 'restored' })) as AuditRow[]).map((r) => ({ ...r, seq: Number(r.seq) }));
    expect(verifyAuditRows(rows)).toEqual({ ok: true, events: manifest.audit.events, firstBroken: null });
    expect(rows.at(-1)?.hash).toBe(manifest.audit.headHash);
    // The hub records the verified backup after the head it names.
    const recorded = pg.psql("SELECT seq || ' ' || actor || ' ' || action || ' ' || detail FROM audit_events ORDER BY seq DESC LIMIT 1", { database: 'hub' });
    expect(recorded).toContain(`${manifest.audit.headSeq + 1} dana vault.backup `);
    expect(recorded).toContain(manifest.files[0]?.sha256);
  });

  it('refuses an analyst (exit 5, audited), writing nothing', () => {
    const to = target('analyst-medium');
    const refused = offramp(args('ana', to));
    expect(refused.status).toBe(5);
    expect(refused.stderr).toMatch(/You may not back up the hub\. .*Only a program manager can\. Nothing was written\./);
    expect(readdirSync(to)).toEqual([]);
    expect(pg.psql("SELECT actor || ' ' || action || ' ' || detail FROM audit_events ORDER BY seq DESC LIMIT 1", { database: 'hub' })).toMatch(/^ana access\.denied .*"operation" ?: ?"vault\.backup"/);
  });

  it('refuses a bad recipient or a target that is not a folder (exit 2), an unreachable server (exit 1) and a CA that does not verify the server (exit 4), leaving nothing', async () => {
    const to = target('bad-input-medium');
    const badRecipient = await runOfframp(args('dana', to).map((a) => (a === recipient ? 'age1notakey' : a)));
    expect(badRecipient.code).toBe(2);
    expect(badRecipient.stderr).toMatch(/not a valid age public key/);
    const notFolder = await runOfframp(args('dana', file('a-file', 'x')));
    expect(notFolder.code).toBe(2);
    expect(notFolder.stderr).toMatch(/is not a folder/);

    const unreachable = offramp(args('dana', to).map((a) => (a === hub ? 'postgresql://127.0.0.1:1/hub' : a)));
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/Cannot reach the hub at 127\.0\.0\.1:1/);
    const other = join(dir, 'other');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=Someone else', '-keyout', `${other}.key`, '-out', `${other}.pem`], { stdio: 'pipe' });
    const wrongCa = offramp(args('dana', to).map((a) => (a === ca ? `${other}.pem` : a)));
    expect(wrongCa.status).toBe(4);
    expect(wrongCa.stderr).toMatch(/did not prove it is the hub/);
    expect(readdirSync(to)).toEqual([]);
  });

  it('on a medium that fills up part-way, says so and leaves no folder behind', async () => {
    const to = target('full-medium');
    let written = 0;
    const full: BackupFs = {
      ...nodeBackupFs,
      async open(path, flags) {
        const file = await nodeBackupFs.open(path, flags);
        return {
          ...file,
          async write(buffer, position) {
            written += buffer.length;
            if (written > 20_000) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
            return file.write(buffer, position);
          },
        };
      },
    };
    await expect(backUpHub(login('dana'), to, recipient, { appVersion: 'test', now: () => new Date(), fs: full })).rejects.toThrow(/the medium is full\. Nothing was kept on the medium\./);
    expect(written).toBeGreaterThan(20_000);
    expect(readdirSync(to)).toEqual([]);
  });

  it('hands pg_dump the password only in its environment, and leaves no folder when pg_dump fails part-way', async () => {
    const to = target('wrapped-medium');
    const seen = join(dir, 'pg_dump.seen');
    const script = (name: string, body: string) => {
      const path = join(dir, name);
      writeFileSync(path, `#!/bin/sh\n${body}\n`);
      chmodSync(path, 0o700);
      return path;
    };
    const recording = script('recording-pg_dump', `printf '%s\\n' "$@" > "${seen}"; [ -n "$PGPASSWORD" ] && echo env-has-password >> "${seen}"; exec pg_dump "$@"`);
    const done = await backUpHub(login('dana'), to, recipient, { appVersion: 'test', now: () => new Date(), pgDump: recording });
    const argv = readFileSync(seen, 'utf8');
    expect(argv).toMatch(/--snapshot=\S+/);
    expect(argv).toMatch(/sslmode=verify-full/);
    expect(argv).toContain('env-has-password');
    expect(argv).not.toContain(PASSWORDS.dana);
    expect(readdirSync(to)).toEqual([done.path.slice(to.length + 1)]);

    const failing = script('failing-pg_dump', 'head -c 200000 /dev/urandom; echo "pg_dump: error: connection lost" >&2; exit 1');
    const other = target('failing-medium');
    const backups = () => pg.psql("SELECT count(*) FROM audit_events WHERE action = 'vault.backup'", { database: 'hub' });
    const before = backups();
    await expect(backUpHub(login('dana'), other, recipient, { appVersion: 'test', now: () => new Date(), pgDump: failing })).rejects.toThrow(/pg_dump failed \(exit 1\): pg_dump: error: connection lost\. Nothing was kept\./);
    expect(readdirSync(other)).toEqual([]);
    expect(backups()).toBe(before);
  });
});
