import type { SubjectMatch } from '../../../shared/contract/team';
import type { Actor } from '../../../shared/security/permissions';
import type { CaseStatus } from '../../../shared/model/caseRecord';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import { requireVaultOp, visibleCasesFilter } from './access';

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

export function findSubject(db: Db, actor: Actor, text: string, now: Date): SubjectMatch[] {
  requireVaultOp(db, actor, 'subject.find', now);
  const name = nameKey(text);
  const employeeId = employeeIdKey(text);
  const visible = visibleCasesFilter(actor);
  const rows = db
    .prepare(
      `SELECT c.id, c.number, c.title, c.status, s.display_id, s.real_name, s.employee_id
       FROM cases c JOIN subjects s ON s.id = c.subject_id
       ${visible === null ? '' : `WHERE ${visible.sql}`}
       ORDER BY c.number`,
    )
    .all(visible?.params ?? {}) as { id: string; number: string; title: string; status: CaseStatus; display_id: string; real_name: string; employee_id: string }[];
  const matches: SubjectMatch[] = [];
  if (name.length > 0) {
    for (const r of rows) {
      const onName = nameKey(r.real_name) === name;
      const onId = r.employee_id !== '' && employeeIdKey(r.employee_id) === employeeId;
      if (onName || onId) matches.push({ caseId: r.id, number: r.number, subjectDisplayId: r.display_id, title: r.title, status: r.status, matchedOn: onName ? 'name' : 'employee_id' });
    }
  }
  appendAudit(db, { actor: actor.name, action: 'subject.find', detail: { found: matches.length } }, now);
  return matches;
}
