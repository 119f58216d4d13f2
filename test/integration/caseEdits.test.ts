import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { createBackend, type Backend } from '../../electron/backend/backend';
import { editCaseDetails } from '../../electron/backend/services/caseEdits';
import { createCase, requireCase } from '../../electron/backend/services/cases';
import { purgeCase } from '../../electron/backend/services/purge';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { createTestVault, gamblingIntake, TEST_PASSPHRASE, type TestVault } from '../helpers/vault';

/**
 * Edits with reasons through the dispatcher (the path of every IPC call), on a
 * real encrypted vault: the lead corrects the case, its subject and a report;
 * the history shows each change in words; a viewer and a stranger are refused;
 * a missing reason or a bad value changes nothing.
 */

const PM = 'Dana Whitfield';
const ANA = 'Ana Ruiz';
const BEN = 'Ben Cho';
const HANA = 'Hana Sato';
const OTHER_PASS = 'violet kettle murmur lantern 42';

let dataDir: string;
let backend: Backend;
let vault: TestVault | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-edits-'));
  backend = createBackend({ dataDir, transport: 'harness', version: '0.1.0', kdf: 'fast-insecure-for-tests', log: () => undefined, now: () => new Date('2026-11-20T10:00:00Z') });
});
afterEach(() => {
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
  vault?.cleanup();
  vault = undefined;
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

/** Ana's case, with Hana on its team as a viewer; Ben is on no team of it. */
async function hub(): Promise<string> {
  await call('vault.create', { userName: PM, role: 'program_manager', passphrase: TEST_PASSPHRASE });
  await call('users.add', { name: ANA, role: 'analyst', passphrase: OTHER_PASS });
  await call('users.add', { name: BEN, role: 'analyst', passphrase: OTHER_PASS });
  await call('users.add', { name: HANA, role: 'behavioral_science', passphrase: OTHER_PASS });
  await signInAs(ANA);
  const caseId = (await call('cases.create', gamblingIntake())).id;
  await call('team.add', { caseId, user: HANA, caseRole: 'viewer', reason: 'Behavioral read of the file' });
  return caseId;
}

const auditOf = async (caseId: string) => (await call('audit.list', { caseId, limit: 500 })).filter((e) => e.action.endsWith('.edit'));

describe('edits with reasons through the dispatcher', () => {
  it('the lead corrects the title, program, subject and a report; each keeps its previous value and reason, in words, and the audit names only the fields', async () => {
    const caseId = await hub();
    const title = await call('cases.edit', { caseId, changes: { title: 'Gambling debt, borrowing and a payroll query', program: 'industry' }, reason: 'Payroll query came in after intake' });
    expect(title.changed).toEqual(['title', 'program']);
    await call('subjects.edit', { caseId, changes: { realName: 'Theodore Marlow', position: 'Senior supply specialist', orgUnit: 'Logistics' }, reason: 'HR record gives the full name and new grade' });
    const reportId = (await call('cases.get', { id: caseId })).reports[0]?.id ?? '';
    await call('reports.edit', { caseId, id: reportId, changes: { narrative: 'Ted has been borrowing money from five co-workers.', reporterConfidential: false, howReceived: 'hotline' }, reason: 'Supervisor corrected the count' });

    const opened = await call('cases.get', { id: caseId, refresh: true });
    expect(opened.case).toMatchObject({ title: 'Gambling debt, borrowing and a payroll query', program: 'industry' });
    expect(opened.subject).toMatchObject({ position: 'Senior supply specialist', realName: null });
    expect(opened.reports[0]).toMatchObject({ narrative: 'Ted has been borrowing money from five co-workers.', reporterConfidential: false });
    expect((await call('cases.reveal', { caseId, reason: 'checking the corrected name' })).realName).toBe('Theodore Marlow');
    // Search follows the corrected title and narrative.
    expect((await call('cases.list', { query: 'payroll' })).rows.map((r) => r.id)).toEqual([caseId]);
    expect((await call('cases.list', { query: 'five co-workers' })).rows.map((r) => r.id)).toEqual([caseId]);

    const { entries } = await call('cases.history', { caseId });
    expect(entries.map((e) => [e.what, e.by, e.reason])).toEqual([
      ['Report received 2026-11-02', ANA, 'Supervisor corrected the count'],
      ['Subject details', ANA, 'HR record gives the full name and new grade'],
      ['Case details', ANA, 'Payroll query came in after intake'],
    ]);
    expect(entries[2]?.changes).toEqual([
      { field: 'title', label: 'Title', before: 'Gambling debt and borrowing from colleagues', after: 'Gambling debt, borrowing and a payroll query' },
      { field: 'program', label: 'Program', before: 'DOD', after: 'Industry' },
    ]);
    // The unchanged unit is not listed; the subject's name is never shown in the history.
    expect(entries[1]?.changes).toEqual([
      { field: 'realName', label: 'Full name', before: null, after: null },
      { field: 'position', label: 'Position', before: 'Supply specialist', after: 'Senior supply specialist' },
    ]);
    expect(entries[0]?.changes.find((c) => c.field === 'reporterConfidential')).toEqual({ field: 'reporterConfidential', label: 'Reporter kept confidential', before: 'Yes', after: 'No' });
    expect(entries[0]?.changes.find((c) => c.field === 'howReceived')).toEqual({ field: 'howReceived', label: 'How received', before: 'Supervisor referral', after: 'Hotline' });
    expect(entries[0]?.at).toBe('2026-11-20T10:00:00.000Z');

    const audit = await auditOf(caseId);
    expect(audit.map((e) => e.action).sort()).toEqual(['case.edit', 'report.edit', 'subject.edit']);
    expect(audit.find((e) => e.action === 'subject.edit')?.detail['fields']).toEqual(['realName', 'position']);
    const auditText = JSON.stringify(audit);
    for (const secret of ['Theodore', 'payroll', 'five co-workers', 'Senior supply', 'HR record']) expect(auditText).not.toContain(secret);
    expect((await call('audit.verify', {})).ok).toBe(true);
  });

  it('a viewer on the team and an analyst off it are refused (forbidden, audited) and the case is unchanged', async () => {
    const caseId = await hub();
    for (const who of [HANA, BEN]) {
      await signInAs(who);
      for (const [method, input] of [
        ['cases.edit', { caseId, changes: { title: 'Planted title' }, reason: 'trying my luck' }],
        ['subjects.edit', { caseId, changes: { position: 'Planted' }, reason: 'trying my luck' }],
        ['reports.edit', { caseId, id: 'whatever', changes: { narrative: 'Planted' }, reason: 'trying my luck' }],
      ] as const) {
        const result = await raw(method, input);
        expect(result.ok, `${who} ${method}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('forbidden');
          expect(result.error.message).toMatch(/You may not change this case\..*Nothing was changed\./);
        }
      }
    }
    // The viewer may read the history; the stranger may not.
    await signInAs(HANA);
    expect((await call('cases.history', { caseId })).entries).toEqual([]);
    await signInAs(BEN);
    expect((await raw('cases.history', { caseId })).ok).toBe(false);
    await signInAs(ANA);
    expect((await call('cases.get', { id: caseId })).case.title).toBe('Gambling debt and borrowing from colleagues');
    expect((await call('cases.get', { id: caseId, refresh: true })).subject.position).toBe('Supply specialist');
    expect(await auditOf(caseId)).toEqual([]);
    const denied = (await call('audit.list', { caseId, limit: 500 })).filter((e) => e.action === 'access.denied');
    expect(denied.length).toBe(7);
  });

  it('refuses an empty reason, no change, a bad value, a future date, and a report of another case, naming the problem and saving nothing', async () => {
    const caseId = await hub();
    const refusals: [MethodName, unknown, RegExp][] = [
      ['cases.edit', { caseId, changes: { title: 'New title' }, reason: '   ' }, /reason: Give a reason for the change/],
      ['cases.edit', { caseId, changes: { title: 'New title' } }, /reason/],
      ['cases.edit', { caseId, changes: {}, reason: 'nothing at all' }, /changes: Change at least one field/],
      ['cases.edit', { caseId, changes: { title: 'New title', program: 'navy' }, reason: 'a good reason' }, /changes\.program/],
      ['cases.edit', { caseId, changes: { title: '' }, reason: 'a good reason' }, /Title is required/],
      ['cases.edit', { caseId, changes: { title: 'Gambling debt and borrowing from colleagues' }, reason: 'same again' }, /every value is the same as before/],
      ['subjects.edit', { caseId, changes: { displayId: 'S-ZZZZZ' }, reason: 'a good reason' }, /displayId|Unrecognized/i],
      ['reports.edit', { caseId, id: 'nope', changes: { narrative: 'x' }, reason: 'a good reason' }, /no such report/],
      ['reports.edit', { caseId, id: 'nope', changes: { receivedOn: '2030-01-01' }, reason: 'a good reason' }, /cannot be in the future/],
    ];
    for (const [method, input, message] of refusals) {
      const result = await backend.invoke(method, input);
      expect(result.ok, `${method} ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(message);
    }
    await signInAs(PM);
    const other = (await call('cases.create', gamblingIntake('second'))).id;
    const otherReport = (await call('cases.get', { id: other })).reports[0]?.id ?? '';
    const crossed = await raw('reports.edit', { caseId, id: otherReport, changes: { narrative: 'Crossed' }, reason: 'a good reason' });
    expect(crossed.ok).toBe(false);
    expect((await call('cases.get', { id: other, refresh: true })).reports[0]?.narrative).not.toBe('Crossed');

    expect((await call('cases.get', { id: caseId })).case.title).toBe('Gambling debt and borrowing from colleagues');
    expect((await call('cases.history', { caseId })).entries).toEqual([]);
    expect(await auditOf(caseId)).toEqual([]);
  });

  it('shows each indicator version as the difference to the one after it', async () => {
    const caseId = await hub();
    const indicator = (await call('cases.get', { id: caseId })).indicators.find((i) => i.summary === 'Large gambling debt');
    if (indicator === undefined) throw new Error('no indicator');
    const { id: _id, reportId: _r, version: _v, createdBy: _c, createdAt: _a, updatedAt: _u, ...fields } = indicator;
    await call('indicators.update', { caseId, id: indicator.id, indicator: { ...fields, summary: 'Gambling debt of about $40,000' } });
    await call('indicators.update', { caseId, id: indicator.id, indicator: { ...fields, summary: 'Gambling debt of about $40,000', corroboration: 'partially_corroborated' } });
    const versions = (await call('cases.history', { caseId })).entries.filter((e) => e.target === 'indicator');
    expect(versions.map((v) => v.changes)).toEqual([
      [{ field: 'summary', label: 'Summary', before: 'Large gambling debt', after: 'Gambling debt of about $40,000' }],
      [{ field: 'corroboration', label: 'Corroboration', before: 'Corroborated', after: 'Partially corroborated' }],
    ]);
    expect(versions.every((v) => v.what === 'Indicator: Gambling debt of about $40,000' && v.reason === null && v.by === ANA)).toBe(true);
  });
});

describe('an edit is all or nothing', () => {
  it('when the history row cannot be written, the title stays as it was and no audit event is left', async () => {
    vault = await createTestVault();
    const db = vault.session.db;
    const { id } = createCase(db, vault.session.user, gamblingIntake(), vault.now());
    const eventsBefore = (db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    db.exec("CREATE TEMP TRIGGER break_edits BEFORE INSERT ON case_edits BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    await expect(editCaseDetails(vault.session, id, { title: 'Half-saved title', program: 'federal' }, 'testing a failure', vault.now())).rejects.toThrow(/disk full/);
    expect(requireCase(db, id).case).toMatchObject({ title: 'Gambling debt and borrowing from colleagues', program: 'dod' });
    expect((db.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n).toBe(eventsBefore);
    db.exec('DROP TRIGGER break_edits');
    await editCaseDetails(vault.session, id, { title: 'Whole title' }, 'testing a success', vault.now());
    expect(requireCase(db, id).case.title).toBe('Whole title');
    // A closed case is reopened before it is corrected.
    db.prepare("UPDATE cases SET status = 'closed' WHERE id = ?").run(id);
    await expect(editCaseDetails(vault.session, id, { title: 'After closing' }, 'testing a closed case', vault.now())).rejects.toThrow(/closed\. Reopen it/);
    expect(requireCase(db, id).case.title).toBe('Whole title');
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('the previous values go with their case when it is disposed of', async () => {
    vault = await createTestVault();
    const db = vault.session.db;
    const { id } = createCase(db, vault.session.user, gamblingIntake(), vault.now());
    const kept = createCase(db, vault.session.user, gamblingIntake('kept'), vault.now()).id;
    await editCaseDetails(vault.session, id, { title: 'Disposed title' }, 'before disposal', vault.now());
    await editCaseDetails(vault.session, kept, { title: 'Kept title' }, 'stays', vault.now());
    purgeCase(db, id);
    expect(db.prepare('SELECT case_id, reason FROM case_edits').all()).toEqual([{ case_id: kept, reason: 'stays' }]);
  });
});
