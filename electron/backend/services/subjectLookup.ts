import type { SubjectMatch } from '../../../shared/contract/team';
import { storeOf } from '../data';
import { subjectCases, type SubjectCase } from '../data/subjectLookup';
import { appendHubAudit, hubUserRole, withHubSession, type HubLogin } from '../data/postgres/hub';
import { openHubStore } from '../data/postgres/store';
import { AppError } from '../../../shared/contract';
import { can, refusalMessage } from '../../../shared/security/permissions';
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
  const matches = nameKey(text).length > 0 ? matchSubject(await subjectCases(storeOf(session).q, caseViewer(actor)), text) : [];
  appendAudit(db, { actor: actor.name, action: 'subject.find', detail: { found: matches.length } }, now);
  return matches;
}

/** The cases among `candidates` whose subject is the person `text` names (by name or employee id), as the rules above say. */
export function matchSubject(candidates: readonly SubjectCase[], text: string): SubjectMatch[] {
  const name = nameKey(text);
  const employeeId = employeeIdKey(text);
  if (name.length === 0) return [];
  const matches: SubjectMatch[] = [];
  for (const c of candidates) {
    const onName = nameKey(c.realName) === name;
    const onId = c.employeeId !== '' && employeeIdKey(c.employeeId) === employeeId;
    if (onName || onId) matches.push({ caseId: c.caseId, number: c.number, subjectDisplayId: c.subjectDisplayId, title: c.title, status: c.status, matchedOn: onName ? 'name' : 'employee_id' });
  }
  return matches;
}

/**
 * The same lookup on a hub: the role comes from the server (the group role the
 * login is in), the permission map decides as on a vault, and the server's
 * row-level security decides which cases are candidates. A login with no
 * Offramp role, or a role that may not look subjects up, is refused on record.
 */
export async function findSubjectOnHub(login: HubLogin, text: string): Promise<SubjectMatch[]> {
  return withHubSession(login, async (client) => {
    const role = await hubUserRole(client);
    if (role === null) throw new AppError('forbidden', `The hub login ${login.user} has no Offramp role. A program manager gives it one with "offramp hub add-user". Nothing was read.`);
    if (!can({ name: login.user, role }, 'subject.find', role === 'program_manager' ? 'program_manager' : 'none')) {
      await appendHubAudit(client, { action: 'access.denied', caseId: null, detail: { operation: 'subject.find', relation: 'none' } });
      throw new AppError('forbidden', refusalMessage('subject.find', 'none'));
    }
    const store = await openHubStore(login);
    let matches: SubjectMatch[];
    try {
      matches = matchSubject(await subjectCases(store.q, null), text);
    } finally {
      await store.close();
    }
    await appendHubAudit(client, { action: 'subject.find', caseId: null, detail: { found: matches.length } });
    return matches;
  });
}
