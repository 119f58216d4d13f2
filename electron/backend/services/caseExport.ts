import type { CaseRecord } from '../../../shared/model/caseRecord';
import { appendAudit } from '../vault/audit';
import type { VaultSession } from '../vault/session';
import { requireVaultOp } from './access';
import { exportCases, findCaseId } from './cases';

/**
 * Whole case records for `offramp case export` (program managers): one case by
 * its id or number, or every case. Each export is audited before anything is
 * written, so an export cut short still counts.
 */
export function exportCasesAudited(session: VaultSession, ref: string | undefined, now: Date): CaseRecord[] {
  const { db } = session;
  requireVaultOp(db, session.user, 'case.export', now);
  const found = exportCases(db, ref === undefined ? undefined : [findCaseId(db, ref)]);
  db.transaction(() => {
    for (const r of found) appendAudit(db, { actor: session.user.name, action: 'case.export', caseId: r.case.id, detail: { number: r.case.number, format: 'jsonl' } }, now);
  })();
  return found;
}
