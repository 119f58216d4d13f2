import { dirname } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../electron/backend/backend';
import { createCase, requireCase } from '../../electron/backend/services/cases';
import { recordAssessment, setDeterminations } from '../../electron/backend/services/casework';
import { closeCase, closureChecks, markFinalAssessment, reopenCase } from '../../electron/backend/services/closure';
import { addAction, signOffAction, transitionAction } from '../../electron/backend/services/mitigation';
import { caseSchedule, recordReview } from '../../electron/backend/services/monitoring';
import { recordReporting } from '../../electron/backend/services/reporting';
import { caseTimeline } from '../../electron/backend/services/timeline';
import { homeSummary } from '../../electron/backend/services/home';
import { addMember } from '../../electron/backend/services/team';
import { listAudit, verifyAudit } from '../../electron/backend/vault/audit';
import type { VaultSession } from '../../electron/backend/vault/session';
import { newActionSchema, transitionInputSchema } from '../../shared/contract/mitigation';
import { reportingRecordInputSchema } from '../../shared/contract/reporting';
import { reviewInputSchema } from '../../shared/contract/monitoring';
import type { FactId, OptionId } from '../../shared/domain/ids';
import { decodeEffectiveness } from '../../shared/model/effectiveness';
import { createTestTeam, type TestTeam } from '../helpers/team';
import { gamblingIntake, TEST_PASSPHRASE } from '../helpers/vault';

let team: TestTeam;
afterEach(() => team.cleanup());

const now = () => team.vault.now();
const open = () => createCase(team.analyst.db, team.analyst.user, gamblingIntake(), now()).id;
const determine = async (caseId: string, facts: Partial<Record<FactId, 'yes' | 'no'>>) =>
  setDeterminations(team.analyst, caseId, Object.entries(facts).map(([factId, value]) => ({ factId: factId as FactId, value, note: '' })), now());
const assess = async (caseId: string) =>
  (await recordAssessment(team.analyst, { caseId, interest: '', motive: 'Debt', ability: 'Access', imminence: 'low', risk: 'moderate', rationale: 'Support first; no criminal nexus.', leCriteria: [] }, now())).id;
const record = async (caseId: string, input: Record<string, unknown>, session: VaultSession = team.analyst) => recordReporting(session, reportingRecordInputSchema.parse({ caseId, ...input }), now());
const notRequired = async (caseId: string, recipient: string) => record(caseId, { recipient, outcome: 'not_required', justification: 'Handled entirely through the internal process.' });
/** An action taken all the way to `to` by the analyst, with legal's sign-off. */
async function actionAt(caseId: string, optionId: OptionId, to: 'proposed' | 'legal_review' | 'approved' | 'in_progress' | 'done' | 'discontinued'): Promise<string> {
  const { id } = await addAction(team.analyst, newActionSchema.parse({ caseId, optionId, ownerDiscipline: 'security' }), now());
  const path = { proposed: [], legal_review: ['legal_review'], approved: ['legal_review', 'approved'], in_progress: ['legal_review', 'approved', 'in_progress'], done: ['legal_review', 'approved', 'in_progress', 'done'], discontinued: ['discontinued'] }[to];
  for (const step of path) {
    await transitionAction(team.analyst, transitionInputSchema.parse({ caseId, actionId: id, to: step, justification: 'Justified by the team after discussion with counsel.', reason: 'No longer fits the plan.' }), now());
    if (step === 'legal_review') await signOffAction(team.legal, caseId, id, now());
  }
  return id;
}

describe('reporting obligations', () => {
  it('records reported and not-required outcomes; home and the case count an obligation met once recorded', async () => {
    team = await createTestTeam();
    const caseId = open();
    await determine(caseId, { classified_disclosure: 'yes', foreign_recipient: 'yes' });
    const home = async () => (await homeSummary(team.manager.db, team.manager.user, '2026-11-20')).pendingObligations.map((o) => `${o.recipient}:${o.timing}`);
    expect((await home())[0]).toBe('fbi:immediately');
    expect(await home()).toContain('ditmac:promptly');
    await record(caseId, { recipient: 'fbi', outcome: 'reported', reportedOn: '2026-11-20', method: 'Phone, then secure fax', reference: 'FBI-WFO-2026-118', reportedBy: 'Dana Whitfield' });
    expect(await home()).not.toContain('fbi:immediately');
    const saved = requireCase(team.manager.db, caseId).reportingRecords[0];
    expect(saved).toMatchObject({ recipient: 'fbi', outcome: 'reported', reportedOn: '2026-11-20', method: 'Phone, then secure fax', reference: 'FBI-WFO-2026-118', reportedBy: 'Dana Whitfield', recordedBy: 'Ana Ruiz' });
    await notRequired(caseId, 'ditmac');
    expect(requireCase(team.manager.db, caseId).reportingRecords.find((r) => r.recipient === 'ditmac')).toMatchObject({ outcome: 'not_required', reportedOn: null, method: '' });
    const audit = listAudit(team.manager.db, { caseId, limit: 5 }).filter((e) => e.action === 'reporting.record');
    expect(audit.map((e) => e.detail['outcome'])).toEqual(['not_required', 'reported']);
    expect(JSON.stringify(audit)).not.toContain('FBI-WFO');
  });

  it('refuses duplicates, recipients that are not obligations, future dates and thin justifications', async () => {
    team = await createTestTeam();
    const caseId = open();
    await determine(caseId, { adverse_information: 'yes' });
    await expect(record(caseId, { recipient: 'fbi', outcome: 'reported', reportedOn: '2026-11-20', method: 'Phone', reportedBy: 'Dana' })).rejects.toThrow(/not an obligation of this case/);
    await expect(record(caseId, { recipient: 'diss', outcome: 'reported', reportedOn: '2026-12-20', method: 'DISS entry', reportedBy: 'Dana' })).rejects.toThrow(/future/);
    expect(reportingRecordInputSchema.safeParse({ caseId, recipient: 'diss', outcome: 'not_required', justification: 'no' }).success).toBe(false);
    expect(reportingRecordInputSchema.safeParse({ caseId, recipient: 'diss', outcome: 'reported', reportedOn: '2026-11-20', method: '', reportedBy: 'Dana' }).success).toBe(false);
    await record(caseId, { recipient: 'diss', outcome: 'reported', reportedOn: '2026-11-19', method: 'DISS incident report', reportedBy: 'Dana' });
    await expect(notRequired(caseId, 'diss')).rejects.toThrow(/already recorded/);
  });
});

describe('monitoring', () => {
  it("schedules reviews with the engine and records each response's effectiveness", async () => {
    team = await createTestTeam();
    const caseId = open();
    await assess(caseId);
    const eap = await actionAt(caseId, 'employee_assistance_program', 'in_progress');
    const schedule = caseSchedule(requireCase(team.manager.db, caseId), '2026-11-20');
    expect(schedule).toMatchObject({ nextReview: '2026-12-20', driver: 'risk_interval', state: 'scheduled' });
    expect(schedule.source).toContain('Monitoring Response');
    const first = await recordReview(
      team.analyst,
      reviewInputSchema.parse({ caseId, heldOn: '2026-11-18', whatChanged: 'Ted joined the EAP programme.', effectiveness: [{ actionId: eap, rating: 'partly_effective', note: 'Attends, still borrowing' }], coordination: 'EAP may not share details.' }),
      now(),
    );
    // The schedule runs from the later of the last review and the latest assessment (2026-11-20).
    expect(first).toMatchObject({ nextReview: '2026-12-20', reassessSuggested: false });
    const saved = requireCase(team.manager.db, caseId);
    expect(saved.case.nextReview).toBe('2026-12-20');
    expect(decodeEffectiveness(saved.reviews[0]?.effectiveness[eap] ?? '')).toEqual({ rating: 'partly_effective', note: 'Attends, still borrowing' });
    const second = await recordReview(team.analyst, reviewInputSchema.parse({ caseId, heldOn: '2026-11-20', whatChanged: 'New loan requests.', newIndicators: 'Asked a contractor for money.', effectiveness: [{ actionId: eap, rating: 'not_effective' }] }), now());
    expect(second.reassessSuggested).toBe(true);
    await expect(recordReview(team.analyst, reviewInputSchema.parse({ caseId, heldOn: '2026-12-01', whatChanged: 'x' }), now())).rejects.toThrow(/future/);
    await expect(recordReview(team.analyst, reviewInputSchema.parse({ caseId, heldOn: '2026-11-20', whatChanged: 'x', effectiveness: [{ actionId: 'nope', rating: 'effective' }] }), now())).rejects.toThrow(/not an action/);
    expect(reviewInputSchema.safeParse({ caseId, heldOn: '2026-11-20', whatChanged: '' }).success).toBe(false);
    expect(listAudit(team.manager.db, { caseId, limit: 3 }).find((e) => e.action === 'review.record')?.detail).toMatchObject({ actionsRated: 1 });
  });

  it('follows a separated person up at least every 30 days', async () => {
    team = await createTestTeam();
    const caseId = open();
    await recordAssessment(team.analyst, { caseId, interest: '', motive: '', ability: '', imminence: 'none', risk: 'low', rationale: 'Low.', leCriteria: [] }, now());
    await determine(caseId, { subject_separated: 'yes' });
    expect(caseSchedule(requireCase(team.manager.db, caseId), '2026-11-20').nextReview).toBe('2026-12-20');
  });
});

describe('closure', () => {
  it('closes only with a final assessment, every obligation recorded and a program manager; reopening is audited', async () => {
    team = await createTestTeam();
    const caseId = open();
    const unmet = () => closureChecks(requireCase(team.manager.db, caseId), 'program_manager').filter((c) => !c.met).map((c) => c.id);
    expect(unmet()).toEqual(['final_assessment', 'obligations_recorded']);
    await expect(closeCase(team.manager, caseId, 'Support worked; debt repaid.', now())).rejects.toThrow(/Record an assessment.*Answer the determination questions/);
    const first = await assess(caseId);
    const latest = await assess(caseId);
    await expect(markFinalAssessment(team.analyst, caseId, first, now())).rejects.toThrow(/Only the latest assessment/);
    await markFinalAssessment(team.analyst, caseId, latest, now());
    expect(requireCase(team.manager.db, caseId).assessments.map((a) => a.isFinal)).toEqual([false, true]);
    await determine(caseId, { adverse_information: 'yes' });
    expect(unmet()).toEqual(['obligations_recorded']);
    await expect(closeCase(team.manager, caseId, 'Support worked; debt repaid.', now())).rejects.toThrow(/DISS, Internal procedures/);
    await record(caseId, { recipient: 'diss', outcome: 'reported', reportedOn: '2026-11-19', method: 'DISS incident report', reportedBy: 'Dana' });
    await notRequired(caseId, 'internal');
    expect(unmet()).toEqual([]);
    // Only a program manager approves.
    await expect(closeCase(team.analyst, caseId, 'Support worked; debt repaid.', now())).rejects.toThrow(expect.objectContaining({ code: 'forbidden' }));
    await expect(closeCase(team.legal, caseId, 'Support worked; debt repaid.', now())).rejects.toThrow(/Only a program manager/);
    expect(closureChecks(requireCase(team.manager.db, caseId), 'analyst').find((c) => c.id === 'program_manager')?.met).toBe(false);
    await closeCase(team.manager, caseId, 'Support worked; debt repaid.', now());
    expect(requireCase(team.manager.db, caseId).case).toMatchObject({ status: 'closed', closureReason: 'Support worked; debt repaid.', closedAt: '2026-11-20T10:00:00.000Z' });
    // A closed case refuses changes, a second closing and reopening by others.
    await expect(determine(caseId, { criminal_conduct: 'no' })).rejects.toThrow(/closed/);
    await expect(closeCase(team.manager, caseId, 'Again and again.', now())).rejects.toThrow(/closed/);
    await expect(reopenCase(team.analyst, caseId, 'new_information', 'The person reported again.', now())).rejects.toThrow(expect.objectContaining({ code: 'forbidden' }));
    await reopenCase(team.manager, caseId, 'new_indicators', 'New indicators from the supervisor.', now());
    const reopened = requireCase(team.manager.db, caseId);
    expect(reopened.case).toMatchObject({ status: 'open', closedAt: null, closureReason: null });
    expect(reopened.assessments.some((a) => a.isFinal)).toBe(false);
    await expect(reopenCase(team.manager, caseId, 'other', 'Opened a second time by mistake.', now())).rejects.toThrow(/not closed/);
    const audit = listAudit(team.manager.db, { caseId, limit: 10 });
    expect(audit.find((e) => e.action === 'case.reopen')).toMatchObject({ actor: 'Dana Whitfield', detail: { reason: 'new_indicators' } });
    expect(audit.find((e) => e.action === 'case.close')).toMatchObject({ actor: 'Dana Whitfield', detail: { approvedBy: 'Dana Whitfield' } });
    expect(JSON.stringify(audit)).not.toContain('debt repaid');
    expect(verifyAudit(team.manager.db).ok).toBe(true);
  });

  it('refuses to close the case of a separated person until a post-separation safety plan is in force (Domingo-style)', async () => {
    team = await createTestTeam();
    const caseId = open();
    await markFinalAssessment(team.analyst, caseId, await assess(caseId), now());
    await determine(caseId, { subject_separated: 'yes', terrorism: 'yes', violence_threat: 'yes' });
    for (const o of requireCase(team.manager.db, caseId).obligations) await notRequired(caseId, o.recipient);
    const missing = () => closureChecks(requireCase(team.manager.db, caseId), 'program_manager').filter((c) => !c.met).map((c) => c.id);
    expect(missing()).toEqual(['post_separation_safety_plan']);
    await expect(closeCase(team.manager, caseId, 'The employee was fired.', now())).rejects.toThrow(/post-separation safety plan must be approved/);
    // Proposed, in legal review or discontinued plans do not count.
    await actionAt(caseId, 'post_separation_safety_plan', 'discontinued');
    const planned = await actionAt(caseId, 'post_separation_safety_plan', 'legal_review');
    expect(missing()).toEqual(['post_separation_safety_plan']);
    await transitionAction(team.analyst, transitionInputSchema.parse({ caseId, actionId: planned, to: 'approved', justification: 'Victims are protected by the plan itself.' }), now());
    expect(missing()).toEqual([]);
    await closeCase(team.manager, caseId, 'Separated; safety plan in force with local police.', now(), 'keep');
    expect(requireCase(team.manager.db, caseId).case.status).toBe('closed');
  });
});

describe('case timeline', () => {
  it('merges indicators, analysis, decisions, actions, reports and reviews in date order', async () => {
    team = await createTestTeam();
    const caseId = open();
    await determine(caseId, { adverse_information: 'yes' });
    const eap = await actionAt(caseId, 'employee_assistance_program', 'approved');
    await record(caseId, { recipient: 'diss', outcome: 'reported', reportedOn: '2026-11-19', method: 'DISS incident report', reference: 'D-42', reportedBy: 'Dana' });
    await recordReview(team.analyst, reviewInputSchema.parse({ caseId, heldOn: '2026-11-20', whatChanged: 'Ted attends EAP.', effectiveness: [{ actionId: eap, rating: 'effective' }] }), now());
    const entries = caseTimeline(team.manager.db, caseId);
    expect(entries.map((e) => e.date)).toEqual([...entries.map((e) => e.date)].sort());
    const titles = entries.map((e) => `${e.kind}:${e.title}`);
    expect(titles.slice(0, 3)).toEqual(['indicator:Long-standing gambling habit', 'indicator:Large gambling debt', 'report:Report received']);
    expect(titles).toEqual(
      expect.arrayContaining([
        'determination:Determinations answered',
        'action:Proposed: Employee Assistance Program (EAP)',
        'action:Sent to legal review: Employee Assistance Program (EAP)',
        'action:Legal sign-off: Employee Assistance Program (EAP)',
        'reporting:Reported to DISS',
        'review:Review held',
      ]),
    );
    expect(entries.find((e) => e.kind === 'determination')?.detail).toContain('Adverse information: yes');
    expect(entries.find((e) => e.kind === 'reporting')).toMatchObject({ date: '2026-11-19', detail: 'DISS incident report · ref. D-42 · by Dana' });
    expect(entries.some((e) => e.title.includes('Viewed'))).toBe(false);
  });

  it('is served over the contract: input validated, session checked, roles enforced', async () => {
    team = await createTestTeam();
    const caseId = open();
    // Legal signs off only on cases whose team they are on.
    await addMember(team.analyst, caseId, 'Lee Okafor', 'legal', 'Legal review of the plan', now());
    const backend = createBackend({ dataDir: dirname(team.vault.dir), transport: 'harness', version: '0.0.0-test', log: () => undefined, now, kdf: 'fast-insecure-for-tests' });
    try {
      expect(await backend.invoke('cases.timeline', { caseId })).toMatchObject({ ok: false, error: { code: 'locked' } });
      expect(await backend.invoke('vault.unlock', { userName: 'Ana Ruiz', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
      expect(await backend.invoke('reporting.record', { caseId, recipient: 'fbi', outcome: 'maybe' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      const added = await backend.invoke('mitigation.addAction', { caseId, optionId: 'employee_assistance_program', ownerDiscipline: 'hr' });
      if (!added.ok) throw new Error(added.error.message);
      const actionId = (added.value as { id: string }).id;
      expect(await backend.invoke('mitigation.transition', { caseId, actionId, to: 'legal_review' })).toMatchObject({ ok: true, value: { status: 'legal_review' } });
      expect(await backend.invoke('mitigation.signOff', { caseId, actionId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await backend.invoke('closure.close', { caseId, reason: 'Nothing more to do here.' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await backend.invoke('vault.unlock', { userName: 'Lee Okafor', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
      expect(await backend.invoke('mitigation.signOff', { caseId, actionId })).toMatchObject({ ok: true, value: { signedOffBy: 'Lee Okafor' } });
      const readiness = await backend.invoke('closure.readiness', { caseId });
      expect(readiness).toMatchObject({ ok: true, value: { ready: false } });
      const timeline = await backend.invoke('cases.timeline', { caseId });
      expect(timeline.ok && (timeline.value as { title: string }[]).some((e) => e.title === 'Legal sign-off: Employee Assistance Program (EAP)')).toBe(true);
      expect(await backend.invoke('monitoring.schedule', { caseId })).toMatchObject({ ok: true, value: { risk: 'not_assessed', state: 'not_assessed', nextReview: null } });
    } finally {
      backend.close();
    }
  });
});
