import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { HostServices } from '../../electron/backend/context';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import { listAudit } from '../../electron/backend/vault/audit';
import { gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

/**
 * Separation of duties, confirm-with-reason steps, work queues, bulk steps and
 * the one schedule function, each through the dispatcher on a real encrypted
 * vault, switching users as a hub's workstations would.
 */

const PM = 'Dana Whitfield';
const PM2 = 'Pat Morgan';
const LEGAL = 'Lee Okafor';
const LEGAL2 = 'Lou Brandt';
const ANALYST = 'Ana Ruiz';

let dataDir: string;
let backend: Backend;
let clock: Date;
const host: HostServices = {
  print: () => Promise.resolve(false),
  printToPdf: () => Promise.resolve(new Uint8Array()),
  chooseFolder: () => Promise.resolve(null),
  chooseSavePath: () => Promise.resolve(null),
  chooseOpenPath: () => Promise.resolve(null),
};

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-queues-'));
  clock = new Date('2026-11-20T10:00:00Z');
  backend = createBackend({ dataDir, transport: 'harness', version: '0.1.0', kdf: 'fast-insecure-for-tests', log: () => undefined, now: () => clock, host });
  await call('vault.create', { userName: PM, role: 'program_manager', passphrase: TEST_PASSPHRASE });
  for (const [name, role] of [
    [PM2, 'program_manager'],
    [LEGAL, 'legal'],
    [LEGAL2, 'legal'],
    [ANALYST, 'analyst'],
  ] as const) {
    await call('users.add', { name, role, passphrase: TEST_PASSPHRASE });
  }
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
async function failure<M extends MethodName>(method: M, input: MethodInput<M>): Promise<{ code: string; message: string }> {
  const result = await backend.invoke(method, input);
  if (result.ok) throw new Error(`${method} should have failed`);
  return result.error;
}
const as = async (userName: string) => {
  await call('vault.unlock', { userName, passphrase: TEST_PASSPHRASE });
};
const messageWith = (part: string): unknown => expect.stringContaining(part) as unknown;
const db = () => backend.context.requireSession().db;
const audit = (caseId: string) => listAudit(db(), { caseId, limit: 100 });
const status = async (caseId: string, actionId: string) => (await call('cases.get', { id: caseId })).actions.find((a) => a.id === actionId)?.status;

async function openCase(marker = '', options: { team?: boolean } = {}): Promise<string> {
  const caseId = (await call('cases.create', gamblingIntake(marker))).id;
  // The hub's legal users and the analyst work on every case of these tests: put them on its team.
  if (options.team === false) return caseId;
  const { lead } = await call('team.get', { caseId });
  for (const [user, caseRole] of [[LEGAL, 'legal'], [LEGAL2, 'legal'], [ANALYST, 'member']] as const) {
    if (user !== lead?.name) await call('team.add', { caseId, user, caseRole, reason: 'Working this case with the team' });
  }
  return caseId;
}
async function assess(caseId: string, risk: 'low' | 'moderate' | 'high' | 'critical' = 'moderate'): Promise<void> {
  await call('assessment.record', { caseId, imminence: 'low', risk, rationale: 'Support first; no criminal nexus.', motive: 'Debt' });
}
async function propose(caseId: string, dueOn: string | null = null, optionId: MethodInput<'mitigation.addAction'>['optionId'] = 'employee_assistance_program'): Promise<string> {
  return (await call('mitigation.addAction', { caseId, optionId, ownerDiscipline: 'hr', dueOn })).id;
}

describe('separation of duties', () => {
  it('refuses the proposer as legal signer and the signer as approver, audited and naming the rule; nothing changes', async () => {
    await as(LEGAL);
    const caseId = await openCase();
    const own = await propose(caseId);
    await call('mitigation.transition', { caseId, actionId: own, to: 'legal_review' });
    const refused = await failure('mitigation.signOff', { caseId, actionId: own });
    expect(refused).toMatchObject({ code: 'forbidden' });
    expect(refused.message).toContain('The person who proposed an action cannot also give its legal sign-off.');
    expect((await call('cases.get', { id: caseId })).actions.find((a) => a.id === own)?.legalSignoffBy).toBeNull();
    expect(audit(caseId).find((e) => e.action === 'separation.refused')).toMatchObject({ actor: LEGAL, detail: { rule: 'proposer_not_signer' } });

    // Another legal user signs it off; that signer cannot then approve it.
    await as(LEGAL2);
    await call('mitigation.signOff', { caseId, actionId: own });
    const approve = await failure('mitigation.transition', { caseId, actionId: own, to: 'approved' });
    expect(approve.code).toBe('forbidden');
    expect(approve.message).toContain('The person who gave an action its legal sign-off cannot also approve it.');
    expect(await status(caseId, own)).toBe('legal_review');
    expect(audit(caseId).filter((e) => e.action === 'separation.refused').map((e) => e.detail['rule'])).toEqual(['signer_not_approver', 'proposer_not_signer']);
    // Anyone else approves.
    await as(ANALYST);
    expect(await call('mitigation.transition', { caseId, actionId: own, to: 'approved' })).toMatchObject({ status: 'approved' });
  });

  it('a program manager may allow one person two roles for a small hub, with a reason; the waiver is on the audit event', async () => {
    await as(ANALYST);
    expect(await failure('settings.setDualRoles', { allowed: true, reason: 'Small hub of four people.' })).toMatchObject({ code: 'forbidden' });
    await as(PM);
    expect(await failure('settings.setDualRoles', { allowed: true, reason: 'short' })).toMatchObject({ code: 'invalid_input' });
    expect((await call('settings.dualRoles', {})).allowed).toBe(false);
    const policy = await call('settings.setDualRoles', { allowed: true, reason: 'Small hub: one legal adviser only.' });
    expect(policy).toMatchObject({ allowed: true, setBy: PM, reason: 'Small hub: one legal adviser only.' });
    await as(LEGAL);
    const caseId = await openCase();
    const own = await propose(caseId);
    await call('mitigation.transition', { caseId, actionId: own, to: 'legal_review' });
    expect(await call('mitigation.signOff', { caseId, actionId: own })).toMatchObject({ signedOffBy: LEGAL });
    expect(audit(caseId).find((e) => e.action === 'action.signoff')?.detail).toMatchObject({ dualRoleWaived: true });
    expect(listAudit(db(), { limit: 200 }).find((e) => e.action === 'settings.dual_roles')).toMatchObject({ actor: PM, detail: { allowed: true } });
  });

  it("closure: the case's own lead cannot approve alone; another program manager can; open actions need a choice and the schedule is cleared", async () => {
    await as(PM);
    const caseId = await openCase();
    await assess(caseId);
    const eap = await propose(caseId, '2026-12-01');
    await call('determinations.set', { caseId, values: [{ factId: 'adverse_information', value: 'no', note: '' }] });
    const { assessmentId } = { assessmentId: (await call('cases.get', { id: caseId })).assessments[0]?.id ?? '' };
    await call('assessment.markFinal', { caseId, assessmentId });
    const obligations = (await call('cases.get', { id: caseId })).obligations;
    for (const o of obligations) await call('reporting.record', { caseId, recipient: o.recipient, outcome: 'not_required', justification: 'Handled through the internal process only.' });

    const lead = await failure('closure.close', { caseId, reason: 'Debt repaid; support worked.', openActions: 'discontinue' });
    expect(lead.code).toBe('forbidden');
    expect(lead.message).toContain("A case's lead cannot approve closing their own case alone");
    expect((await call('cases.get', { id: caseId })).case.status).toBe('open');

    await as(PM2);
    expect((await call('queues.mine', {})).manager?.closures.map((c) => [c.caseId, c.blockedBy])).toEqual([[caseId, null]]);
    const choice = await failure('closure.close', { caseId, reason: 'Debt repaid; support worked.' });
    expect(choice).toMatchObject({ code: 'invalid_input', message: messageWith('1 open action') });
    await call('closure.close', { caseId, reason: 'Debt repaid; support worked.', openActions: 'discontinue' });
    const closed = await call('cases.get', { id: caseId });
    expect(closed.case).toMatchObject({ status: 'closed', nextReview: null });
    expect(closed.actions.find((a) => a.id === eap)?.status).toBe('discontinued');
    expect(await call('monitoring.schedule', { caseId })).toMatchObject({ state: 'closed', nextReview: null, pastDueActions: [] });
    const reasons = await call('cases.decisions', { caseId });
    expect(reasons.map((r) => [r.kind, r.actor])).toEqual([
      ['case.close', PM2],
      ['action.discontinue', PM2],
    ]);
    expect(reasons[0]?.reason).toBe('Debt repaid; support worked.');
    const closeEvent = audit(caseId).find((e) => e.action === 'case.close');
    expect(closeEvent?.detail).toMatchObject({ approvedBy: PM2, decisionId: reasons[0]?.id, actionsDiscontinued: 1 });
    expect(JSON.stringify(audit(caseId))).not.toContain('Debt repaid');

    // Reopening asks for a written reason, kept; the schedule starts again.
    expect(await failure('closure.reopen', { caseId, reason: 'new_indicators', note: 'x' })).toMatchObject({ code: 'invalid_input' });
    await call('closure.reopen', { caseId, reason: 'new_indicators', note: 'Supervisor reports new borrowing.' });
    expect((await call('cases.decisions', { caseId })).at(-1)).toMatchObject({ kind: 'case.reopen', reason: 'Supervisor reports new borrowing.' });
    expect((await call('cases.get', { id: caseId })).case.nextReview).toBe('2026-12-20');
  });

  it('discontinuing an action needs a reason, kept with the case; the audit event names it by id only', async () => {
    await as(ANALYST);
    const caseId = await openCase();
    const actionId = await propose(caseId);
    expect(await failure('mitigation.transition', { caseId, actionId, to: 'discontinued' })).toMatchObject({ code: 'invalid_input', message: messageWith('Reason') });
    expect(await status(caseId, actionId)).toBe('proposed');
    await call('mitigation.transition', { caseId, actionId, to: 'discontinued', reason: 'EAP declined; counselling instead.' });
    const [kept] = await call('cases.decisions', { caseId });
    expect(kept).toMatchObject({ kind: 'action.discontinue', targetId: actionId, reason: 'EAP declined; counselling instead.', actor: ANALYST });
    expect(audit(caseId).find((e) => e.action === 'action.transition' && e.detail['to'] === 'discontinued')?.detail).toMatchObject({ decisionId: kept?.id });
    expect(JSON.stringify(audit(caseId))).not.toContain('EAP declined');
  });
});

describe('work queues and bulk steps', () => {
  it("legal's queue lists the actions awaiting sign-off; bulk sign-off records each one; a bad selection changes nothing", async () => {
    await as(ANALYST);
    const first = await openCase('first');
    const second = await openCase('second');
    const ids: { caseId: string; actionId: string }[] = [];
    for (const caseId of [first, first, first, second, second, second, second]) ids.push({ caseId, actionId: await propose(caseId) });
    // Bulk send to legal review: each transition is its own audit event.
    expect(await failure('mitigation.bulkSendToLegal', { items: [...ids, ids[0] ?? { caseId: '', actionId: '' }] })).toMatchObject({ code: 'invalid_input', message: messageWith('twice') });
    expect(await call('mitigation.bulkSendToLegal', { items: ids })).toEqual({ sent: 7 });
    expect(audit(first).filter((e) => e.action === 'action.transition' && e.detail['to'] === 'legal_review')).toHaveLength(3);
    expect(await failure('mitigation.bulkSendToLegal', { items: ids.slice(0, 1) })).toMatchObject({ code: 'conflict', message: messageWith('not proposed') });

    await as(LEGAL);
    const queue = await call('queues.mine', {});
    expect(queue.signOff?.total).toBe(7);
    expect(queue.signOff?.items.every((i) => i.blockedBy === null && i.proposedBy === ANALYST)).toBe(true);
    expect(queue.manager).toBeNull();
    // One item not awaiting sign-off: nothing is signed.
    const bad = await failure('mitigation.bulkSignOff', { items: [...ids.slice(0, 2), { caseId: first, actionId: 'nope' }] });
    expect(bad).toMatchObject({ code: 'not_found' });
    expect((await call('queues.mine', {})).signOff?.total).toBe(7);
    const signed = await call('mitigation.bulkSignOff', { items: ids });
    expect(signed.signedOff).toHaveLength(7);
    expect(audit(second).filter((e) => e.action === 'action.signoff' && e.actor === LEGAL)).toHaveLength(4);
    expect((await call('queues.mine', {})).signOff).toEqual({ total: 0, items: [] });

    await as(ANALYST);
    expect(await failure('mitigation.bulkSignOff', { items: ids.slice(0, 1) })).toMatchObject({ code: 'forbidden' });
  });

  it('bulk sign-off refuses, audits and changes nothing when the signer proposed one of the actions', async () => {
    await as(ANALYST);
    const caseId = await openCase();
    const theirs = await propose(caseId);
    await as(LEGAL);
    const mine = await propose(caseId);
    await call('mitigation.bulkSendToLegal', { items: [{ caseId, actionId: theirs }, { caseId, actionId: mine }] });
    const queue = await call('queues.mine', {});
    expect(queue.signOff?.items.find((i) => i.actionId === mine)?.blockedBy).toContain('proposed');
    const refused = await failure('mitigation.bulkSignOff', { items: [{ caseId, actionId: theirs }, { caseId, actionId: mine }] });
    expect(refused.code).toBe('forbidden');
    const view = await call('cases.get', { id: caseId });
    expect(view.actions.every((a) => a.legalSignoffBy === null)).toBe(true);
    expect(audit(caseId).find((e) => e.action === 'separation.refused')?.detail).toEqual({ rule: 'proposer_not_signer' });
  });

  it("a member's queue: reviews due and overdue, past-due actions, obligations (Section 811 immediately first), cases not assessed; only their cases", async () => {
    await as(ANALYST);
    const overdue = await openCase('overdue');
    await assess(overdue, 'critical');
    const late = await propose(overdue, '2026-11-22');
    await call('determinations.set', { caseId: overdue, values: [{ factId: 'classified_disclosure', value: 'yes', note: '' }, { factId: 'foreign_recipient', value: 'yes', note: '' }] });
    const fresh = await openCase('fresh');
    await as(PM);
    const others = await openCase('not mine', { team: false });
    await assess(others, 'critical');

    clock = new Date('2026-12-02T10:00:00Z');
    await as(ANALYST);
    const queue = await call('queues.mine', {});
    expect(queue.reviews).toMatchObject({ overdue: 1, dueSoon: 0 });
    expect(queue.reviews.items).toEqual([expect.objectContaining({ caseId: overdue, nextReview: '2026-11-22', state: 'overdue', daysOverdue: 10, risk: 'critical' })]);
    expect(queue.pastDueActions).toEqual({ total: 1, items: [expect.objectContaining({ caseId: overdue, actionId: late, daysPastDue: 10, status: 'proposed' })] });
    expect(queue.obligations[0]).toMatchObject({ caseId: overdue, recipient: 'fbi', timing: 'immediately', daysWaiting: 12 });
    expect(queue.notAssessed).toEqual({ total: 1, items: [expect.objectContaining({ caseId: fresh })] });
    expect(queue.signOff).toBeNull();
    expect(JSON.stringify(queue)).not.toContain(others);
    expect(await call('cases.pastDue', { caseIds: [overdue, fresh, others] })).toEqual({ [overdue]: { pastDueActions: 1, earliestDue: '2026-11-22' } });
  });

  it("need-to-know in the queues and on Home: legal sees only actions on their teams' cases; Home counts only the cases the case list shows", async () => {
    await as(ANALYST);
    const ours = await openCase('ours');
    const ourAction = await propose(ours);
    await call('mitigation.bulkSendToLegal', { items: [{ caseId: ours, actionId: ourAction }] });
    await as(PM);
    // A case no one but the program manager works on, with an action awaiting sign-off and an obligation owed.
    const hidden = await openCase('hidden', { team: false });
    await assess(hidden, 'critical');
    await call('determinations.set', { caseId: hidden, values: [{ factId: 'classified_disclosure', value: 'yes', note: '' }, { factId: 'foreign_recipient', value: 'yes', note: '' }] });
    const hiddenAction = await propose(hidden);
    await call('mitigation.bulkSendToLegal', { items: [{ caseId: hidden, actionId: hiddenAction }] });
    clock = new Date('2026-12-30T10:00:00Z');

    await as(LEGAL);
    const queue = await call('queues.mine', {});
    expect(queue.signOff).toEqual({ total: 1, items: [expect.objectContaining({ caseId: ours, actionId: ourAction })] });
    expect(JSON.stringify(queue)).not.toContain(hidden);
    for (const user of [LEGAL, ANALYST]) {
      await as(user);
      const home = await call('home.summary', {});
      const listed = await call('cases.list', { status: 'open', withTotal: true });
      expect(home.counts.open).toBe(listed.total);
      expect(home.counts.byRisk['critical']).toBe(0);
      expect(Object.values(home.counts.byStage).reduce((a, b) => a + b, 0)).toBe(1);
      expect(JSON.stringify(home)).not.toContain(hidden);
      expect(home.pendingObligations).toEqual([]);
      expect(home.overdueReviews).toEqual([]);
    }
    // The program manager still sees the whole hub on Home.
    await as(PM);
    const hub = await call('home.summary', {});
    expect(hub.counts.open).toBe(2);
    expect(hub.overdueReviews.map((r) => r.caseId)).toEqual([hidden]);
    expect(hub.pendingObligations.map((o) => o.caseId)).toContain(hidden);
  });

  it("the program manager's queue: closures, backups due and access changes", async () => {
    await as(PM);
    const queue = await call('queues.mine', {});
    expect(queue.manager).toMatchObject({ closures: [], backupDue: true, lastBackupAt: null, dispositionsDue: 0, dualRoles: { allowed: false } });
    expect(queue.manager?.accessChanges.map((a) => `${a.user}:${a.change}`).sort()).toEqual([`${ANALYST}:added`, `${LEGAL2}:added`, `${LEGAL}:added`, `${PM2}:added`, `${PM}:added`].sort());
    await call('users.remove', { name: LEGAL2, reason: 'Left the hub' });
    expect((await call('queues.mine', {})).manager?.accessChanges.some((a) => a.user === LEGAL2 && a.change === 'removed')).toBe(true);
  });
});

describe('one truth for dates and states', () => {
  it('"Not assessed" until the first assessment, in the case, the list and Home counts; no default risk', async () => {
    await as(ANALYST);
    const caseId = await openCase();
    const view = await call('cases.get', { id: caseId });
    expect(view.case).toMatchObject({ risk: 'not_assessed', nextReview: null });
    expect((await call('cases.list', {})).rows.find((r) => r.id === caseId)?.risk).toBe('not_assessed');
    const home = await call('home.summary', {});
    expect(home.counts.byRisk).toMatchObject({ not_assessed: 1, low: 0 });
    expect(await call('monitoring.schedule', { caseId })).toMatchObject({ risk: 'not_assessed', state: 'not_assessed', nextReview: null });
    expect((await call('cases.list', { risk: 'not_assessed' })).rows.map((r) => r.id)).toEqual([caseId]);
    await assess(caseId, 'high');
    const after = (await call('home.summary', {})).counts.byRisk;
    expect([after['not_assessed'] ?? 0, after['high']]).toEqual([0, 1]);
  });

  it('header, Monitoring tab, list, Home and the queue agree on a case whose dates used to disagree', async () => {
    // Assessed (moderate: 30 days) on 2026-11-02, then an action due 2026-11-16
    // proposed later: the stored date used to stay 2026-12-02 while the
    // Monitoring tab moved the review to today and called it overdue.
    clock = new Date('2026-11-02T10:00:00Z');
    await as(ANALYST);
    const caseId = await openCase();
    await assess(caseId, 'moderate');
    clock = new Date('2026-11-10T10:00:00Z');
    await as(ANALYST);
    await propose(caseId, '2026-11-16');
    clock = new Date('2026-12-02T10:00:00Z');
    await as(ANALYST);

    const header = (await call('cases.get', { id: caseId })).case.nextReview;
    const monitoring = await call('monitoring.schedule', { caseId });
    const row = (await call('cases.list', {})).rows.find((r) => r.id === caseId);
    const home = (await call('home.summary', {})).overdueReviews.find((r) => r.caseId === caseId);
    const queue = (await call('queues.mine', {})).reviews.items.find((r) => r.caseId === caseId);
    expect(header).toBe('2026-11-16');
    expect(monitoring).toMatchObject({ nextReview: '2026-11-16', state: 'overdue', daysOverdue: 16, driver: 'open_action' });
    expect(monitoring.pastDueActions).toHaveLength(1);
    expect(row?.nextReview).toBe('2026-11-16');
    expect(home).toMatchObject({ nextReview: '2026-11-16', daysOverdue: 16 });
    expect(queue).toMatchObject({ nextReview: '2026-11-16', state: 'overdue', daysOverdue: 16 });
  });
});
