import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import type { CaseTeam, TeamChange } from '../../../shared/contract/team';
import { caseRoleProblem, type Actor, type CaseRole } from '../../../shared/security/permissions';
import { storeOf, type Queries } from '../data';
import { findCaseLead, setCaseLead } from '../data/cases';
import { deleteCaseMember, findCaseMember, insertCaseMemberIfAbsent, insertTeamChange, listCaseMembers, listTeamChanges, upsertCaseMember } from '../data/caseTeam';
import { findUser, findUserAnyCase, type VaultUser } from '../data/users';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { deleteSetting, getSetting } from '../vault/settings';
import { requireCaseOp } from './access';
import { touchCase } from './cases';
import { newId } from './ids';

type Session = Pick<VaultSession, 'db' | 'user'>;

/**
 * A case's lead and team, and the changes to them. Each change needs the
 * program manager or the case's lead (permission map: 'team.change') and a
 * reason, kept in `case_team_changes` and named by id in the audit event.
 */

async function caseRow(q: Queries, caseId: string): Promise<{ id: string; number: string; lead: string | null }> {
  const row = await findCaseLead(q, caseId);
  if (row === null) throw new AppError('not_found', 'There is no such case.');
  return row;
}

/** A current user by name (any letter case), or a clear refusal naming the problem. */
async function requireCurrentUser(q: Queries, name: string): Promise<VaultUser> {
  const user = await findUserAnyCase(q, name.trim());
  if (user === null) throw new AppError('not_found', `There is no user named ${name.trim()} in this vault. Nothing was changed.`);
  if (user.removedAt !== null) throw new AppError('conflict', `${user.name} was removed from this vault and cannot join a case team. Nothing was changed.`);
  return user;
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw new AppError('invalid_input', 'Give a reason for the change. Nothing was changed.');
  return trimmed;
}

export async function getTeam(session: Pick<VaultSession, 'db'>, caseId: string): Promise<CaseTeam> {
  const { q } = storeOf(session);
  const c = await caseRow(q, caseId);
  const person = async (name: string) => {
    const u = await findUser(q, name);
    return { role: u?.role ?? null, removed: u === null || u.removedAt !== null };
  };
  const members = (await listCaseMembers(q, caseId)).filter((m) => m.userName !== c.lead);
  const changes = await listTeamChanges(q, caseId);
  return {
    caseId,
    lead: c.lead === null ? null : { name: c.lead, ...(await person(c.lead)) },
    members: await Promise.all(members.map(async (m) => ({ name: m.userName, caseRole: m.caseRole, ...(await person(m.userName)) }))),
    changes: changes.map(({ caseId: _caseId, ...change }) => change),
  };
}

/** Inside the change's transaction: the change with its reason, its audit event, and the case's activity time. */
async function record(tx: Queries, session: Session, caseId: string, change: TeamChange['change'], user: string, caseRole: TeamChange['caseRole'], reason: string, now: Date): Promise<void> {
  const { db, user: actor } = session;
  const id = newId();
  await insertTeamChange(tx, { id, caseId, at: now.toISOString(), actor: actor.name, change, user, caseRole, reason });
  appendAudit(db, { actor: actor.name, action: `team.${change}`, caseId, detail: { user, caseRole, changeId: id } }, now);
  touchCase(db, caseId, now);
}

/** Makes `to` the case's lead; the previous lead stays on the team as a member. */
export async function assignCase(session: Session, caseId: string, to: string, reason: string, now: Date): Promise<CaseTeam> {
  const { db, user: actor } = session;
  const store = storeOf(session);
  await caseRow(store.q, caseId);
  requireCaseOp(db, actor, 'team.change', caseId, now);
  const why = requireReason(reason);
  const user = await requireCurrentUser(store.q, to);
  const problem = caseRoleProblem(user.role, 'lead');
  if (problem !== null) throw new AppError('invalid_input', `${user.name} cannot lead a case: ${problem}. Nothing was changed.`);
  const { lead } = await caseRow(store.q, caseId);
  if (lead === user.name) throw new AppError('conflict', `${user.name} already leads this case. Nothing was changed.`);
  await store.transaction(async (tx) => {
    await deleteCaseMember(tx, caseId, user.name);
    if (lead !== null) {
      const previous = await findUser(tx, lead);
      if (previous !== null && previous.removedAt === null && previous.role !== 'program_manager') await insertCaseMemberIfAbsent(tx, { caseId, userName: lead, caseRole: 'member' });
    }
    await setCaseLead(tx, caseId, user.name);
    await record(tx, session, caseId, 'assign', user.name, 'lead', why, now);
  });
  return getTeam(session, caseId);
}

/** Adds `name` to the team with a case role, or changes the case role of someone already on it. */
export async function addMember(session: Session, caseId: string, name: string, caseRole: CaseRole, reason: string, now: Date): Promise<CaseTeam> {
  const { db, user: actor } = session;
  const store = storeOf(session);
  const { lead } = await caseRow(store.q, caseId);
  requireCaseOp(db, actor, 'team.change', caseId, now);
  const why = requireReason(reason);
  const user = await requireCurrentUser(store.q, name);
  const problem = caseRoleProblem(user.role, caseRole);
  if (problem !== null) throw new AppError('invalid_input', `${user.name} (${user.role.replace(/_/g, ' ')}) cannot join as ${caseRole}: ${problem}. Nothing was changed.`);
  if (lead === user.name) throw new AppError('conflict', `${user.name} leads this case; assign another lead first. Nothing was changed.`);
  const current = await findCaseMember(store.q, caseId, user.name);
  if (current?.caseRole === caseRole) throw new AppError('conflict', `${user.name} is already on this team as ${caseRole}. Nothing was changed.`);
  await store.transaction(async (tx) => {
    await upsertCaseMember(tx, { caseId, userName: user.name, caseRole });
    await record(tx, session, caseId, 'add', user.name, caseRole, why, now);
  });
  return getTeam(session, caseId);
}

/** Takes `name` off the team; the lead is replaced by assigning another, not removed. */
export async function removeMember(session: Session, caseId: string, name: string, reason: string, now: Date): Promise<CaseTeam> {
  const { db, user: actor } = session;
  const store = storeOf(session);
  const { lead } = await caseRow(store.q, caseId);
  requireCaseOp(db, actor, 'team.change', caseId, now);
  const why = requireReason(reason);
  const member = await findCaseMember(store.q, caseId, name.trim(), { anyCase: true });
  if (lead !== null && lead.toLowerCase() === name.trim().toLowerCase()) throw new AppError('conflict', `${lead} leads this case: assign another lead first. Nothing was changed.`);
  if (member === null) {
    const known = (await findUserAnyCase(store.q, name.trim())) !== null;
    throw new AppError(known ? 'conflict' : 'not_found', known ? `${name.trim()} is not on this case's team. Nothing was changed.` : `There is no user named ${name.trim()} in this vault. Nothing was changed.`);
  }
  await store.transaction(async (tx) => {
    await deleteCaseMember(tx, caseId, member.userName);
    await record(tx, session, caseId, 'remove', member.userName, null, why, now);
  });
  return getTeam(session, caseId);
}

/** The one-time notice of migration 0010 for the program manager: returned once, then gone (audited). */
export function takeMigrationNotice(db: Db, actor: Actor, now: Date): { cases: number; leads: number; memberships: number; added: number } | null {
  if (actor.role !== 'program_manager') return null;
  const value = getSetting(db, MIGRATION_NOTICE);
  if (value === undefined) return null;
  const notice = migrationNotice(value);
  db.transaction(() => {
    deleteSetting(db, MIGRATION_NOTICE);
    appendAudit(db, { actor: actor.name, action: 'team.migration_notice_shown', detail: notice }, now);
  })();
  return notice;
}

const MIGRATION_NOTICE = 'team.migrationNotice';

const count = z.number().int().nonnegative();
const migrationNoticeSchema = z.object({ cases: count, leads: count, memberships: count, added: count });

/** The notice as migration 0010 stored it (JSON of four counts), or an integrity error. */
function migrationNotice(text: string): z.infer<typeof migrationNoticeSchema> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('integrity', 'The case-team migration notice in the vault is not readable JSON.');
  }
  const notice = migrationNoticeSchema.safeParse(parsed);
  if (!notice.success) throw new AppError('integrity', 'The case-team migration notice in the vault does not hold the counts it should.');
  return notice.data;
}
