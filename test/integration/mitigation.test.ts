import { afterEach, describe, expect, it } from 'vitest';
import { createCase, requireCase } from '../../electron/backend/services/cases';
import { evaluateCase, setDeterminations } from '../../electron/backend/services/casework';
import { addAction, addStrategy, previewPlan, signOffAction, transitionAction, updateAction } from '../../electron/backend/services/mitigation';
import { listAudit, verifyAudit } from '../../electron/backend/vault/audit';
import type { VaultSession } from '../../electron/backend/vault/session';
import { newActionSchema, transitionInputSchema, type NewAction } from '../../shared/contract/mitigation';
import { actionTransitions, type ActionStatus } from '../../shared/model/actionStatus';
import { actionStatuses } from '../../shared/model/caseRecord';
import { createTestTeam, type TestTeam } from '../helpers/team';
import { gamblingIntake } from '../helpers/vault';

let team: TestTeam;
afterEach(() => team.cleanup());

const now = () => team.vault.now();
const open = (session: VaultSession = team.analyst) => createCase(session.db, session.user, gamblingIntake(), now()).id;
const propose = async (caseId: string, optionId: NewAction['optionId'], session: VaultSession = team.analyst, extra: Partial<NewAction> = {}) =>
  addAction(session, newActionSchema.parse({ caseId, optionId, ownerDiscipline: 'hr', ...extra }), now());
const move = async (caseId: string, actionId: string, to: ActionStatus, justification = '', session: VaultSession = team.analyst) =>
  transitionAction(session, transitionInputSchema.parse({ caseId, actionId, to, justification, reason: to === 'discontinued' ? 'The team dropped this response.' : '' }), now());
const statusOf = (caseId: string, actionId: string) => requireCase(team.manager.db, caseId).actions.find((a) => a.id === actionId)?.status;

/** Proposed → legal review → signed off: ready to approve. */
async function toSignedOff(caseId: string, actionId: string): Promise<void> {
  await move(caseId, actionId, 'legal_review');
  await signOffAction(team.legal, caseId, actionId, now());
}

describe('mitigation plans on a real vault', () => {
  it('keeps several concurrent strategies, each with its own actions, owners and due dates', async () => {
    team = await createTestTeam();
    const caseId = open();
    const support = await addStrategy(team.analyst, caseId, 'Support resources', now());
    const safeguards = await addStrategy(team.analyst, caseId, 'Protect the petty-cash safe', now());
    const eap = await propose(caseId, 'employee_assistance_program', team.analyst, { strategyId: support, ownerPerson: 'HR business partner', dueOn: '2026-12-01', notes: 'Offer on Monday' });
    const counselling = await propose(caseId, 'financial_counseling_referral', team.analyst, { strategyId: support });
    const safe = await propose(caseId, 'reduce_access_points', team.analyst, { strategyId: safeguards, ownerDiscipline: 'security' });
    const record = requireCase(team.manager.db, caseId);
    expect(record.strategies.map((s) => s.title)).toEqual(['Support resources', 'Protect the petty-cash safe']);
    expect(record.actions.map((a) => [a.optionId, a.strategyId, a.status])).toEqual([
      ['employee_assistance_program', support, 'proposed'],
      ['financial_counseling_referral', support, 'proposed'],
      ['reduce_access_points', safeguards, 'proposed'],
    ]);
    expect(record.actions[0]).toMatchObject({ ownerPerson: 'HR business partner', dueOn: '2026-12-01', notes: 'Offer on Monday', ownerDiscipline: 'hr' });
    await updateAction(team.analyst, { caseId, actionId: safe.id, strategyId: support, ownerDiscipline: 'security', ownerPerson: 'Facility security officer', dueOn: '2026-11-30', notes: '' }, now());
    expect(requireCase(team.manager.db, caseId).actions.find((a) => a.id === safe.id)).toMatchObject({ strategyId: support, ownerPerson: 'Facility security officer', dueOn: '2026-11-30' });
    expect(eap.warnings.map((w) => w.code)).toContain('legal_review_missing');
    expect(counselling.warnings).toEqual([]);
    // The engine sees the plan.
    expect((await evaluateCase(requireCase(team.manager.db, caseId), team.manager.db)).recommendations.find((r) => r.option === 'employee_assistance_program')?.inPlan).toBe(true);
    // A strategy of another case is refused.
    const other = open();
    await expect(propose(other, 'legal_review', team.analyst, { strategyId: support })).rejects.toThrow(/not on this case/);
    expect(verifyAudit(team.manager.db).ok).toBe(true);
  });

  it('walks proposed → legal review → approved → in progress → done, with legal sign-off', async () => {
    team = await createTestTeam();
    const caseId = open();
    await propose(caseId, 'legal_review', team.analyst, { ownerDiscipline: 'legal' });
    const { id } = await propose(caseId, 'employee_assistance_program');
    expect((await move(caseId, id, 'legal_review')).status).toBe('legal_review');
    const signed = await signOffAction(team.legal, caseId, id, now());
    expect(signed.signedOffBy).toBe('Lee Okafor');
    expect(await move(caseId, id, 'approved')).toEqual({ status: 'approved', warnings: [] });
    expect((await move(caseId, id, 'in_progress')).status).toBe('in_progress');
    expect((await move(caseId, id, 'done')).status).toBe('done');
    const action = requireCase(team.manager.db, caseId).actions.find((a) => a.id === id);
    expect(action).toMatchObject({ status: 'done', legalSignoffBy: 'Lee Okafor', warningJustification: '' });
    const events = listAudit(team.manager.db, { caseId, limit: 50 }).filter((e) => e.action === 'action.transition' || e.action === 'action.signoff');
    expect(events.map((e) => [e.action, e.detail['to'] ?? null, e.actor]).reverse()).toEqual([
      ['action.transition', 'legal_review', 'Ana Ruiz'],
      ['action.signoff', null, 'Lee Okafor'],
      ['action.transition', 'approved', 'Ana Ruiz'],
      ['action.transition', 'in_progress', 'Ana Ruiz'],
      ['action.transition', 'done', 'Ana Ruiz'],
    ]);
    // A done action is final.
    await expect(updateAction(team.analyst, { caseId, actionId: id, strategyId: null, ownerDiscipline: 'hr', ownerPerson: '', dueOn: null, notes: 'late note' }, now())).rejects.toThrow(/can no longer be changed/);
  });

  it('refuses every transition the life of an action does not allow', async () => {
    team = await createTestTeam();
    const caseId = open();
    await propose(caseId, 'legal_review', team.analyst, { ownerDiscipline: 'legal' });
    // One action in each state, then every target from it.
    const inState = async (status: ActionStatus): Promise<string> => {
      const { id } = await propose(caseId, 'financial_counseling_referral');
      const path: ActionStatus[] = { proposed: [], legal_review: ['legal_review'], approved: ['legal_review', 'approved'], in_progress: ['legal_review', 'approved', 'in_progress'], done: ['legal_review', 'approved', 'in_progress', 'done'], discontinued: ['discontinued'] }[status] as ActionStatus[];
      for (const step of path) {
        await move(caseId, id, step);
        if (step === 'legal_review') await signOffAction(team.legal, caseId, id, now());
      }
      return id;
    };
    let allowed = 0;
    let refused = 0;
    for (const from of actionStatuses) {
      for (const to of actionStatuses) {
        const id = await inState(from);
        if (actionTransitions[from].includes(to)) {
          expect((await move(caseId, id, to)).status).toBe(to);
          allowed += 1;
        } else {
          await expect(move(caseId, id, to), `${from} → ${to}`).rejects.toThrow(expect.objectContaining({ code: 'conflict' }));
          expect(statusOf(caseId, id)).toBe(from);
          refused += 1;
        }
      }
    }
    expect(allowed).toBe(8);
    expect(refused).toBe(28);
    expect(verifyAudit(team.manager.db).ok).toBe(true);
  });

  it('refuses approval without legal sign-off, and sign-off by anyone but legal or outside legal review', async () => {
    team = await createTestTeam();
    const caseId = open();
    await propose(caseId, 'legal_review', team.analyst, { ownerDiscipline: 'legal' });
    const { id } = await propose(caseId, 'employee_assistance_program');
    await expect(signOffAction(team.legal, caseId, id, now())).rejects.toThrow(/during legal review; this one is proposed/);
    await move(caseId, id, 'legal_review');
    await expect(move(caseId, id, 'approved')).rejects.toThrow(/Legal must sign off/);
    await expect(signOffAction(team.analyst, caseId, id, now())).rejects.toThrow(expect.objectContaining({ code: 'forbidden' }));
    await expect(signOffAction(team.manager, caseId, id, now())).rejects.toThrow(/Only a user with the legal role/);
    await signOffAction(team.legal, caseId, id, now());
    await expect(signOffAction(team.legal, caseId, id, now())).rejects.toThrow(/already signed off/);
    expect((await move(caseId, id, 'approved')).status).toBe('approved');
    await expect(signOffAction(team.legal, caseId, 'no-such-action', now())).rejects.toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('approving over a warning needs a written justification, kept on the action; the audit holds only the codes', async () => {
    team = await createTestTeam();
    const caseId = open();
    await setDeterminations(team.analyst, caseId, [{ factId: 'criminal_conduct', value: 'no', note: '' }], now());
    await propose(caseId, 'legal_review', team.analyst, { ownerDiscipline: 'legal' });
    const referral = await propose(caseId, 'refer_law_enforcement', team.analyst, { ownerDiscipline: 'law_enforcement' });
    expect(referral.warnings.map((w) => w.code)).toEqual(['no_criminal_nexus']);
    expect(referral.warnings[0]?.source).toContain('Insider Threat Mitigation Responses');
    await toSignedOff(caseId, referral.id);
    await expect(move(caseId, referral.id, 'approved')).rejects.toThrow(/no_criminal_nexus.*justification of at least 20 characters/);
    await expect(move(caseId, referral.id, 'approved', 'too short')).rejects.toThrow(/justification/);
    expect(statusOf(caseId, referral.id)).toBe('legal_review');
    const justification = 'The lender threatened Ted; the police asked us to pass on what we know.';
    expect(await move(caseId, referral.id, 'approved', justification)).toEqual({ status: 'approved', warnings: ['no_criminal_nexus'] });
    expect(requireCase(team.manager.db, caseId).actions.find((a) => a.id === referral.id)?.warningJustification).toBe(justification);
    const event = listAudit(team.manager.db, { caseId, limit: 5 }).find((e) => e.action === 'action.transition');
    expect(event?.detail).toEqual({ actionId: referral.id, optionId: 'refer_law_enforcement', from: 'legal_review', to: 'approved', warnings: ['no_criminal_nexus'] });
    expect(JSON.stringify(listAudit(team.manager.db, { caseId, limit: 100 }))).not.toContain('lender');
    // A warning about another option does not stand against this one.
    const eap = await propose(caseId, 'employee_assistance_program');
    await toSignedOff(caseId, eap.id);
    expect((await move(caseId, eap.id, 'approved')).warnings).toEqual([]);
  });

  it('previews the warnings an option would draw without changing the case (Toebbe-style disclosure)', async () => {
    team = await createTestTeam();
    const caseId = open();
    await setDeterminations(team.analyst, caseId, [
      { factId: 'classified_disclosure', value: 'yes', note: '' },
      { factId: 'foreign_recipient', value: 'yes', note: '' },
    ], now());
    const before = requireCase(team.manager.db, caseId).case.updatedAt;
    const preview = await previewPlan(team.analyst.db, caseId, ['interview_subject']);
    expect(preview.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['reporting_due', 'fbi_coordination_hold', 'avoid_alerting']));
    expect(requireCase(team.manager.db, caseId).actions).toEqual([]);
    expect(requireCase(team.manager.db, caseId).case.updatedAt).toBe(before);
    // Preserving evidence draws no hold, and the engine counts it as planned.
    const evidence = await propose(caseId, 'preserve_evidence', team.analyst, { ownerDiscipline: 'legal' });
    expect(evidence.warnings.map((w) => w.code)).not.toContain('fbi_coordination_hold');
    expect((await evaluateCase(requireCase(team.manager.db, caseId), team.manager.db)).recommendations.find((r) => r.option === 'preserve_evidence')?.inPlan).toBe(true);
    const interview = await propose(caseId, 'interview_subject', team.analyst, { ownerDiscipline: 'security' });
    expect(interview.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['fbi_coordination_hold', 'avoid_alerting']));
  });

  it('refuses changes to an action of a closed case and unknown actions', async () => {
    team = await createTestTeam();
    const caseId = open();
    const { id } = await propose(caseId, 'employee_assistance_program');
    await expect(move(caseId, 'nope', 'legal_review')).rejects.toThrow(expect.objectContaining({ code: 'not_found' }));
    team.manager.db.prepare("UPDATE cases SET status = 'closed' WHERE id = ?").run(caseId);
    await expect(move(caseId, id, 'legal_review')).rejects.toThrow(/closed/);
    await expect(propose(caseId, 'legal_review')).rejects.toThrow(/closed/);
    await expect(addStrategy(team.analyst, caseId, 'Late strategy', now())).rejects.toThrow(/closed/);
  });
});
