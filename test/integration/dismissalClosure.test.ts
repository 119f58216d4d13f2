import { afterEach, describe, expect, it } from 'vitest';
import { createCase, requireCase } from '../../electron/backend/services/cases';
import { recordAssessment, setDeterminations } from '../../electron/backend/services/casework';
import { closeCase, closureChecks, markFinalAssessment } from '../../electron/backend/services/closure';
import { addAction, signOffAction, transitionAction } from '../../electron/backend/services/mitigation';
import { recordReporting } from '../../electron/backend/services/reporting';
import { newActionSchema, transitionInputSchema } from '../../shared/contract/mitigation';
import { reportingRecordInputSchema } from '../../shared/contract/reporting';
import type { FactId, OptionId } from '../../shared/domain/ids';
import { createTestTeam, type TestTeam } from '../helpers/team';
import { gamblingIntake } from '../helpers/vault';

let team: TestTeam;
afterEach(() => team.cleanup());

const now = () => team.vault.now();

async function actionAt(caseId: string, optionId: OptionId, to: 'approved' | 'done' | 'discontinued'): Promise<string> {
  const { id } = await addAction(team.analyst, newActionSchema.parse({ caseId, optionId, ownerDiscipline: 'hr' }), now());
  const path = { approved: ['legal_review', 'approved'], done: ['legal_review', 'approved', 'in_progress', 'done'], discontinued: ['discontinued'] }[to];
  for (const step of path) {
    await transitionAction(team.analyst, transitionInputSchema.parse({ caseId, actionId: id, to: step, justification: 'Justified by the team after discussion with counsel.', ...(step === 'discontinued' ? { reason: 'No longer proportionate after review.' } : {}) }), now());
    if (step === 'legal_review') await signOffAction(team.legal, caseId, id, now());
  }
  return id;
}

/** A case ready to close in every other respect: final assessment, every obligation recorded. */
async function readyCase(facts: Partial<Record<FactId, 'yes' | 'no'>>): Promise<string> {
  const caseId = createCase(team.analyst.db, team.analyst.user, gamblingIntake(), now()).id;
  const { id } = await recordAssessment(
    team.analyst,
    { caseId, interest: '', motive: 'Debt', ability: 'Access', imminence: 'low', risk: 'moderate', rationale: 'Misconduct handled by HR.', leCriteria: [] },
    now(),
  );
  await markFinalAssessment(team.analyst, caseId, id, now());
  await setDeterminations(team.analyst, caseId, Object.entries(facts).map(([factId, value]) => ({ factId: factId as FactId, value, note: '' })), now());
  return caseId;
}

async function recordAll(caseId: string): Promise<void> {
  const record = requireCase(team.manager.db, caseId);
  const recorded = new Set(record.reportingRecords.map((r) => r.recipient));
  for (const o of record.obligations.filter((x) => !recorded.has(x.recipient))) {
    await recordReporting(team.analyst, reportingRecordInputSchema.parse({ caseId, recipient: o.recipient, outcome: 'not_required', justification: 'Handled entirely through the internal process.' }), now());
  }
}

const unmet = (caseId: string) => closureChecks(requireCase(team.manager.db, caseId), 'program_manager').filter((c) => !c.met).map((c) => c.id);

describe('closing a case after a dismissal (CISA, II > Avoid concluding that a case is closed)', () => {
  it('refuses to close a case whose termination is done, though nobody marked the person separated', async () => {
    team = await createTestTeam();
    const caseId = await readyCase({ subject_separated: 'no', criminal_conduct: 'yes', adverse_information: 'yes' });
    await actionAt(caseId, 'terminate_employment', 'done');
    await recordAll(caseId);
    expect(unmet(caseId)).toEqual(['post_separation_safety_plan']);
    await expect(closeCase(team.manager, caseId, 'Fired for misconduct.', now(), 'keep')).rejects.toThrow(/termination action is done.*post-separation safety plan must be approved/);
    expect(requireCase(team.manager.db, caseId).case.status).toBe('open');
    await actionAt(caseId, 'post_separation_safety_plan', 'approved');
    await recordAll(caseId);
    expect(unmet(caseId)).toEqual([]);
    await closeCase(team.manager, caseId, 'Terminated; safety plan in force.', now(), 'keep');
    expect(requireCase(team.manager.db, caseId).case.status).toBe('closed');
  });

  it('lets a case close when the termination was discontinued', async () => {
    team = await createTestTeam();
    const caseId = await readyCase({ subject_separated: 'no' });
    await actionAt(caseId, 'terminate_employment', 'discontinued');
    await recordAll(caseId);
    expect(unmet(caseId)).toEqual([]);
  });
});
