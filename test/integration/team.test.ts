import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

/**
 * Case teams and need-to-know through the dispatcher (the path of every IPC
 * call), on a real encrypted vault: one backend, users signing in one after
 * another as they would at one workstation.
 */

const PM = 'Dana Whitfield';
const ANA = 'Ana Ruiz';
const BEN = 'Ben Cho';
const LEE = 'Lee Okafor';
const HANA = 'Hana Sato';
const OTHER_PASS = 'violet kettle murmur lantern 42';

let dataDir: string;
let backend: Backend;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-team-'));
  backend = createBackend({ dataDir, transport: 'harness', version: '0.1.0', kdf: 'fast-insecure-for-tests', log: () => undefined, now: () => new Date('2026-11-20T10:00:00Z') });
});
afterEach(() => {
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await backend.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}
const raw = <M extends MethodName>(method: M, input: MethodInput<M>): Promise<Envelope<unknown>> => backend.invoke(method, input);

async function signInAs(name: string): Promise<void> {
  await call('vault.lock', {});
  await call('vault.unlock', { userName: name, passphrase: name === PM ? TEST_PASSPHRASE : OTHER_PASS });
}

/** A hub: the manager, two analysts, a legal user and a behavioral scientist; Ana's case and Ben's case. */
async function hub(): Promise<{ anaCase: string; benCase: string }> {
  await call('vault.create', { userName: PM, role: 'program_manager', passphrase: TEST_PASSPHRASE });
  await call('users.add', { name: ANA, role: 'analyst', passphrase: OTHER_PASS });
  await call('users.add', { name: BEN, role: 'analyst', passphrase: OTHER_PASS });
  await call('users.add', { name: LEE, role: 'legal', passphrase: OTHER_PASS });
  await call('users.add', { name: HANA, role: 'behavioral_science', passphrase: OTHER_PASS });
  await signInAs(ANA);
  const anaCase = (await call('cases.create', gamblingIntake('casino ledger'))).id;
  await signInAs(BEN);
  const benCase = (await call('cases.create', { ...gamblingIntake('casino payroll'), subject: { ...gamblingIntake().subject, realName: 'Mona Patel', employeeId: 'E-20001' } })).id;
  return { anaCase, benCase };
}

const auditActions = async (caseId?: string) => (await call('audit.list', { ...(caseId === undefined ? {} : { caseId }), limit: 500 })).map((e) => e.action);

describe('need-to-know (point 2) and the permission map (point 1) through the dispatcher', () => {
  it('an analyst lists, searches and opens only their own team’s cases; another team’s case is forbidden and the attempt audited', async () => {
    const { anaCase, benCase } = await hub();
    await signInAs(ANA);
    const list = await call('cases.list', {});
    expect(list.rows.map((r) => r.id)).toEqual([anaCase]);
    expect(list.total).toBe(1);
    expect((await call('cases.list', { query: 'casino' })).rows.map((r) => r.id)).toEqual([anaCase]);
    expect((await call('cases.list', { query: 'payroll' })).total).toBe(0);
    const before = (await backend.invoke('cases.get', { id: anaCase })).ok;
    expect(before).toBe(true);

    for (const [method, input] of [
      ['cases.get', { id: benCase }],
      ['cases.timeline', { caseId: benCase }],
      ['evidence.list', { caseId: benCase }],
      ['audit.list', { caseId: benCase, limit: 10 }],
      ['cases.reveal', { caseId: benCase, reason: 'curious about this one' }],
      ['reports.add', { caseId: benCase, report: { receivedOn: '2026-11-10', howReceived: 'hotline', reporter: '', reporterConfidential: false, narrative: 'planted text' } }],
    ] as const) {
      const result = await raw(method, input as never);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      if (!result.ok) expect(result.error.message).toMatch(/not on this case's team.*Nothing was changed/);
    }
    // The vault-wide log is the manager's.
    expect(await raw('audit.list', { limit: 10 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await signInAs(PM);
    // Nothing was written to Ben's case, and every refusal is on record with its operation, no case text.
    expect((await call('cases.get', { id: benCase })).reports).toHaveLength(1);
    const denied = (await call('audit.list', { limit: 500 })).filter((e) => e.action === 'access.denied' && e.actor === ANA);
    expect(denied.map((e) => e.detail['operation'])).toEqual(['audit.log', 'case.edit', 'case.reveal', 'case.auditTab', 'case.evidence', 'case.timeline', 'case.view']);
    expect(denied.filter((e) => e.caseId !== null).every((e) => e.caseId === benCase)).toBe(true);
    expect(JSON.stringify(denied)).not.toMatch(/planted|curious|casino/);
    // The program manager sees every case.
    expect((await call('cases.list', {})).total).toBe(2);
  });

  it('a viewer reads but cannot change; legal joins as legal; the lead changes the team; a member cannot', async () => {
    const { anaCase } = await hub();
    await signInAs(ANA);
    await call('team.add', { caseId: anaCase, user: HANA, caseRole: 'viewer', reason: 'Behavioral read of the file' });
    await call('team.add', { caseId: anaCase, user: LEE, caseRole: 'legal', reason: 'Legal review of the plan' });
    const team = await call('team.add', { caseId: anaCase, user: BEN, caseRole: 'member', reason: 'Second analyst' });
    expect(team.lead?.name).toBe(ANA);
    expect(team.members.map((m) => [m.name, m.caseRole])).toEqual([
      [BEN, 'member'],
      [HANA, 'viewer'],
      [LEE, 'legal'],
    ]);
    expect(team.changes[0]).toMatchObject({ actor: ANA, change: 'add', user: BEN, caseRole: 'member', reason: 'Second analyst' });

    await signInAs(HANA);
    expect((await call('cases.get', { id: anaCase })).case.id).toBe(anaCase);
    expect((await call('team.get', { caseId: anaCase })).myRelation).toBe('viewer');
    expect(await raw('reports.add', { caseId: anaCase, report: { receivedOn: '2026-11-10', howReceived: 'hotline', reporter: '', reporterConfidential: false, narrative: 'x' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await raw('cases.reveal', { caseId: anaCase, reason: 'wants to know who it is' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await signInAs(BEN);
    expect(await raw('team.remove', { caseId: anaCase, user: HANA, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await raw('team.assign', { caseId: anaCase, to: BEN, reason: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await signInAs(PM);
    const reassigned = await call('team.assign', { caseId: anaCase, to: BEN, reason: 'Ana moves to the cyber cases' });
    expect(reassigned.lead?.name).toBe(BEN);
    expect(reassigned.members.find((m) => m.name === ANA)?.caseRole).toBe('member');
    expect((await call('cases.list', {})).rows.find((r) => r.id === anaCase)?.assignedTo).toBe(BEN);
    const events = await call('audit.list', { caseId: anaCase, limit: 100 });
    const assign = events.find((e) => e.action === 'team.assign');
    expect(assign?.detail).toMatchObject({ user: BEN, caseRole: 'lead', changeId: expect.any(String) as string });
    expect(JSON.stringify(assign)).not.toContain('cyber');
  });

  it('bad input names the problem and changes nothing: unknown user, removed user, not on the team, a role that cannot hold the case role, no reason', async () => {
    const { anaCase } = await hub();
    await signInAs(PM);
    await call('users.add', { name: 'Gone Soon', role: 'analyst', passphrase: OTHER_PASS });
    await call('users.remove', { name: 'Gone Soon', reason: 'Left the hub' });
    const before = await call('team.get', { caseId: anaCase });
    const cases: [MethodName, object, string, RegExp][] = [
      ['team.add', { caseId: anaCase, user: 'Nobody Here', caseRole: 'member', reason: 'r' }, 'not_found', /no user named Nobody Here/],
      ['team.add', { caseId: anaCase, user: 'Gone Soon', caseRole: 'member', reason: 'r' }, 'conflict', /Gone Soon was removed/],
      ['team.remove', { caseId: anaCase, user: HANA, reason: 'r' }, 'conflict', /Hana Sato is not on this case's team/],
      ['team.remove', { caseId: anaCase, user: ANA, reason: 'r' }, 'conflict', /leads this case: assign another lead first/],
      ['team.add', { caseId: anaCase, user: BEN, caseRole: 'legal', reason: 'r' }, 'invalid_input', /only a user with the legal role/],
      ['team.add', { caseId: anaCase, user: LEE, caseRole: 'member', reason: 'r' }, 'invalid_input', /legal user joins a team as legal or viewer/],
      ['team.assign', { caseId: anaCase, to: LEE, reason: 'r' }, 'invalid_input', /cannot lead a case/],
      ['team.add', { caseId: anaCase, user: PM, caseRole: 'member', reason: 'r' }, 'invalid_input', /program manager already sees every case/],
      ['team.add', { caseId: anaCase, user: BEN, caseRole: 'member', reason: '  ' }, 'invalid_input', /reason/],
      ['team.add', { caseId: 'no-such-case', user: BEN, caseRole: 'member', reason: 'r' }, 'not_found', /no such case/],
    ];
    for (const [method, input, code, message] of cases) {
      const result = await raw(method, input as never);
      expect(result, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code } });
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
    expect(await call('team.get', { caseId: anaCase })).toMatchObject({ lead: before.lead, members: before.members, changes: [] });
  });
});

describe('names are not search terms; subject lookup (point 3)', () => {
  it('the search index never matches a real name, employee id, org unit or position; subject lookup finds only visible cases and is audited without the text', async () => {
    const { anaCase, benCase } = await hub();
    await signInAs(ANA);
    await call('reports.add', { caseId: anaCase, report: { receivedOn: '2026-11-10', howReceived: 'hotline', reporter: '', reporterConfidential: false, narrative: 'Caller says the subject was seen at the loading dock' } });
    for (const q of ['Marlow', 'E-10442', '10442', 'Logistics', 'Supply specialist']) expect((await call('cases.list', { query: q })).total, q).toBe(0);
    expect((await call('cases.list', { query: 'loading dock' })).total).toBe(1);

    expect((await call('subjects.find', { text: 'marlow,  TED' })).matches).toEqual([expect.objectContaining({ caseId: anaCase, matchedOn: 'name' })]);
    expect((await call('subjects.find', { text: 'e10442' })).matches).toEqual([expect.objectContaining({ caseId: anaCase, matchedOn: 'employee_id' })]);
    // Exact, not prefix: knowing a fragment is not enough.
    expect((await call('subjects.find', { text: 'Marl' })).matches).toEqual([]);
    // Ben's subject exists, but Ana is not on Ben's team.
    expect((await call('subjects.find', { text: 'Mona Patel' })).matches).toEqual([]);

    await signInAs(HANA);
    expect(await raw('subjects.find', { text: 'Ted Marlow' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await signInAs(PM);
    expect((await call('subjects.find', { text: 'Mona Patel' })).matches.map((m) => m.caseId)).toEqual([benCase]);
    const log = await call('audit.list', { limit: 500 });
    const finds = log.filter((e) => e.action === 'subject.find');
    expect(finds.map((e) => [e.actor, e.detail['found']])).toEqual([
      [PM, 1],
      [ANA, 0],
      [ANA, 0],
      [ANA, 1],
      [ANA, 1],
    ]);
    expect(JSON.stringify(log)).not.toMatch(/Marlow|Mona|Patel|10442|Marl\b/);
    expect(log.find((e) => e.action === 'access.denied' && e.actor === HANA)?.detail).toEqual({ operation: 'subject.find', relation: 'none' });
  });
});

describe('every read of case content is audited (point 4)', () => {
  it('list pages (one event per query), view, timeline, evidence list and audit tab each write an event with counts, never case text', async () => {
    const { anaCase } = await hub();
    await signInAs(ANA);
    await call('cases.list', { query: 'casino' });
    await call('cases.get', { id: anaCase });
    await call('cases.timeline', { caseId: anaCase });
    await call('evidence.list', { caseId: anaCase });
    await call('audit.list', { caseId: anaCase, limit: 50 });
    await signInAs(PM);
    const mine = (await call('audit.list', { limit: 100 })).filter((e) => e.actor === ANA && e.action !== 'vault.unlock' && e.action !== 'vault.lock');
    expect(mine.map((e) => e.action).reverse().slice(-5)).toEqual(['case.list', 'case.view', 'case.timeline', 'evidence.list', 'case.audit_read']);
    expect(mine.find((e) => e.action === 'case.list')?.detail).toEqual({ searched: true, paged: false, shown: 1, total: 1 });
    expect(mine.filter((e) => e.action !== 'case.list').every((e) => e.caseId === anaCase)).toBe(true);
    expect(JSON.stringify(mine)).not.toMatch(/casino|Marlow|gambling/i);
    expect(await auditActions(anaCase)).toContain('case.timeline');
  });
});
