import type { z } from 'zod';
import { AppError } from '../../../shared/contract';
import type { closureCheckSchema } from '../../../shared/contract/closure';
import { activeActionStatuses } from '../../../shared/model/actionStatus';
import type { CaseRecord } from '../../../shared/model/caseRecord';
import { dismissalReason, type ReopenReason } from '../../../shared/model/closure';
import { recipientNames } from '../../../shared/model/timeline';
import type { VaultSession } from '../vault/session';
import { requireCase } from './cases';
import { changeCase } from './casework';

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

export function markFinalAssessment(session: VaultSession, caseId: string, assessmentId: string, now: Date): void {
  changeCase(session, caseId, now, { action: 'assessment.final', detail: { assessmentId } }, (db) => {
    const record = requireCase(db, caseId);
    if (!record.assessments.some((a) => a.id === assessmentId)) throw new AppError('not_found', 'There is no such assessment on this case.');
    if (record.assessments.at(-1)?.id !== assessmentId) throw new AppError('conflict', 'Only the latest assessment can be the final one.');
    db.prepare('UPDATE assessments SET is_final = (id = ?) WHERE case_id = ?').run(assessmentId, caseId);
  });
}

/** Closes a case: a program manager approves by closing, and only when every closure rule holds. */
export function closeCase(session: VaultSession, caseId: string, reason: string, now: Date): string {
  if (session.user.role !== 'program_manager') throw new AppError('forbidden', 'Only a program manager can approve closing a case.');
  const stamp = now.toISOString();
  changeCase(session, caseId, now, { action: 'case.close', detail: { approvedBy: session.user.name } }, (db) => {
    const unmet = closureChecks(requireCase(db, caseId), session.user.role).filter((c) => !c.met);
    if (unmet.length > 0) throw new AppError('conflict', `The case cannot be closed yet. ${unmet.map((c) => c.message).join(' ')}`);
    db.prepare("UPDATE cases SET status = 'closed', closed_at = ?, closure_reason = ? WHERE id = ?").run(stamp, reason, caseId);
  });
  return stamp;
}

/** Reopens a closed case. Its final assessment no longer stands: closing again needs a new one. */
export function reopenCase(session: VaultSession, caseId: string, reason: ReopenReason, now: Date): void {
  if (session.user.role !== 'program_manager') throw new AppError('forbidden', 'Only a program manager can reopen a case.');
  changeCase(session, caseId, now, { action: 'case.reopen', detail: { reason } }, (db) => {
    const record = requireCase(db, caseId);
    if (record.case.status !== 'closed') throw new AppError('conflict', 'The case is not closed.');
    db.prepare("UPDATE cases SET status = 'open', closed_at = NULL, closure_reason = NULL WHERE id = ?").run(caseId);
    db.prepare('UPDATE assessments SET is_final = 0 WHERE case_id = ?').run(caseId);
  });
}
