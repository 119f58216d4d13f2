import { AppError } from '../../../shared/contract';
import { transitionInputSchema } from '../../../shared/contract/mitigation';
import { checkSeparation } from '../../../shared/security/separation';
import { storeOf } from '../data';
import type { VaultSession } from '../vault/session';
import { requireCaseOp } from './access';
import { signOffAction, transitionAction } from './mitigation';
import { dualRolePolicy, enforceSeparation } from './separation';

type Item = { caseId: string; actionId: string };

function actionRow(session: VaultSession, item: Item, position: number, now: Date): { status: string; created_by: string; legal_signoff_by: string | null; case_status: string; number: string } {
  const row = session.db
    .prepare('SELECT x.status, x.created_by, x.legal_signoff_by, c.status AS case_status, c.number FROM actions x JOIN cases c ON c.id = x.case_id WHERE x.id = ? AND x.case_id = ?')
    .get(item.actionId, item.caseId) as { status: string; created_by: string; legal_signoff_by: string | null; case_status: string; number: string } | undefined;
  if (row === undefined) throw new AppError('not_found', `Selected action ${position + 1} is not an action of that case; nothing was changed.`);
  // Need-to-know holds item by item: a bulk call carries no single caseId for the dispatcher to check.
  requireCaseOp(session.db, session.user, 'case.edit', item.caseId, now);
  if (row.case_status === 'closed') throw new AppError('conflict', `Selected action ${position + 1} is on closed case ${row.number}; nothing was changed.`);
  return row;
}

/**
 * Sends several proposed actions to legal review at once. Every item is checked
 * first; then each goes through the ordinary transition (its own audit event),
 * all in one transaction, so either every action moves or none does.
 */
export async function bulkSendToLegal(session: VaultSession, items: readonly Item[], now: Date): Promise<{ sent: number }> {
  items.forEach((item, i) => {
    const row = actionRow(session, item, i, now);
    if (row.status !== 'proposed') throw new AppError('conflict', `Selected action ${i + 1} (case ${row.number}) is not proposed; only proposed actions go to legal review. Nothing was changed.`);
  });
  await storeOf(session).transaction(async (tx) => {
    for (const item of items) await transitionAction(session, transitionInputSchema.parse({ ...item, to: 'legal_review' }), now, tx);
  });
  return { sent: items.length };
}

/**
 * Legal signs off several actions at once. Every item is checked first — legal
 * review, not yet signed, and not proposed by the signer (separation of duties,
 * refused and audited as for one) — then each sign-off is recorded on its own,
 * in one transaction: all or none.
 */
export async function bulkSignOff(session: VaultSession, items: readonly Item[], now: Date): Promise<{ signedOff: { caseId: string; actionId: string; signedOffAt: string }[] }> {
  if (session.user.role !== 'legal') throw new AppError('forbidden', 'Only a user with the legal role can sign off actions.');
  const policy = dualRolePolicy(session.db);
  items.forEach((item, i) => {
    const row = actionRow(session, item, i, now);
    if (row.status !== 'legal_review' || row.legal_signoff_by !== null) {
      throw new AppError('conflict', `Selected action ${i + 1} (case ${row.number}) is not waiting for legal sign-off. Nothing was changed.`);
    }
    if (!checkSeparation('proposer_not_signer', session.user.name, row.created_by, policy).ok) enforceSeparation(session, 'proposer_not_signer', row.created_by, item.caseId, now);
  });
  const signedOff = await storeOf(session).transaction(async (tx) => {
    const done: { caseId: string; actionId: string; signedOffAt: string }[] = [];
    for (const item of items) done.push({ ...item, signedOffAt: (await signOffAction(session, item.caseId, item.actionId, now, tx)).signedOffAt });
    return done;
  });
  return { signedOff };
}
