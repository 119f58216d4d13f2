import { caseRoles, type CaseRole } from '../../../shared/security/permissions';
import type { Db } from '../vault/database';

/**
 * What the permission check needs of a case: its lead and the user's role on
 * its team. Read synchronously on the vault's connection, by necessity while
 * the move lasts: services/access.ts checks permissions inside the synchronous
 * transactions of services not yet on the data layer (a bulk step checks each
 * case it touches inside its one transaction), where a Promise cannot be awaited.
 * Both reads are keyed lookups (the cases' primary key, case_members' key).
 */
export interface CaseAccessFacts {
  lead: string | null;
  /** The user's role on the case's team; null when not on it (or a role this version does not know, which grants nothing). */
  caseRole: CaseRole | null;
}

const knownRoles = new Set<string>(caseRoles);
const isCaseRole = (value: unknown): value is CaseRole => typeof value === 'string' && knownRoles.has(value);

/** The case's lead and `user`'s role on its team; null when there is no such case. */
export function caseAccessFacts(db: Db, caseId: string, user: string): CaseAccessFacts | null {
  const lead: unknown = db.prepare('SELECT assigned_to FROM cases WHERE id = ?').pluck().get(caseId);
  if (lead === undefined) return null;
  const caseRole: unknown = db.prepare('SELECT case_role FROM case_members WHERE case_id = ? AND user_name = ?').pluck().get(caseId, user);
  return { lead: typeof lead === 'string' ? lead : null, caseRole: isCaseRole(caseRole) ? caseRole : null };
}
