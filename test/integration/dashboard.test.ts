import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { CaseView } from '../../shared/contract/cases';
import { createBackend, type Backend } from '../../electron/backend/backend';
import type { HostServices } from '../../electron/backend/context';
import { activeCaseCounts, activeCasesByAge, countOverdueActions, countOverdueReviews, obligationOutcomeCounts, owedObligationCounts } from '../../electron/backend/data/dashboard';
import { planOf, recordingQueries, scansOf } from '../../electron/backend/data/queryPlans.test-helper';
import { gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

const host: HostServices = {
  print: () => Promise.resolve(false),
  printToPdf: () => Promise.resolve(new Uint8Array()),
  chooseFolder: () => Promise.resolve(null),
  chooseSavePath: () => Promise.resolve(null),
  chooseOpenPath: () => Promise.resolve(null),
};

const TODAY = '2026-11-20';
let dataDir: string;
let backend: Backend;
let clock: Date;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'offramp-dashboard-'));
  clock = new Date('2026-01-05T09:00:00Z');
  backend = createBackend({ dataDir, transport: 'harness', version: '0.1.0', kdf: 'fast-insecure-for-tests', log: () => undefined, now: () => clock, host });
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
/** Moves the clock to `day`; the session counts as active then, so the months between do not lock it for idleness. */
const on = (day: string) => {
  clock = new Date(`${day}T09:00:00Z`);
  const session = backend.context.session;
  if (session !== null) session.lastActivity = clock.getTime();
};

/** Opens a case on `day`; its DISS obligation (adverse information, "promptly") arises that day. */
async function openCase(day: string, indicators: MethodInput<'cases.create'>['indicators'], marker: string): Promise<string> {
  on(day);
  const intake = gamblingIntake(marker);
  const { id } = await call('cases.create', { ...intake, report: { ...intake.report, receivedOn: day }, indicators: (indicators ?? []).map((i) => ({ ...i, observedOn: day })) });
  await call('determinations.set', { caseId: id, values: [{ factId: 'adverse_information', value: 'yes', note: '' }] });
  return id;
}
const reportDiss = (caseId: string, reportedOn: string) => call('reporting.record', { caseId, recipient: 'diss', outcome: 'reported', reportedOn, method: 'DISS entry', reportedBy: 'Dana Whitfield' });
const assess = (caseId: string, risk: 'low' | 'high') => call('assessment.record', { caseId, interest: '', motive: 'Debt', ability: 'Access', imminence: 'low', risk, rationale: 'Known figures for the dashboard test.', leCriteria: [] });

/**
 * Five cases with known figures. Today is 2026-11-20.
 * A: opened 2026-05-01 (203 days), stressor, assessed high, DISS reported 2 days later (on time), an action due 2026-06-01.
 * B: opened 2026-09-01 (80 days), no indicators, not assessed, DISS reported 19 days later (late).
 * C: opened 2026-11-15 (5 days), a concerning behavior, not assessed, DISS not yet reported but still within 7 days, an action due 2026-12-01.
 * D: opened 2026-10-01 (50 days), stressor, assessed low, DISS not reported after 50 days, an action due 2026-11-01.
 * E: opened 2026-02-01 and closed: counted nowhere among active cases.
 */
async function seed(): Promise<Record<'a' | 'b' | 'c' | 'd' | 'e', string>> {
  await call('vault.create', { userName: 'Dana Whitfield', role: 'program_manager', passphrase: TEST_PASSPHRASE });
  const standard = gamblingIntake().indicators;
  const behavior = [{ category: 'financial', stage: 'concerning_behavior', observedOn: '2026-11-10', summary: 'Borrowed money from three colleagues', source: 'Co-workers', corroboration: 'corroborated', basis: 'fact' }] as const;
  const e = await openCase('2026-02-01', standard, 'e');
  const a = await openCase('2026-05-01', standard, 'a');
  await assess(a, 'high');
  on('2026-05-03');
  await reportDiss(a, '2026-05-03');
  await call('mitigation.addAction', { caseId: a, optionId: 'refer_professional_evaluation', ownerDiscipline: 'hr', dueOn: '2026-06-01' });
  const b = await openCase('2026-09-01', [], 'b');
  on('2026-09-20');
  await reportDiss(b, '2026-09-20');
  const d = await openCase('2026-10-01', standard, 'd');
  await assess(d, 'low');
  await call('mitigation.addAction', { caseId: d, optionId: 'watch_and_wait', ownerDiscipline: 'security', dueOn: '2026-11-01' });
  const c = await openCase('2026-11-15', [...behavior], 'c');
  await call('mitigation.addAction', { caseId: c, optionId: 'watch_and_wait', ownerDiscipline: 'security', dueOn: '2026-12-01' });
  const session = backend.context.session;
  if (session === null) throw new Error('The vault is locked.');
  session.db.prepare("UPDATE cases SET status = 'closed' WHERE id = ?").run(e);
  on(TODAY);
  return { a, b, c, d, e };
}

describe('home.dashboard on a real vault', () => {
  it('counts the caseload by stage, risk and age, overdue reviews and actions, and obligations on time or late', async () => {
    const ids = await seed();
    const dashboard = await call('home.dashboard', {});
    expect(dashboard).toEqual({
      today: TODAY,
      activeCases: 4,
      byStage: { predisposition: 0, stressor: 2, concerning_behavior: 1, none: 1 },
      byRisk: { not_assessed: 2, low: 1, moderate: 0, high: 1, critical: 0 },
      byAge: { under_30: 1, d30_89: 2, d90_179: 0, d180_plus: 1 },
      // An open action past due brings its case's review forward (one schedule for header, list, Home and dashboard), so that case's review is overdue too.
      overdue: { reviews: 2, actions: 2 },
      obligations: { onTime: 1, late: 1, notRequired: 0, dueNotYetReported: 1, overdueNotReported: 1 },
    });

    // The same figures, worked out from the case records themselves.
    const views: CaseView[] = [];
    for (const id of Object.values(ids)) views.push(await call('cases.get', { id }));
    const open = views.filter((v) => v.case.status !== 'closed');
    expect(open).toHaveLength(dashboard.activeCases);
    expect(open.filter((v) => v.case.furthestStage === 'stressor')).toHaveLength(dashboard.byStage.stressor);
    expect(open.filter((v) => v.assessments.length === 0)).toHaveLength(dashboard.byRisk.not_assessed);
    expect(open.filter((v) => v.case.nextReview !== null && v.case.nextReview < TODAY)).toHaveLength(dashboard.overdue.reviews);
    expect(open.flatMap((v) => v.actions).filter((x) => x.dueOn !== null && x.dueOn < TODAY && x.status !== 'done' && x.status !== 'discontinued')).toHaveLength(dashboard.overdue.actions);

    // Reporting the overdue obligation late moves it from "overdue" to "late"; no other figure changes.
    await reportDiss(ids.d, TODAY);
    const after = await call('home.dashboard', {});
    expect(after.obligations).toEqual({ onTime: 1, late: 2, notRequired: 0, dueNotYetReported: 1, overdueNotReported: 0 });
    expect({ ...after, obligations: null }).toEqual({ ...dashboard, obligations: null });
  });

  it('reads no table that grows with the hub from end to end: kept counts, and indexes up to today', async () => {
    await seed();
    const session = backend.context.session;
    if (session === null) throw new Error('The vault is locked.');
    session.db.exec('ANALYZE');
    const { q, ran } = recordingQueries(session.db);
    const { activeCases } = await activeCaseCounts(q);
    await activeCasesByAge(q, TODAY, activeCases);
    await countOverdueReviews(q, TODAY);
    await countOverdueActions(q, TODAY);
    await owedObligationCounts(q, TODAY);
    await obligationOutcomeCounts(q);
    expect(ran).toHaveLength(8);
    for (const statement of ran) {
      const plan = planOf(session.db, statement);
      // The kept tables: counts by bucket and outcome, and the obligations still owed (never more than the active cases owe).
      expect(scansOf(plan, ['home_counts', 'obligation_outcomes', 'p']), `${statement.sql}: ${plan.join(' | ')}`).toEqual([]);
      expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
    }
    // Case ages read only the active cases opened in the last 180 days, through their own index.
    expect(ran.filter((r) => r.sql.includes('"created_at" >=')).map((r) => planOf(session.db, r).join(' | '))).toEqual(Array.from({ length: 3 }, () => expect.stringContaining('cases_active_created') as unknown));
  });

  it('refuses input it does not know and answers nothing while the vault is locked', async () => {
    await seed();
    const bad = await backend.invoke('home.dashboard', { caseId: 'x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await call('vault.lock', { reason: 'user' });
    const locked = await backend.invoke('home.dashboard', {});
    expect(locked).toMatchObject({ ok: false, error: { code: 'locked' } });
  });

  it("is the program manager's: an analyst, who sees only their teams' cases, is refused and the refusal is audited", async () => {
    await seed();
    await call('users.add', { name: 'Ana Ruiz', role: 'analyst', passphrase: TEST_PASSPHRASE });
    await call('vault.unlock', { userName: 'Ana Ruiz', passphrase: TEST_PASSPHRASE });
    const refused = await backend.invoke('home.dashboard', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('program dashboard') as unknown } });
    const db = backend.context.requireSession().db;
    const denied = db.prepare("SELECT actor, detail FROM audit_events WHERE action = 'access.denied' ORDER BY seq DESC LIMIT 1").get() as { actor: string; detail: string };
    expect([denied.actor, JSON.parse(denied.detail)]).toEqual(['Ana Ruiz', { operation: 'program.dashboard', relation: 'none' }]);
  });

  it("counts from the workstation's own date, not the UTC one: late evening in Honolulu is still the day before in the dashboard", async () => {
    await seed();
    const zone = process.env['TZ'];
    process.env['TZ'] = 'Pacific/Honolulu';
    try {
      // 19:00 on 20 November in Honolulu is already 21 November in UTC.
      clock = new Date('2026-11-21T05:00:00Z');
      const session = backend.context.session;
      if (session !== null) session.lastActivity = clock.getTime();
      const dashboard = await call('home.dashboard', {});
      expect(dashboard.today).toBe(TODAY);
    } finally {
      if (zone === undefined) delete process.env['TZ'];
      else process.env['TZ'] = zone;
    }
  });
});
