import type { CaseOpen } from '../../../shared/contract/cases';
import type { VaultSession } from '../vault/session';
import { presentCase, requireCase } from './cases';
import { storeOf } from '../data';
import { evaluateStoredCase } from './casework';

/**
 * Opening a case: the case as its screen shows it and the rules engine on the
 * same record, in one call (the screen used to ask twice and read the case twice).
 */
export async function openCase(session: VaultSession, caseId: string, now: Date, options: { refresh?: boolean } = {}): Promise<CaseOpen> {
  const record = requireCase(session.db, caseId);
  const evaluation = await evaluateStoredCase(storeOf(session).q, record);
  return { ...presentCase(session, record, now, options), evaluation };
}
