import { AppError } from '../../../shared/contract';
import type { ReportingRecordInput } from '../../../shared/contract/reporting';
import { recipientNames } from '../../../shared/model/timeline';
import type { VaultSession } from '../vault/session';
import { requireCase } from './cases';
import { changeCase } from './casework';
import { newId } from './ids';

/**
 * Records what was done about one reporting obligation. An obligation is met once
 * it has a record (reported, or not required with a justification); home.summary
 * and closure use that same definition. One record per recipient: a second one
 * would leave two answers to the same question.
 */
export function recordReporting(session: VaultSession, input: ReportingRecordInput, now: Date): string {
  const id = newId();
  const stamp = now.toISOString();
  if (input.outcome === 'reported' && input.reportedOn > stamp.slice(0, 10)) throw new AppError('invalid_input', 'The date reported cannot be in the future.');
  changeCase(session, input.caseId, now, { action: 'reporting.record', detail: { recordId: id, recipient: input.recipient, outcome: input.outcome } }, (db) => {
    const record = requireCase(db, input.caseId);
    const name = recipientNames[input.recipient];
    if (!record.obligations.some((o) => o.recipient === input.recipient)) {
      throw new AppError('conflict', `Reporting to ${name} is not an obligation of this case.`);
    }
    if (record.reportingRecords.some((r) => r.recipient === input.recipient)) {
      throw new AppError('conflict', `The obligation to ${name} is already recorded.`);
    }
    const reported = input.outcome === 'reported';
    db.prepare(
      `INSERT INTO reporting_records (id, case_id, recipient, outcome, reported_on, method, reference, reported_by, justification, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      input.caseId,
      input.recipient,
      input.outcome,
      reported ? input.reportedOn : null,
      reported ? input.method : '',
      reported ? input.reference : '',
      reported ? input.reportedBy : '',
      reported ? '' : input.justification,
      session.user.name,
      stamp,
    );
  });
  return id;
}
