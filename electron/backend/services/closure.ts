import type { z } from 'zod';
import { AppError } from '../../../shared/contract';
import type { closureCheckSchema } from '../../../shared/contract/closure';
import { activeActionStatuses, finalActionStatuses } from '../../../shared/model/actionStatus';
import type { CaseRecord } from '../../../shared/model/caseRecord';
import { dismissalReason, type ReopenReason } from '../../../shared/model/closure';
import { recipientNames } from '../../../shared/model/timeline';
import { clearFinalAssessments, markAssessmentFinal, moveAction } from '../data/caseItems';
import { closeCaseRow, reopenCaseRow } from '../data/cases';
import type { VaultSession } from '../vault/session';
import { requireCase } from './cases';
import { changeCase, requireRecord } from './casework';
import { keepDecisionReason } from './decisions';
import { enforceSeparation } from './separation';

type ClosureCheck = z.infer<typeof closureCheckSchema>;

const dismissalText = {
  separated: 'The person has been separated',
  termination_done: 'The person’s employment has been terminated (the termination action is done)',
  termination_planned: 'The plan terminates the person’s employment',
} as const;

/**
 * What closing a case needs: a final assessment (the latest one, marked final),
 * every reporting obligation recorded, a post-separation safety plan in force when
 * the person has been separated — the case is not closed just because the person
 * is gone — and a program manager to approve.
 */
export function closureChecks(record: CaseRecord, role: string): ClosureCheck[] {
  const checks: ClosureCheck[] = [];
  checks.push({ id: 'not_closed', met: record.case.status !== 'closed', message: record.case.status === 'closed' ? 'The case is already closed.' : 'The case is open.' });
  const latest = record.assessments.at(-1);
  checks.push({
    id: 'final_assessment',
    met: latest?.isFinal === true,
    message: latest === undefined ? 'Record an assessment and mark it final.' : latest.isFinal ? 'The latest assessment is final.' : 'Mark the latest assessment final (or record a new one and mark it).',
  });
  const recorded = new Set(record.reportingRecords.map((r) => r.recipient));
  const unmet = record.obligations.filter((o) => !recorded.has(o.recipient)).map((o) => recipientNames[o.recipient]);
  checks.push({
    id: 'obligations_recorded',
    met: record.obligations.length > 0 && unmet.length === 0,
    message:
      record.obligations.length === 0
        ? 'Answer the determination questions: reporting obligations are computed from them.'
        : unmet.length > 0
          ? `Record each reporting obligation as reported or not required: ${unmet.join(', ')}.`
          : 'Every reporting obligation is recorded.',
  });
  const dismissal = dismissalReason(record);
  if (dismissal !== null) {
    const plan = record.actions.some((a) => a.optionId === 'post_separation_safety_plan' && activeActionStatuses.includes(a.status));
    checks.push({
      id: 'post_separation_safety_plan',
      met: plan,
      message: plan
        ? 'A post-separation safety plan is approved.'
        : `${dismissalText[dismissal]}: a post-separation safety plan must be approved, in progress or done before the case can close.`,
    });
  }
  const manager = role === 'program_manager';
  checks.push({ id: 'program_manager', met: manager, message: manager ? 'You approve as program manager.' : 'A program manager must approve closing the case.' });
  return checks;
}

export async function markFinalAssessment(session: VaultSession, caseId: string, assessmentId: string, now: Date): Promise<void> {
  await changeCase(session, caseId, now, { action: 'assessment.final', detail: { assessmentId } }, async (tx) => {
    const record = await requireRecord(tx, caseId);
    if (!record.assessments.some((a) => a.id === assessmentId)) throw new AppError('not_found', 'There is no such assessment on this case.');
    if (record.assessments.at(-1)?.id !== assessmentId) throw new AppError('conflict', 'Only the latest assessment can be the final one.');
    await markAssessmentFinal(tx, caseId, assessmentId);
  });
}

/** What closing a case does with actions still open: discontinue them, or keep them on the closed record as they are. */
export type OpenActionsChoice = 'discontinue' | 'keep';

/**
 * Closes a case: a program manager approves by closing, and only when every
 * closure rule holds. The case's own lead cannot approve alone (separation of
 * duties) unless the hub allows dual roles. Open actions are discontinued or kept
 * as the closer chose (a choice is required when there are any), the review
 * schedule is cleared, and the reason is kept with the case.
 */
export async function closeCase(session: VaultSession, caseId: string, reason: string, now: Date, openActions?: OpenActionsChoice): Promise<string> {
  if (session.user.role !== 'program_manager') throw new AppError('forbidden', 'Only a program manager can approve closing a case.');
  const stamp = now.toISOString();
  const before = requireCase(session.db, caseId);
  const waived = before.case.status === 'closed' ? false : enforceSeparation(session, 'lead_not_sole_closer', before.case.assignedTo, caseId, now);
  const detail: Record<string, string | number | boolean> = { approvedBy: session.user.name };
  if (waived) detail['dualRoleWaived'] = true;
  await changeCase(session, caseId, now, { action: 'case.close', detail }, async (tx) => {
    const record = await requireRecord(tx, caseId);
    const unmet = closureChecks(record, session.user.role).filter((c) => !c.met);
    if (unmet.length > 0) throw new AppError('conflict', `The case cannot be closed yet. ${unmet.map((c) => c.message).join(' ')}`);
    const open = record.actions.filter((a) => !finalActionStatuses.includes(a.status));
    if (open.length > 0 && openActions === undefined) {
      throw new AppError('invalid_input', `The case has ${open.length} open action${open.length === 1 ? '' : 's'}: choose whether to discontinue them or keep them as they are on the closed case.`);
    }
    detail['decisionId'] = await keepDecisionReason(tx, { caseId, kind: 'case.close', targetId: null, reason, actor: session.user.name }, now);
    if (open.length > 0 && openActions === 'discontinue') {
      for (const action of open) {
        await moveAction(tx, caseId, action.id, action.status, 'discontinued', action.warningJustification, stamp);
        await keepDecisionReason(tx, { caseId, kind: 'action.discontinue', targetId: action.id, reason: `Discontinued when the case was closed: ${reason}`, actor: session.user.name }, now);
      }
      detail['actionsDiscontinued'] = open.length;
    } else if (open.length > 0) {
      detail['actionsKept'] = open.length;
    }
    await closeCaseRow(tx, caseId, stamp, reason);
  });
  return stamp;
}

/**
 * Reopens a closed case. Its final assessment no longer stands: closing again
 * needs a new one. The written reason is kept; the review schedule starts again
 * (changeCase stores it).
 */
export async function reopenCase(session: VaultSession, caseId: string, reason: ReopenReason, note: string, now: Date): Promise<void> {
  if (session.user.role !== 'program_manager') throw new AppError('forbidden', 'Only a program manager can reopen a case.');
  const detail: Record<string, string> = { reason };
  await changeCase(session, caseId, now, { action: 'case.reopen', detail }, async (tx) => {
    const record = await requireRecord(tx, caseId);
    if (record.case.status !== 'closed') throw new AppError('conflict', 'The case is not closed.');
    detail['decisionId'] = await keepDecisionReason(tx, { caseId, kind: 'case.reopen', targetId: null, reason: note, actor: session.user.name }, now);
    await reopenCaseRow(tx, caseId);
    await clearFinalAssessments(tx, caseId);
  });
}
