import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableRules } from '../../electron/backend/data/postgres/access';
import { addHubUser, appendHubAudit, hubAuditRows, initHub, withHubSession, type HubLogin } from '../../electron/backend/data/postgres/hub';
import { HUB_SCHEMA_VERSION } from '../../electron/backend/data/postgres/schema';
import { tables, type TableName } from '../../electron/backend/data/schema';
import { verifyAuditRows } from '../../electron/backend/vault/audit';
import { HUB_IMPORT_TABLES } from '../../electron/backend/data/postgres/hubImport';
import { insertSql, rowFor } from '../helpers/hubRows';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';

// Hub mode on a real PostgreSQL server: the schema a hub gets, and need-to-know
// and the audit chain enforced by the server itself, tried as each user with psql.
const PASSWORDS = { dana: 'dana: a long hub password', ana: 'ana: a long hub password', bob: 'bob: a long hub password', leo: 'leo: a long hub password' };
type User = keyof typeof PASSWORDS;

/** Every case-scoped table and each child table of one, from the hub's access rules. */
const caseScoped = (Object.keys(tableRules) as TableName[]).filter((t) => tableRules[t].scope === 'case' || tableRules[t].scope === 'child');

describe('a hub on PostgreSQL', () => {
  let pg: PgCluster;
  let login: (user: User) => HubLogin;
  const as = (user: User, sql: string) => pg.psqlResult(sql, { user, password: PASSWORDS[user], database: 'hub' });
  const value = (user: User, sql: string) => {
    const r = as(user, sql);
    if (r.status !== 0) throw new Error(r.stderr);
    return r.stdout.trim();
  };

  beforeAll(async () => {
    pg = await startPgCluster();
    pg.psql('CREATE DATABASE hub');
    const address = { host: '127.0.0.1', port: pg.port, database: 'hub' };
    const ca = readFileSync(pg.caFile, 'utf8');
    login = (user) => ({ address, ca, user, password: PASSWORDS[user] });
    await initHub({ address, ca, user: pg.admin.user, password: pg.admin.password }, { manager: { name: 'dana', password: PASSWORDS.dana } });
    await addHubUser(login('dana'), { name: 'ana', role: 'analyst', password: PASSWORDS.ana });
    await addHubUser(login('dana'), { name: 'bob', role: 'analyst', password: PASSWORDS.bob });
    await addHubUser(login('dana'), { name: 'leo', role: 'security', password: PASSWORDS.leo });
    // Two cases: c1 led by leo with ana a member; c2 led by bob. One row of every case-scoped table each.
    const seed: string[] = [];
    for (const c of ['c1', 'c2']) {
      seed.push(insertSql('subjects', rowFor('subjects', c)).replace(`'subjects-${c}'`, `'s-${c}'`));
      seed.push(insertSql('cases', { ...rowFor('cases', c), assigned_to: c === 'c1' ? 'leo' : 'bob' }));
      for (const t of ['evidence', 'indicators'] as const) seed.push(insertSql(t, { ...rowFor(t, c), id: `${t}-${c}` }));
      for (const t of caseScoped) if (!['cases', 'evidence', 'indicators', 'audit_events'].includes(t)) seed.push(insertSql(t, t === 'case_members' ? { case_id: c, user_name: c === 'c1' ? 'ana' : 'bob', case_role: 'member' } : rowFor(t, c)));
    }
    value('dana', seed.join('\n'));
    await withHubSession(login('dana'), async (client) => {
      await appendHubAudit(client, { action: 'case.open', caseId: 'c1' });
      await appendHubAudit(client, { action: 'case.open', caseId: 'c2' });
    });
  });
  afterAll(() => pg?.stop());

  it('has exactly the tables and columns of the schema map, with their types, NULLs and defaults, at the latest version', () => {
    const rows = pg.psql(
      "SELECT table_name || '|' || column_name || '|' || data_type || '|' || is_nullable || '|' || (column_default IS NOT NULL) || '|' || is_identity FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'hub_schema' ORDER BY table_name, ordinal_position",
      { database: 'hub' },
    );
    const types: Record<string, string> = { text: 'text', bigint: 'integer', bytea: 'blob', 'double precision': 'real' };
    const found: Record<string, Record<string, string>> = {};
    for (const line of rows.split('\n')) {
      const [table = '', column = '', type = '', nullable, hasDefault, identity] = line.split('|');
      const mark = identity === 'YES' ? '+' : hasDefault === 'true' ? '=' : nullable === 'YES' ? '?' : '';
      (found[table] ??= {})[column] = `${types[type] ?? type}${mark}`;
    }
    // Besides the map: the hub-only record of moved vaults (data/postgres/hubImport.ts).
    for (const table of HUB_IMPORT_TABLES) {
      expect(found[table]).toBeDefined();
      delete found[table];
    }
    expect(found).toEqual(tables);
    expect(pg.psql('SELECT version FROM hub_schema', { database: 'hub' })).toBe(String(HUB_SCHEMA_VERSION));
  });

  it('has row-level security enabled and forced on every case-scoped table, and every table owned by no login role', () => {
    const unforced = pg.psql("SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND NOT (relrowsecurity AND relforcerowsecurity)", { database: 'hub' }).split(',');
    for (const t of caseScoped) expect(unforced).not.toContain(t);
    expect(pg.psql("SELECT DISTINCT pg_get_userbyid(relowner) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'", { database: 'hub' })).toBe('offramp_owner');
    expect(pg.psql("SELECT count(*) FROM pg_roles WHERE rolname IN ('offramp_owner', 'offramp_gate') AND NOT rolcanlogin", { database: 'hub' })).toBe('2');
  });

  it('shows the program manager every case and an analyst only their team’s, in cases and in every case-scoped table', () => {
    // One query per user: for each table, the cases its visible rows belong to.
    const perTable = caseScoped.map((t) => {
      const rule = tableRules[t];
      const key = rule.scope === 'child' ? `(SELECT p.case_id FROM ${rule.parent} p WHERE p.id = x.${rule.fk})` : t === 'cases' ? 'x.id' : 'x.case_id';
      return `SELECT '${t}=' || coalesce((SELECT string_agg(DISTINCT ${key}, ',' ORDER BY ${key}) FROM ${t} x), '')`;
    });
    const seen = (user: User) => value(user, perTable.join(' UNION ALL ')).split('\n').sort();
    const expected = (cases: string) => caseScoped.map((t) => `${t}=${cases}`).sort();
    expect(seen('dana')).toEqual(expected('c1,c2'));
    expect(seen('ana')).toEqual(expected('c1'));
    expect(seen('leo')).toEqual(expected('c1'));
    expect(seen('bob')).toEqual(expected('c2'));
    // Subjects are seen through a case about them; the whole-hub counts are the manager's.
    expect(value('ana', 'SELECT string_agg(id, \',\') FROM subjects')).toBe('s-c1');
    expect(as('ana', 'SELECT count(*) FROM home_counts').stderr).toMatch(/permission denied for table home_counts/);
    // Hub-wide tables follow the map by role: staging of case imports and rule changes are the manager's.
    expect(as('ana', 'SELECT count(*) FROM packet_import_chunks').stderr).toMatch(/permission denied for table packet_import_chunks/);
    expect(as('ana', "INSERT INTO settings (key, value) VALUES ('k', 'v')").stderr).toMatch(/permission denied for table settings/);
    expect(value('ana', 'SELECT count(*) FROM program_rules_versions')).toBe('0');
    expect(value('dana', "WITH i AS (INSERT INTO settings (key, value) VALUES ('k', 'v') RETURNING 1) SELECT count(*) FROM i")).toBe('1');
    expect(value('dana', 'SELECT count(*) FROM packet_import_chunks')).toBe('0');
  });

  it('refuses every attempt of an analyst to widen their access, and their view stays the same', () => {
    const refused: [string, RegExp][] = [
      ["INSERT INTO case_members (case_id, user_name, case_role) VALUES ('c2', 'ana', 'member')", /violates row-level security policy/],
      ["INSERT INTO case_members (case_id, user_name, case_role) VALUES ('c1', 'bob', 'member')", /violates row-level security policy/],
      ["UPDATE cases SET assigned_to = 'ana' WHERE id = 'c1'", /Only the program manager or the case lead/],
      ['SET ROLE offramp_program_manager', /permission denied to set role/],
      ['SET SESSION AUTHORIZATION dana', /permission denied to set session authorization/],
      ['GRANT offramp_program_manager TO ana', /must have admin option on role|permission denied to grant role/],
      ['ALTER TABLE cases DISABLE ROW LEVEL SECURITY', /must be owner of table cases/],
      ['ALTER TABLE cases NO FORCE ROW LEVEL SECURITY', /must be owner of table cases/],
      ['CREATE POLICY everything ON cases FOR SELECT USING (true)', /must be owner of table cases/],
      ['DROP POLICY cases_read ON cases', /must be owner of (table|relation) cases/],
      ['CREATE VIEW all_cases AS SELECT * FROM cases', /permission denied for schema public/],
      ['CREATE TEMP VIEW all_cases AS SELECT * FROM cases', /permission denied to create temporary tables/],
      ["CREATE FUNCTION all_cases() RETURNS SETOF cases LANGUAGE sql SECURITY DEFINER AS 'SELECT * FROM cases'", /permission denied for schema public/],
      ['ALTER ROLE ana BYPASSRLS', /permission denied to alter role|must be superuser/],
      ['TRUNCATE cases', /permission denied for table cases/],
    ];
    for (const [sql, message] of refused) {
      const result = as('ana', sql);
      expect({ sql, status: result.status }).toEqual({ sql, status: 1 });
      expect(result.stderr).toMatch(message);
    }
    // Changes aimed at the other team's rows find nothing to change.
    expect(value('ana', "WITH u AS (UPDATE case_members SET case_id = 'c1' WHERE case_id = 'c2' RETURNING 1) SELECT count(*) FROM u")).toBe('0');
    expect(value('ana', "WITH u AS (UPDATE case_members SET user_name = 'ana' WHERE case_id = 'c2' RETURNING 1) SELECT count(*) FROM u")).toBe('0');
    expect(value('ana', "WITH d AS (DELETE FROM evidence WHERE case_id = 'c2' RETURNING 1) SELECT count(*) FROM d")).toBe('0');
    // A member is not the lead: moving herself onto another case through her own row is refused.
    expect(value('ana', "WITH u AS (UPDATE case_members SET case_id = 'c2' WHERE user_name = 'ana' RETURNING 1) SELECT count(*) FROM u")).toBe('0');
    // Reading the other case through a child row, a join or the team lookup function.
    expect(value('ana', "SELECT count(*) FROM evidence_chunks ec JOIN evidence e ON e.id = ec.evidence_id WHERE e.case_id = 'c2'")).toBe('0');
    expect(value('ana', "SELECT count(*) FROM evidence_chunks WHERE evidence_id = 'evidence-c2'")).toBe('0');
    expect(value('ana', "SELECT offramp_case_relation('c2')")).toBe('none');
    // Opening a case about another team's subject, or pointing her case at it, to read who they are.
    const c3 = insertSql('cases', { ...rowFor('cases', 'c3'), subject_id: 's-c2', assigned_to: 'ana' });
    expect(as('ana', c3).stderr).toMatch(/violates row-level security policy for table "cases"/);
    expect(as('leo', "UPDATE cases SET subject_id = 's-c2' WHERE id = 'c1'").stderr).toMatch(/violates row-level security policy for table "cases"/);
    expect(value('ana', "SELECT count(*) FROM subjects WHERE id = 's-c2'")).toBe('0');
    // Her own new case about a new subject is hers.
    value('ana', `${insertSql('subjects', { ...rowFor('subjects', 'c4'), id: 's-c4' })} ${insertSql('cases', { ...rowFor('cases', 'c4'), subject_id: 's-c4', assigned_to: 'ana' })}`);
    expect(value('ana', "SELECT string_agg(id, ',' ORDER BY id) FROM cases")).toBe('c1,c4');
    value('dana', "DELETE FROM cases WHERE id = 'c4'; DELETE FROM subjects WHERE id = 's-c4'");
    for (const user of ['ana', 'bob', 'leo'] as const) expect(value(user, 'SELECT count(*) FROM cases')).toBe('1');
    expect(value('ana', "SELECT user_name || ':' || case_id FROM case_members ORDER BY 1")).toBe('ana:c1');
  });

  it('lets the lead change the team and the lead, and no one else', () => {
    expect(value('leo', "WITH i AS (INSERT INTO case_members (case_id, user_name, case_role) VALUES ('c1', 'bob', 'viewer') RETURNING 1) SELECT count(*) FROM i")).toBe('1');
    expect(value('bob', 'SELECT count(*) FROM cases')).toBe('2');
    // A viewer reads but does not change the case.
    expect(value('bob', "WITH u AS (UPDATE indicators SET summary = 'changed' WHERE case_id = 'c1' RETURNING 1) SELECT count(*) FROM u")).toBe('0');
    expect(value('leo', "WITH d AS (DELETE FROM case_members WHERE case_id = 'c1' AND user_name = 'bob' RETURNING 1) SELECT count(*) FROM d")).toBe('1');
    expect(value('bob', 'SELECT count(*) FROM cases')).toBe('1');
    // The lead hands the case on; the new lead can hand it back.
    value('leo', "UPDATE cases SET assigned_to = 'ana' WHERE id = 'c1'");
    // Off the team now, leo no longer sees the case, so cannot take it back.
    expect(value('leo', "WITH u AS (UPDATE cases SET assigned_to = 'leo' WHERE id = 'c1' RETURNING 1) SELECT count(*) FROM u")).toBe('0');
    expect(value('leo', 'SELECT count(*) FROM cases')).toBe('0');
    value('ana', "UPDATE cases SET assigned_to = 'leo' WHERE id = 'c1'");
    expect(value('dana', "SELECT assigned_to FROM cases WHERE id = 'c1'")).toBe('leo');
  });

  it('takes audit events only through its function, with the login as the actor, and the app’s verifier accepts the chain', async () => {
    for (const sql of [
      "INSERT INTO audit_events (seq, at, actor, action, detail, prev_hash, hash) VALUES (999, 'x', 'dana', 'x', '{}', 'x', 'x')",
      "UPDATE audit_events SET actor = 'someone'",
      'DELETE FROM audit_events',
      'TRUNCATE audit_events',
    ]) {
      for (const user of ['ana', 'dana'] as const) expect(as(user, sql).stderr).toMatch(/permission denied for table audit_events/);
    }
    expect(as('ana', "SELECT offramp_append_audit('case.open', 'c1', 'not json')").stderr).toMatch(/invalid input syntax for type json|JSON object/);
    expect(as('ana', "SELECT offramp_append_audit('case.open', 'c1', '[1]')").stderr).toMatch(/An audit detail is a JSON object/);
    // The server checks a new user's name and role itself: they go into DDL.
    const verifier = 'SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy';
    expect(as('dana', `SELECT offramp_add_user('x"; DROP ROLE dana; --', 'analyst', '${verifier}')`).stderr).toMatch(/not a safe hub user name/);
    expect(as('dana', `SELECT offramp_add_user('offramp_owner2', 'analyst', '${verifier}')`).stderr).toMatch(/not a safe hub user name/);
    expect(as('dana', `SELECT offramp_add_user('eve', 'superuser', '${verifier}')`).stderr).toMatch(/Unknown Offramp role/);
    expect(as('dana', "SELECT offramp_add_user('eve', 'analyst', 'plain text password')").stderr).toMatch(/SCRAM-SHA-256 verifier/);
    expect(pg.psql("SELECT count(*) FROM pg_roles WHERE rolname = 'eve'")).toBe('0');
    await withHubSession(login('ana'), (client) => appendHubAudit(client, { action: 'case.view', caseId: 'c1', detail: { tab: 'overview' } }));
    // The actor is the login role: no parameter names it, and SET ROLE cannot change the session's.
    expect(value('dana', "SELECT actor FROM audit_events WHERE action = 'case.view' ORDER BY seq DESC LIMIT 1")).toBe('ana');
    // The team reads its case's events; the manager reads the whole log.
    expect(value('ana', "SELECT string_agg(DISTINCT coalesce(case_id, '-'), ',') FROM audit_events")).toBe('c1');
    // The server's JSON of the hashed fields is the app's, whatever the text holds.
    const awkward = 'quote " backslash \\ newline \n tab \t bell \u0007 del \u007f é 中 😀 \u2028 </script>';
    await withHubSession(login('dana'), (client) => appendHubAudit(client, { action: 'case.note', caseId: `c1 ${awkward}`, detail: { text: awkward, list: [awkward], n: 1.5, ok: null } }));
    const rows = await withHubSession(login('dana'), hubAuditRows);
    expect(rows.at(-1)?.case_id).toBe(`c1 ${awkward}`);
    expect(rows.length).toBeGreaterThan(6);
    expect(verifyAuditRows(rows)).toEqual({ ok: true, events: rows.length, firstBroken: null });
    // The verifier is the real one: an altered row read back breaks it.
    const altered = rows.map((r, i) => (i === 2 ? { ...r, actor: 'someone' } : r));
    expect(verifyAuditRows(altered).firstBroken?.seq).toBe(rows[2]?.seq);
  });

  it('is refused by a workstation when its schema is newer than the workstation knows, with a clear message', async () => {
    pg.psql('UPDATE hub_schema SET version = version + 1', { database: 'hub' });
    try {
      await expect(withHubSession(login('ana'), () => Promise.resolve())).rejects.toThrow(`schema ${HUB_SCHEMA_VERSION + 1}; this version knows up to ${HUB_SCHEMA_VERSION}`);
    } finally {
      pg.psql('UPDATE hub_schema SET version = version - 1', { database: 'hub' });
    }
    expect(as('dana', 'UPDATE hub_schema SET version = 1').stderr).toMatch(/permission denied for table hub_schema/);
  });

  it('keeps one chain when two clients append 50 events each at once', async () => {
    const before = (await withHubSession(login('dana'), hubAuditRows)).length;
    const burst = (user: User) =>
      withHubSession(login(user), async (client) => {
        for (let i = 0; i < 50; i += 1) await appendHubAudit(client, { action: 'case.view', caseId: 'c1', detail: { n: i } });
      });
    await Promise.all([burst('ana'), burst('leo')]);
    const rows = await withHubSession(login('dana'), hubAuditRows);
    expect(rows.length).toBe(before + 100);
    expect(verifyAuditRows(rows)).toEqual({ ok: true, events: before + 100, firstBroken: null });
    const added = rows.slice(before);
    expect(added.filter((r) => r.actor === 'ana').length).toBe(50);
    expect(added.filter((r) => r.actor === 'leo').length).toBe(50);
  });
});
