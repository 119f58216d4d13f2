import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHubUser, hubAuditRows, initHub, withHubSession, type HubLogin } from '../../electron/backend/data/postgres/hub';
import { createCase } from '../../electron/backend/services/cases';
import { moveVaultIntoHub } from '../../electron/backend/services/hubImport';
import { runOfframp } from '../helpers/cli';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

const PASSWORDS = { dana: 'plum orchard lantern 41', ana: 'copper kettle meadow 73' };

// `offramp case list`, `case export`, `case team`, `case assign`, `subject find`, `audit log` and `audit verify` with --hub: the same commands and the same rows as on a vault,
// with need-to-know applied by the hub's server, against a real PostgreSQL
// server over verified TLS.
describe('the case, subject and audit commands on a hub', () => {
  let pg: PgCluster;
  let vault: TestVault;
  let dir: string;
  let hub: string;
  const cases: { id: string; number: string }[] = [];
  const login = (user: 'dana' | 'ana'): HubLogin => ({ address: { host: '127.0.0.1', port: pg.port, database: 'hub' }, ca: readFileSync(pg.caFile, 'utf8'), user, password: PASSWORDS[user] });
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, `${text}\n`, { mode: 0o600 });
    return path;
  };
  const onHub = (user: 'dana' | 'ana', ...extra: string[]) => runOfframp(['case', 'list', '--hub', hub, '--ca', pg.caFile, '--user', user, '--passphrase-file', file(`${user}.pw`, PASSWORDS[user]), ...extra]);

  beforeAll(async () => {
    pg = await startPgCluster();
    pg.psql('CREATE DATABASE hub');
    hub = `postgresql://127.0.0.1:${pg.port}/hub`;
    dir = mkdtempSync(join(tmpdir(), 'offramp-hubcaselist-'));
    await initHub({ address: { host: '127.0.0.1', port: pg.port, database: 'hub' }, ca: readFileSync(pg.caFile, 'utf8'), user: pg.admin.user, password: pg.admin.password }, { manager: { name: 'dana', password: PASSWORDS.dana } });
    await addHubUser(login('dana'), { name: 'ana', role: 'analyst', password: PASSWORDS.ana });
    vault = await createTestVault();
    for (const marker of ['first', 'second', 'third']) cases.push(createCase(vault.session.db, vault.session.user, { ...gamblingIntake(marker), title: `Case ${marker}` }, vault.now()));
    await moveVaultIntoHub(vault.session, login('dana'), vault.now);
    // Ana is put on the second case's team, by the program manager, on the server.
    pg.psql(`INSERT INTO case_members (case_id, user_name, case_role) VALUES ('${cases[1]?.id ?? ''}', 'ana', 'member')`, { database: 'hub', user: 'dana', password: PASSWORDS.dana });
  }, 120_000);
  afterAll(() => {
    vault?.cleanup();
    pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists for the program manager exactly what the vault listed, row for row', async () => {
    vault.session.close();
    const fromVault = await runOfframp(['case', 'list', '--vault', vault.dir, '--passphrase-file', file('vault.pw', TEST_PASSPHRASE), '--json']);
    expect(fromVault.code, fromVault.stderr).toBe(0);
    const fromHub = await onHub('dana', '--json');
    expect(fromHub.code, fromHub.stderr).toBe(0);
    expect(JSON.parse(fromHub.stdout)).toEqual(JSON.parse(fromVault.stdout));
    expect((JSON.parse(fromHub.stdout) as unknown[]).length).toBe(3);
  });

  it('lists for an analyst only the case whose team she is on: the server decides, and records the listing', async () => {
    const listed = await onHub('ana', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { number: string }[]).map((r) => r.number)).toEqual([cases[1]?.number]);
    const human = await onHub('ana');
    expect(human.stdout).toContain(cases[1]?.number ?? '?');
    expect(human.stdout).toContain('1 case.');
    const events = await withHubSession(login('dana'), (client) => hubAuditRows(client));
    const listings = events.filter((e) => e.action === 'case.list');
    expect(listings.map((e): [string, unknown] => [e.actor, JSON.parse(e.detail)])).toEqual([
      ['dana', { searched: false, shown: 3, total: 3 }],
      ['ana', { searched: false, shown: 1, total: 1 }],
      ['ana', { searched: false, shown: 1, total: 1 }],
    ]);
  });

  it('refuses bad input with a clear message and the contract’s exit codes, listing and recording nothing', async () => {
    const before = (await withHubSession(login('dana'), (client) => hubAuditRows(client))).length;
    const both = await runOfframp(['case', 'list', '--hub', hub, '--ca', pg.caFile, '--vault', vault.dir, '--user', 'ana', '--passphrase-file', file('ana.pw', PASSWORDS.ana)]);
    expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(/either --vault or --hub, not both/)]);
    const search = await onHub('ana', '--query', 'casino');
    expect([search.code, search.stderr]).toEqual([2, expect.stringMatching(/Searching a hub by the text of its cases \(--query\) is not available/)]);
    const wrongPassword = await runOfframp(['case', 'list', '--hub', hub, '--ca', pg.caFile, '--user', 'ana', '--passphrase-file', file('wrong.pw', 'not her password at all')]);
    expect([wrongPassword.code, wrongPassword.stderr]).toEqual([3, expect.stringMatching(/refused the login/)]);
    const noCa = await runOfframp(['case', 'list', '--hub', hub, '--user', 'ana', '--passphrase-file', file('ana.pw', PASSWORDS.ana)]);
    expect(noCa.code).toBe(2);
    expect(noCa.stderr).toMatch(/--ca/);
    const badUser = await runOfframp(['case', 'list', '--hub', hub, '--ca', pg.caFile, '--user', "ana' OR 1=1", '--passphrase-file', file('ana.pw', PASSWORDS.ana)]);
    expect([badUser.code, badUser.stderr]).toEqual([2, expect.stringMatching(/Invalid hub user name/)]);
    for (const run of [both, search, wrongPassword, noCa, badUser]) expect(run.stdout).toBe('');
    expect((await withHubSession(login('dana'), (client) => hubAuditRows(client))).length).toBe(before);
  });

  it('audit verify on the hub: the whole chain and the imported history, for the program manager only', async () => {
    const verify = (user: 'dana' | 'ana', ...extra: string[]) => runOfframp(['audit', 'verify', '--hub', hub, '--ca', pg.caFile, '--user', user, '--passphrase-file', file(`${user}.pw`, PASSWORDS[user]), ...extra]);
    const whole = await verify('dana', '--json');
    expect(whole.code, whole.stderr).toBe(0);
    const result = JSON.parse(whole.stdout) as { ok: boolean; events: number; firstBroken: unknown; imported: { ok: boolean; vaultId: string }[] };
    expect(result).toMatchObject({ ok: true, firstBroken: null, imported: [{ ok: true, vaultId: vault.session.vaultId }] });
    expect(result.events).toBeGreaterThan(3);
    expect((await verify('dana')).stdout).toMatch(/^The hub's audit chain is whole: \d+ events, each linked to the one before\. 1 imported vault history \(\d+ events\) verify too\.\n$/);
    // An analyst reads only her cases' events: refused (exit 5), and the refusal is on record.
    const refused = await verify('ana');
    expect([refused.code, refused.stderr]).toEqual([5, expect.stringMatching(/Only a program manager/)]);
    const events = await withHubSession(login('dana'), (client) => hubAuditRows(client));
    expect(events.at(-1)).toMatchObject({ actor: 'ana', action: 'access.denied' });
    expect((await verify('dana', '--anchor', file('anchor.json', '{}'))).code).toBe(2);
    // The server's administrator rewrites one event: the next verification finds it and fails (exit 4).
    const victim = events.find((e) => e.action === 'case.list');
    pg.psql(`UPDATE audit_events SET detail = '{"searched":false,"shown":0,"total":0}' WHERE seq = ${victim?.seq ?? 0}`, { database: 'hub' });
    const broken = await verify('dana');
    expect([broken.code, broken.stderr]).toEqual([4, expect.stringMatching(new RegExp(`broken at event ${victim?.seq ?? 0}: its content does not match its hash`))]);
  });

  it('case export on the hub: the records the vault exported, for the program manager only, each export on record', async () => {
    const exportFrom = (user: 'dana' | 'ana', ...extra: string[]) => runOfframp(['case', 'export', '--hub', hub, '--ca', pg.caFile, '--user', user, '--passphrase-file', file(`${user}.pw`, PASSWORDS[user]), ...extra]);
    const fromVault = await runOfframp(['case', 'export', '--vault', vault.dir, '--passphrase-file', file('vault.pw', TEST_PASSPHRASE)]);
    expect(fromVault.code, fromVault.stderr).toBe(0);
    const fromHub = await exportFrom('dana');
    expect(fromHub.code, fromHub.stderr).toBe(0);
    const lines = (text: string) => text.trimEnd().split('\n').map((line) => JSON.parse(line) as { case: { id: string; number: string; members: string[] } });
    // The same records, but for what changed on the hub since the move: Ana joined the second case's team.
    const expected = lines(fromVault.stdout).map((r) => (r.case.id === cases[1]?.id ? { ...r, case: { ...r.case, members: [...r.case.members, 'ana'].sort() } } : r));
    expect(lines(fromHub.stdout)).toEqual(expected);
    expect(lines(fromHub.stdout)).toHaveLength(3);
    // One case by its number, in any case of letters.
    const one = await exportFrom('dana', '--id', (cases[2]?.number ?? '').toLowerCase());
    expect(lines(one.stdout).map((r) => r.case.id)).toEqual([cases[2]?.id]);
    const events = await withHubSession(login('dana'), (client) => hubAuditRows(client));
    expect(events.filter((e) => e.action === 'case.export').map((e) => e.case_id)).toEqual([...cases.map((c) => c.id), cases[2]?.id]);
    // Bad input and another role: nothing written, the refusal on record.
    const missing = await exportFrom('dana', '--id', 'OR-1999-0001');
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '', expect.stringMatching(/no case OR-1999-0001/)]);
    const analyst = await exportFrom('ana');
    expect([analyst.code, analyst.stdout, analyst.stderr]).toEqual([5, '', expect.stringMatching(/Only a program manager can/)]);
    expect((await withHubSession(login('dana'), (client) => hubAuditRows(client))).at(-1)).toMatchObject({ actor: 'ana', action: 'access.denied' });
  });

  it('subject find on the hub: the role from the server, the cases the server shows, every lookup on record', async () => {
    const nameFile = file('who.txt', 'marlow, TED');
    const find = (user: string, password: string) => runOfframp(['subject', 'find', '--hub', hub, '--ca', pg.caFile, '--user', user, '--passphrase-file', file(`${user}.pw`, password), '--name-file', nameFile, '--json']);
    const numbers = (text: string) => (JSON.parse(text) as { matches: { number: string; matchedOn: string }[] }).matches.map((m) => `${m.number} ${m.matchedOn}`);
    const manager = await find('dana', PASSWORDS.dana);
    expect(manager.code, manager.stderr).toBe(0);
    expect(numbers(manager.stdout)).toEqual(cases.map((c) => `${c.number} name`));
    const analyst = await find('ana', PASSWORDS.ana);
    expect(numbers(analyst.stdout)).toEqual([`${cases[1]?.number ?? ''} name`]);
    // HR may not look subjects up: refused by the permission map, on record.
    await addHubUser(login('dana'), { name: 'hal', role: 'hr', password: 'amber falcon river 88' });
    const hr = await find('hal', 'amber falcon river 88');
    expect([hr.code, hr.stdout, hr.stderr]).toEqual([5, '', expect.stringMatching(/look a subject up by name/)]);
    const events = await withHubSession(login('dana'), (client) => hubAuditRows(client));
    expect(events.filter((e) => e.action === 'subject.find').map((e): [string, unknown] => [e.actor, JSON.parse(e.detail)])).toEqual([
      ['dana', { found: 3 }],
      ['ana', { found: 1 }],
    ]);
    expect(events.at(-1)).toMatchObject({ actor: 'hal', action: 'access.denied' });
    // What was typed is never recorded.
    expect(events.some((e) => /marlow/i.test(e.detail))).toBe(false);
    // A server login that is no hub user at all: told so, in words.
    pg.psql("CREATE ROLE stray LOGIN PASSWORD 'stray login password 12'");
    const stray = await find('stray', 'stray login password 12');
    expect([stray.code, stray.stderr]).toEqual([5, expect.stringMatching(/This login has no Offramp role on the hub/)]);
  });

  it('audit log on the hub: the chain in words, newest first, for the program manager only, the reading on record', async () => {
    const log = (user: 'dana' | 'ana', ...extra: string[]) => runOfframp(['audit', 'log', '--hub', hub, '--ca', pg.caFile, '--user', user, '--passphrase-file', file(`${user}.pw`, PASSWORDS[user]), ...extra]);
    const rows = await withHubSession(login('dana'), (client) => hubAuditRows(client));
    const listed = await log('dana', '--limit', '4', '--json');
    expect(listed.code, listed.stderr).toBe(0);
    const lines = JSON.parse(listed.stdout) as { seq: number; actor: string; action: string; caseNumber: string | null; text: string }[];
    expect(lines.map((l) => l.seq)).toEqual(rows.slice(-4).map((r) => r.seq).reverse());
    expect(lines.every((l) => l.text.length > 0 && !/_/.test(l.text))).toBe(true);
    // One case's events, by its number: the export of that case is among them, named by number.
    const ofCase = JSON.parse((await log('dana', '--case', cases[2]?.number ?? '', '--json')).stdout) as { action: string; caseNumber: string }[];
    expect(ofCase.length).toBeGreaterThan(0);
    expect(ofCase.every((l) => l.caseNumber === cases[2]?.number)).toBe(true);
    expect(ofCase.map((l) => l.action)).toContain('case.export');
    const human = await log('dana', '--limit', '1');
    expect(human.stdout).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC {2}dana /);
    const after = await withHubSession(login('dana'), (client) => hubAuditRows(client));
    expect(after.filter((e) => e.action === 'audit.read' || e.action === 'case.audit_read').map((e) => [e.action, e.case_id])).toEqual([
      ['audit.read', null],
      ['case.audit_read', cases[2]?.id],
      ['audit.read', null],
    ]);
    const analyst = await log('ana');
    expect([analyst.code, analyst.stdout, analyst.stderr]).toEqual([5, '', expect.stringMatching(/Only a program manager can/)]);
    const missing = await log('dana', '--case', 'OR-1999-0001');
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/no case OR-1999-0001/)]);
  });

  it('case team and case assign on the hub: the program manager or the lead changes the team, with a reason, on record', async () => {
    await addHubUser(login('dana'), { name: 'otto', role: 'analyst', password: 'granite willow comet 27' });
    const third = cases[2]?.number ?? '';
    const as = (user: 'dana' | 'ana', ...args: string[]) => runOfframp([...args, '--hub', hub, '--ca', pg.caFile, '--user', user, '--passphrase-file', file(`${user}.pw`, PASSWORDS[user]), '--case', third]);
    const added = await as('dana', 'case', 'team', '--add', 'ana', '--reason', 'Second reader', '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ number: third, members: [{ name: 'ana', caseRole: 'member' }] });
    expect((JSON.parse((await onHub('ana', '--json')).stdout) as { number: string }[]).map((r) => r.number).sort()).toEqual([cases[1]?.number, third].sort());
    // A member may not change the team: refused by the permission map, on record.
    const refused = await as('ana', 'case', 'team', '--add', 'otto', '--reason', 'Help');
    expect([refused.code, refused.stdout]).toEqual([5, '']);
    // The program manager makes Ana the lead; as lead she adds Otto as a viewer.
    const assigned = await as('dana', 'case', 'assign', '--to', 'ana', '--reason', 'Ana takes the case');
    expect(assigned.code, assigned.stderr).toBe(0);
    expect(assigned.stdout).toContain('lead: ana');
    const byLead = await as('ana', 'case', 'team', '--add', 'otto', '--role', 'viewer', '--reason', 'Read-only for the HR liaison work');
    expect([byLead.code, byLead.stderr]).toEqual([0, '']);
    expect(byLead.stdout).toMatch(/viewer +otto/);
    // Bad input: nothing changes.
    for (const [args, code, message] of [
      [['case', 'team', '--remove', 'ana', '--reason', 'x'], 2, /leads this case/],
      [['case', 'team', '--add', 'nobody_here', '--reason', 'x'], 2, /no hub user named nobody_here/],
      [['case', 'team', '--add', 'hal', '--role', 'legal', '--reason', 'x'], 2, /cannot join as legal/],
      [['case', 'team', '--remove', 'dana', '--reason', 'x'], 2, /not on this case's team/],
    ] as const) {
      const run = await as('dana', ...args);
      expect([run.code, run.stderr]).toEqual([code, expect.stringMatching(message)]);
    }
    const changes = pg.psql(`SELECT change || ':' || user_name || ':' || actor FROM case_team_changes WHERE case_id = '${cases[2]?.id ?? ''}' ORDER BY at, change`, { database: 'hub' }).split('\n');
    expect(changes.sort()).toEqual(['add:ana:dana', 'add:otto:ana', 'assign:ana:dana'].sort());
    const events = (await withHubSession(login('dana'), (client) => hubAuditRows(client))).filter((e) => e.action.startsWith('team.'));
    expect(events.map((e) => [e.actor, e.action, e.case_id])).toEqual([
      ['dana', 'team.add', cases[2]?.id],
      ['dana', 'team.assign', cases[2]?.id],
      ['ana', 'team.add', cases[2]?.id],
    ]);
  });
});

