import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOfframp } from '../helpers/cli';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';

const repo = resolve(import.meta.dirname, '..', '..');

// `offramp hub init` and `offramp hub add-user` as users run them: the bundled CLI
// in a plain Node process, against a real PostgreSQL server over verified TLS.
describe('offramp hub init and hub add-user', () => {
  let pg: PgCluster;
  let dir: string;
  let hub: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, `${text}\n`, { mode: 0o600 });
    return path;
  };
  const offramp = (...args: string[]) => spawnSync(process.execPath, ['bin/offramp.cjs', ...args], { cwd: repo, encoding: 'utf8', input: '', timeout: 60_000 });
  const PASSWORDS = { dana: 'plum orchard lantern 41', ana: 'copper kettle meadow 73', bob: 'violet harbor engine 58' };
  let ca: string;
  let adminPw: string;
  const init = (...extra: string[]) =>
    offramp('hub', 'init', '--hub', hub, '--ca', ca, '--admin', pg.admin.user, '--admin-password-file', adminPw, '--user', 'dana', '--passphrase-file', file('dana.pw', PASSWORDS.dana), ...extra);
  const addUser = (by: 'dana' | 'ana', name: string, role: string, password: string) =>
    offramp('hub', 'add-user', '--hub', hub, '--ca', ca, '--user', by, '--passphrase-file', file(`${by}.pw`, PASSWORDS[by]), '--new-user', name, '--new-role', role, '--new-passphrase-file', file('new.pw', password));
  const offrampRoles = () => pg.psql("SELECT count(*) FROM pg_roles WHERE (rolname LIKE 'offramp%' AND rolname <> current_user) OR rolname IN ('dana', 'ana', 'bob')");

  beforeAll(async () => {
    execFileSync(process.execPath, ['build/build.mjs', 'cli'], { cwd: repo });
    pg = await startPgCluster();
    pg.psql('CREATE DATABASE hub');
    dir = mkdtempSync(join(tmpdir(), 'offramp-hubcli-'));
    hub = `postgresql://127.0.0.1:${pg.port}/hub`;
    ca = pg.caFile;
    adminPw = file('admin.pw', pg.admin.password);
  });
  afterAll(() => {
    pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses bad input with a clear message and exit 2, before connecting', async () => {
    const cases: [string[], RegExp][] = [
      [['--hub', 'http://127.0.0.1/hub'], /starts with postgresql:\/\//],
      [['--hub', `postgresql://dana:secret@127.0.0.1:${pg.port}/hub`], /names no user or password/],
      [['--hub', `postgresql://127.0.0.1:${pg.port}/hub?sslmode=disable`], /takes no options/],
      [['--ca', file('not-a-ca.pem', 'hello')], /holds no PEM certificate/],
      [['--ca', join(dir, 'missing.pem')], /missing\.pem/],
      [['--user', "dana'); DROP ROLE offramp_owner; --"], /Invalid hub user name/],
      [['--user', 'pg_signal_backend'], /reserved/],
      [['--user', 'Dana Whitfield'], /Invalid hub user name/],
      [['--passphrase-file', file('weak.pw', 'dana')], /too weak/],
    ];
    for (const [override, message] of cases) {
      const args = ['hub', 'init', '--hub', hub, '--ca', ca, '--admin', pg.admin.user, '--admin-password-file', adminPw, '--user', 'dana', '--passphrase-file', file('dana.pw', PASSWORDS.dana)];
      for (let i = 0; i < override.length; i += 2) args[args.indexOf(override[i] ?? '') + 1] = override[i + 1] ?? '';
      // In process: these never reach the server, and spawning the bundle for each would only be slower.
      const result = await runOfframp(args);
      expect({ override, status: result.code }).toEqual({ override, status: 2 });
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(offrampRoles()).toBe('0');
  });

  it('says when the server cannot be reached (exit 1), does not prove itself with the CA (exit 4) or refuses the login (exit 3), changing nothing', () => {
    const unreachable = offramp('hub', 'init', '--hub', 'postgresql://127.0.0.1:1/hub', '--ca', ca, '--admin', pg.admin.user, '--admin-password-file', adminPw, '--user', 'dana', '--passphrase-file', file('dana.pw', PASSWORDS.dana));
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toMatch(/Cannot reach the hub at 127\.0\.0\.1:1 \(ECONNREFUSED\)\. Nothing was changed\./);

    const other = join(dir, 'other');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=Someone else', '-keyout', `${other}.key`, '-out', `${other}.pem`], { stdio: 'pipe' });
    const wrongCa = offramp('hub', 'init', '--hub', hub, '--ca', `${other}.pem`, '--admin', pg.admin.user, '--admin-password-file', adminPw, '--user', 'dana', '--passphrase-file', file('dana.pw', PASSWORDS.dana));
    expect(wrongCa.status).toBe(4);
    expect(wrongCa.stderr).toMatch(/did not prove it is the hub: its certificate does not verify against the given CA/);

    const wrongPw = offramp('hub', 'init', '--hub', hub, '--ca', ca, '--admin', pg.admin.user, '--admin-password-file', file('wrong.pw', 'not the password'), '--user', 'dana', '--passphrase-file', file('dana.pw', PASSWORDS.dana));
    expect(wrongPw.status).toBe(3);
    expect(wrongPw.stderr).toMatch(/refused the login/);

    const noDb = offramp('hub', 'init', '--hub', `postgresql://127.0.0.1:${pg.port}/nohub`, '--ca', ca, '--admin', pg.admin.user, '--admin-password-file', adminPw, '--user', 'dana', '--passphrase-file', file('dana.pw', PASSWORDS.dana));
    expect(noDb.status).toBe(2);
    expect(noDb.stderr).toMatch(/no database "nohub"/);

    pg.psql("CREATE ROLE plain LOGIN PASSWORD 'plain password 123'");
    const notAdmin = offramp('hub', 'init', '--hub', hub, '--ca', ca, '--admin', 'plain', '--admin-password-file', file('plain.pw', 'plain password 123'), '--user', 'dana', '--passphrase-file', file('dana.pw', PASSWORDS.dana));
    expect(notAdmin.status).toBe(5);
    expect(notAdmin.stderr).toMatch(/not the hub server's administrator/);
    expect(offrampRoles()).toBe('0');
    expect(pg.psql("SELECT to_regclass('public.hub_schema') IS NULL", { database: 'hub' })).toBe('t');
  });

  it('sets a hub up once; the program manager logs in with the password, stored only as a SCRAM verifier', () => {
    const done = init('--json');
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ manager: 'dana' });
    expect(done.stdout).not.toContain(PASSWORDS.dana);
    expect(pg.psql("SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'dana'")).toBe('SCRAM-SHA-256$');
    expect(pg.psql('SELECT current_user', { user: 'dana', password: PASSWORDS.dana, database: 'hub' })).toBe('dana');

    const again = init();
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already an Offramp hub\. Nothing was changed\./);
  });

  it('lets the program manager add users; refuses a non-manager (exit 5, audited), an unknown role, a taken name', () => {
    const added = addUser('dana', 'ana', 'analyst', PASSWORDS.ana);
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe('Added ana (analyst) to the hub.\n');
    expect(pg.psql('SELECT count(*) FROM cases', { user: 'ana', password: PASSWORDS.ana, database: 'hub' })).toBe('0');

    const byAnalyst = addUser('ana', 'bob', 'program_manager', PASSWORDS.bob);
    expect(byAnalyst.status).toBe(5);
    expect(byAnalyst.stderr).toMatch(/You may not add a user\. .*Only a program manager can\. Nothing was changed\./);
    expect(pg.psql("SELECT count(*) FROM pg_roles WHERE rolname = 'bob'")).toBe('0');
    expect(pg.psql("SELECT actor || ' ' || action FROM audit_events ORDER BY seq DESC LIMIT 1", { database: 'hub' })).toBe('ana access.denied');

    const unknownRole = addUser('dana', 'bob', 'superuser', PASSWORDS.bob);
    expect(unknownRole.status).toBe(2);
    expect(unknownRole.stderr).toMatch(/Unknown role "superuser"/);

    const taken = addUser('dana', 'ana', 'legal', PASSWORDS.bob);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toMatch(/already has a user or role named ana/);
    expect(pg.psql("SELECT string_agg(name || ':' || role, ',' ORDER BY name) FROM users", { database: 'hub' })).toBe('ana:analyst,dana:program_manager');
  });
});
