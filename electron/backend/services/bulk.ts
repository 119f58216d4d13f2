import { AppError } from '../../../shared/contract';
import { transitionInputSchema } from '../../../shared/contract/mitigation';
import { checkSeparation } from '../../../shared/security/separation';
import { storeOf } from '../data';
import { actionsToCheck, type ActionToCheck } from '../data/caseItems';
import type { VaultSession } from '../vault/session';
import { requireCaseOp } from './access';
import { signOffAction, transitionAction } from './mitigation';
import { dualRolePolicy, enforceSeparation } from './separation';

type Item = { caseId: string; actionId: string };

/**
 * Checks every selected action, one after the other in the selection's order:
 * it is on the case named with it, the user may edit that case, the case is not
 * closed, and then the step's own check (`also`). The first that fails is named
 * by its position and nothing is changed; the selection is read in one query.
 */
async function checkActions(session: VaultSession, items: readonly Item[], now: Date, also: (row: ActionToCheck, position: number) => void): Promise<void> {
  const found = await actionsToCheck(storeOf(session).q, items);
  items.forEach((item, position) => {
    const row = found.get(`${item.caseId}/${item.actionId}`);
    if (row === undefined) throw new AppError('not_found', `Selected action ${position + 1} is not an action of that case; nothing was changed.`);
    // Need-to-know holds item by item: a bulk call carries no single caseId for the dispatcher to check.
    requireCaseOp(session.db, session.user, 'case.edit', item.caseId, now);
    if (row.caseStatus === 'closed') throw new AppError('conflict', `Selected action ${position + 1} is on closed case ${row.caseNumber}; nothing was changed.`);
    also(row, position);
  });
}

/**
 * Sends several proposed actions to legal review at once. Every item is checked
 * first; then each goes through the ordinary transition (its own audit event),
 * all in one transaction, so either every action moves or none does.
 */
export async function bulkSendToLegal(session: VaultSession, items: readonly Item[], now: Date): Promise<{ sent: number }> {
  await checkActions(session, items, now, (row, i) => {
    if (row.status !== 'proposed') throw new AppError('conflict', `Selected action ${i + 1} (case ${row.caseNumber}) is not proposed; only proposed actions go to legal review. Nothing was changed.`);
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
  await checkActions(session, items, now, (row, i) => {
    if (row.status !== 'legal_review' || row.legalSignoffBy !== null) {
      throw new AppError('conflict', `Selected action ${i + 1} (case ${row.caseNumber}) is not waiting for legal sign-off. Nothing was changed.`);
    }
    if (!checkSeparation('proposer_not_signer', session.user.name, row.createdBy, policy).ok) enforceSeparation(session, 'proposer_not_signer', row.createdBy, row.caseId, now);
  });
  const signedOff = await storeOf(session).transaction(async (tx) => {
    const done: { caseId: string; actionId: string; signedOffAt: string }[] = [];
    for (const item of items) done.push({ ...item, signedOffAt: (await signOffAction(session, item.caseId, item.actionId, now, tx)).signedOffAt });
    return done;
  });
  return { signedOff };
}
