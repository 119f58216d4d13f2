import { AppError } from '../../../shared/contract';
import type { ReportingRecordInput } from '../../../shared/contract/reporting';
import { recipientNames } from '../../../shared/model/timeline';
import { insertReportingRecord } from '../data/caseItems';
import type { VaultSession } from '../vault/session';
import { changeCase, requireRecord } from './casework';
import { newId } from './ids';

/**
 * Records what was done about one reporting obligation. An obligation is met once
 * it has a record (reported, or not required with a justification); home.summary
 * and closure use that same definition. One record per recipient: a second one
 * would leave two answers to the same question.
 */
export async function recordReporting(session: VaultSession, input: ReportingRecordInput, now: Date): Promise<string> {
  const id = newId();
  const stamp = now.toISOString();
  if (input.outcome === 'reported' && input.reportedOn > stamp.slice(0, 10)) throw new AppError('invalid_input', 'The date reported cannot be in the future.');
  await changeCase(session, input.caseId, now, { action: 'reporting.record', detail: { recordId: id, recipient: input.recipient, outcome: input.outcome } }, async (tx) => {
    const record = await requireRecord(tx, input.caseId);
    const name = recipientNames[input.recipient];
    if (!record.obligations.some((o) => o.recipient === input.recipient)) {
      throw new AppError('conflict', `Reporting to ${name} is not an obligation of this case.`);
    }
    if (record.reportingRecords.some((r) => r.recipient === input.recipient)) {
      throw new AppError('conflict', `The obligation to ${name} is already recorded.`);
    }
    const reported = input.outcome === 'reported';
    await insertReportingRecord(tx, input.caseId, {
      id,
      recipient: input.recipient,
      outcome: input.outcome,
      reportedOn: reported ? input.reportedOn : null,
      method: reported ? input.method : '',
      reference: reported ? input.reference : '',
      reportedBy: reported ? input.reportedBy : '',
      justification: reported ? '' : input.justification,
      recordedBy: session.user.name,
      recordedAt: stamp,
    });
  });
  return id;
}
