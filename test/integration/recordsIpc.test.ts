import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { HostServices } from '../../electron/backend/context';
import { gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

const ANALYST_PASSPHRASE = 'violet kettle murmur lantern 42';
let dataDir: string;
let medium: string;
let backend: Backend;
let folders: (string | null)[];

const host: HostServices = {
  print: () => Promise.resolve(false),
  printToPdf: () => Promise.resolve(new Uint8Array()),
  chooseFolder: () => Promise.resolve(folders.shift() ?? null),
  chooseSavePath: () => Promise.resolve(null),
  chooseOpenPath: () => Promise.resolve(null),
};

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-records-ipc-'));
  medium = mkdtempSync(join(tmpdir(), 'offramp-records-medium-'));
  folders = [];
  backend = createBackend({ dataDir, transport: 'harness', version: '0.1.0', kdf: 'fast-insecure-for-tests', log: () => undefined, now: () => new Date('2026-11-20T10:00:00Z'), host });
});
afterEach(() => {
  backend.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(medium, { recursive: true, force: true });
});

async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const result = await backend.invoke(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value as MethodOutput<M>;
}

async function failure<M extends MethodName>(method: M, input: MethodInput<M>): Promise<{ code: string; message: string }> {
  const result = await backend.invoke(method, input);
  if (result.ok) throw new Error(`${method} should have failed`);
  return result.error;
}

async function setUp(): Promise<{ closedId: string; closedNumber: string; openId: string }> {
  await call('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
  await call('users.add', { name: 'Alex Analyst', role: 'analyst', passphrase: ANALYST_PASSPHRASE });
  const closed = await call('cases.create', gamblingIntake('closed long ago'));
  const open = await call('cases.create', gamblingIntake('still open'));
  // Closing a case is another screen's work; here the row is closed directly.
  backend.context.requireSession().db.prepare("UPDATE cases SET status = 'closed', closed_at = '2018-05-01T09:00:00Z' WHERE id = ?").run(closed.id);
  return { closedId: closed.id, closedNumber: closed.number, openId: open.id };
}

describe('records IPC methods', () => {
  it('backs up through the folder dialog and reports whether a backup is due', async () => {
    await setUp();
    expect(await call('backup.status', {})).toEqual({ lastVerifiedAt: null, lastBackupName: null, reminderDays: 7, due: true });
    folders.push(medium);
    const result = await call('backup.run', {});
    expect(result.path.startsWith(medium)).toBe(true);
    expect(result.cases).toBe(2);
    expect(await call('backup.status', {})).toMatchObject({ lastVerifiedAt: result.verifiedAt, lastBackupName: result.name, due: false });
    expect(await failure('backup.run', {})).toMatchObject({ code: 'invalid_input', message: 'No folder was chosen. Nothing was written.' });
    expect(await call('backup.setReminder', { days: 3 })).toMatchObject({ reminderDays: 3, due: false });
    expect(await failure('backup.setReminder', { days: 0 })).toMatchObject({ code: 'invalid_input' });
    expect(readdirSync(medium)).toEqual([result.name]);
  });

  it('serves retention rules, the due list, legal holds and disposition with its certificate', async () => {
    const { closedId, closedNumber } = await setUp();
    const rules = [{ status: 'closed' as const, program: 'any' as const, years: 7, measuredFrom: 'closure' as const, authority: 'Records schedule 5.6, item 230' }];
    expect((await call('retention.setRules', { rules })).rules).toHaveLength(1);
    expect((await call('retention.rules', {})).rules[0]).toMatchObject({ ...rules[0], updatedBy: 'Dana Whitfield' });
    expect(await failure('retention.setRules', { rules: [{ ...rules[0], measuredFrom: 'closure', status: 'open' }] } as MethodInput<'retention.setRules'>)).toMatchObject({
      code: 'invalid_input',
    });

    const due = await call('retention.due', {});
    expect(due).toMatchObject({ asOf: '2026-11-20', cases: [{ caseId: closedId, number: closedNumber, dueOn: '2025-05-01', legalHold: false }] });
    expect((await call('retention.due', { asOf: '2025-04-30' })).cases).toEqual([]);

    expect(await call('cases.setLegalHold', { caseId: closedId, hold: true, reference: 'Matter 12' })).toMatchObject({ legalHold: true, reference: 'Matter 12', placedBy: 'Dana Whitfield' });
    expect(await call('cases.legalHold', { caseId: closedId })).toMatchObject({ legalHold: true, reference: 'Matter 12', placedBy: 'Dana Whitfield', placedAt: '2026-11-20T10:00:00.000Z' });
    expect((await call('retention.due', {})).cases[0]?.legalHold).toBe(true);
    expect(await failure('retention.dispose', { caseId: closedId, confirmNumber: closedNumber, reason: 'Retention period over under schedule 1' })).toMatchObject({ code: 'conflict' });
    await call('cases.setLegalHold', { caseId: closedId, hold: false });
    expect(await call('cases.legalHold', { caseId: closedId })).toEqual({ caseId: closedId, legalHold: false, reference: '', placedBy: null, placedAt: null });
    expect(await failure('retention.dispose', { caseId: closedId, confirmNumber: 'OR-2026-0002', reason: 'Retention period over under schedule 1' })).toMatchObject({ code: 'invalid_input' });

    // A reason is asked for: without one (or too short) nothing is deleted.
    expect(await failure('retention.dispose', { caseId: closedId, confirmNumber: closedNumber } as MethodInput<'retention.dispose'>)).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('reason') as unknown });
    expect(await failure('retention.dispose', { caseId: closedId, confirmNumber: closedNumber, reason: 'too short' })).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('at least 10 characters') as unknown });
    expect((await call('retention.due', {})).cases.map((c) => c.caseId)).toContain(closedId);
    const certificate = await call('retention.dispose', { caseId: closedId, confirmNumber: closedNumber, reason: 'Retention period over under schedule 1' });
    expect(certificate).toMatchObject({ caseNumber: closedNumber, approvedBy: 'Dana Whitfield', reason: 'Retention period over under schedule 1', dueOn: '2025-05-01', closedOn: '2018-05-01', auditChainVerified: true });
    expect(await call('retention.certificate', { caseId: closedId })).toEqual(certificate);
    expect(await failure('cases.get', { id: closedId })).toMatchObject({ code: 'not_found' });
    expect((await call('audit.verify', {})).ok).toBe(true);
  });

  it('keeps backups, rules and disposition to the program manager, and holds to the manager or legal', async () => {
    const { closedId, closedNumber } = await setUp();
    await call('vault.unlock', { userName: 'Alex Analyst', passphrase: ANALYST_PASSPHRASE });
    expect(await failure('backup.run', { targetDir: medium })).toMatchObject({ code: 'forbidden' });
    expect(await failure('retention.setRules', { rules: [] })).toMatchObject({ code: 'forbidden' });
    expect(await failure('cases.setLegalHold', { caseId: closedId, hold: true })).toMatchObject({ code: 'forbidden' });
    expect(await failure('retention.dispose', { caseId: closedId, confirmNumber: closedNumber, reason: 'Retention period over under schedule 1' })).toMatchObject({ code: 'forbidden' });
    expect((await call('backup.status', {})).due).toBe(true);
    await call('vault.lock', {});
    expect(await failure('backup.status', {})).toMatchObject({ code: 'locked' });
    expect(readdirSync(medium)).toEqual([]);
  });

  it('restores over the vault only for a confirming program manager, carrying later dispositions forward', async () => {
    const { closedId, closedNumber, openId } = await setUp();
    const backup = await call('backup.run', { targetDir: medium });
    await call('retention.setRules', { rules: [{ status: 'closed', program: 'any', years: 5, measuredFrom: 'closure', authority: 'Schedule 1' }] });
    await call('retention.dispose', { caseId: closedId, confirmNumber: closedNumber, reason: 'Retention period over under schedule 1' });
    await call('cases.create', gamblingIntake('made after the backup'));

    const credentials = { passphrase: TEST_PASSPHRASE };
    const unconfirmed = await failure('backup.restore', { from: backup.path, mode: 'replace', credentials });
    expect(unconfirmed.code).toBe('invalid_input');
    expect(unconfirmed.message).toMatch(/needs confirmation/);
    // Confirmed but without a reason: refused, nothing changes.
    for (const reason of [undefined, 'too short']) {
      const unexplained = await failure('backup.restore', { from: backup.path, mode: 'replace', credentials, confirmReplace: true, ...(reason === undefined ? {} : { reason }) });
      expect(unexplained).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('needs a reason') as unknown });
    }
    expect((await call('cases.list', {})).rows).toHaveLength(2);
    const result = await call('backup.restore', { from: backup.path, mode: 'replace', credentials, confirmReplace: true, reason: 'The workstation disk failed' });
    expect(result).toMatchObject({ replaced: true, dispositionsChecked: true, dispositionsReapplied: 1, cases: 1, vaultDir: join(dataDir, 'vault') });
    expect(await call('vault.status', {})).toMatchObject({ state: 'locked' });

    expect(await failure('backup.restore', { from: backup.path, mode: 'replace', credentials, confirmReplace: true, reason: 'The workstation disk failed' })).toMatchObject({ code: 'locked' });
    await call('vault.unlock', { userName: 'Dana Whitfield', passphrase: TEST_PASSPHRASE });
    const list = await call('cases.list', {});
    expect(list.rows.map((r) => r.id)).toEqual([openId]);
    expect((await call('retention.certificate', { caseId: closedId })).caseNumber).toBe(closedNumber);
    const events = await call('audit.list', { limit: 5 });
    expect(events.map((e) => e.action)).toContain('vault.restore');
    expect(events.find((e) => e.action === 'vault.restore')?.detail).toMatchObject({ replaced: true, reason: 'The workstation disk failed' });
    expect((await call('audit.verify', {})).ok).toBe(true);
    expect(readdirSync(dataDir)).toEqual(['vault']);

    const elsewhere = join(medium, 'drill');
    expect(await call('backup.restore', { from: backup.path, mode: 'new', targetDir: elsewhere, credentials })).toMatchObject({ vaultDir: elsewhere, replaced: false, cases: 2 });
    expect(await failure('backup.restore', { from: backup.path, mode: 'new', targetDir: join(dataDir, 'vault'), credentials })).toMatchObject({ code: 'invalid_input' });
  });

  it('restores onto a workstation with no vault yet, before anyone has signed in (a program manager only)', async () => {
    await setUp();
    const backup = await call('backup.run', { targetDir: medium });
    backend.close();
    rmSync(join(dataDir, 'vault'), { recursive: true, force: true });
    backend = createBackend({ dataDir, transport: 'harness', version: '0.1.0', log: () => undefined, host });
    expect(await call('vault.status', {})).toMatchObject({ state: 'none' });
    folders.push(backup.path);
    // Restoring is the program manager's (the permission map): an analyst of the backup is refused, nothing is written.
    const refused = await backend.invoke('backup.restore', { mode: 'replace', credentials: { userName: 'Alex Analyst', passphrase: ANALYST_PASSPHRASE } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('vault.status', {})).toMatchObject({ state: 'none' });
    folders.push(backup.path);
    const result = await call('backup.restore', { mode: 'replace', credentials: { userName: 'Dana Whitfield', passphrase: TEST_PASSPHRASE } });
    expect(result).toMatchObject({ replaced: false, cases: 2, dispositionsChecked: false });
    expect(await call('vault.unlock', { userName: 'Alex Analyst', passphrase: ANALYST_PASSPHRASE })).toMatchObject({ user: { role: 'analyst' } });
  });
});
