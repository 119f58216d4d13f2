import type { SubjectMatch } from '../../../shared/contract/team';
import { storeOf } from '../data';
import { subjectCases } from '../data/subjectLookup';
import { appendAudit } from '../vault/audit';
import type { VaultSession } from '../vault/session';
import { caseViewer, requireVaultOp } from './access';

/**
 * Subject lookup: the one place where a real name or an employee id finds a
 * case (the full-text index never holds them). Matching is exact after
 * normalization, never by prefix or fragment, so the lookup cannot be walked
 * letter by letter to list the people the hub is looking at; the caller must
 * already know the person. Names compare as the same words in any order, any
 * letter case, with or without accents and punctuation ("Marlow, Ted" = "ted
 * marlow"); employee ids compare by their letters and digits only ("E-10442" =
 * "e10442"). Only cases the caller may see are returned, and every lookup is
 * audited as `subject.find` with the number of cases found — never what was typed.
 */

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

export function nameKey(text: string): string {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).sort().join(' ');
}

export function employeeIdKey(text: string): string {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).join('');
}

export async function findSubject(session: Pick<VaultSession, 'db' | 'user'>, text: string, now: Date): Promise<SubjectMatch[]> {
  const { db, user: actor } = session;
  requireVaultOp(db, actor, 'subject.find', now);
  const name = nameKey(text);
  const employeeId = employeeIdKey(text);
  const candidates = name.length > 0 ? await subjectCases(storeOf(session).q, caseViewer(actor)) : [];
  const matches: SubjectMatch[] = [];
  for (const c of candidates) {
    const onName = nameKey(c.realName) === name;
    const onId = c.employeeId !== '' && employeeIdKey(c.employeeId) === employeeId;
    if (onName || onId) matches.push({ caseId: c.caseId, number: c.number, subjectDisplayId: c.subjectDisplayId, title: c.title, status: c.status, matchedOn: onName ? 'name' : 'employee_id' });
  }
  appendAudit(db, { actor: actor.name, action: 'subject.find', detail: { found: matches.length } }, now);
  return matches;
}
