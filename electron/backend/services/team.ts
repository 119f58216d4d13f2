import { AppError } from '../../../shared/contract';
import type { CaseTeam, TeamChange } from '../../../shared/contract/team';
import type { Role } from '../../../shared/domain/ids';
import { caseRoleProblem, type Actor, type CaseRole } from '../../../shared/security/permissions';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import { requireCaseOp } from './access';
import { touchCase } from './cases';
import { newId } from './ids';

/**
 * A case's lead and team, and the changes to them. Each change needs the
 * program manager or the case's lead (permission map: 'team.change') and a
 * reason, kept in `case_team_changes` and named by id in the audit event.
 */

interface UserRow {
  name: string;
  role: Role;
  removed_at: string | null;
}

function caseRow(db: Db, caseId: string): { id: string; number: string; lead: string | null } {
  const row = db.prepare('SELECT id, number, assigned_to AS lead FROM cases WHERE id = ?').get(caseId) as { id: string; number: string; lead: string | null } | undefined;
  if (row === undefined) throw new AppError('not_found', 'There is no such case.');
  return row;
}

/** A case by its id or its number (OR-2026-0042), for the command line. */
export function findCaseId(db: Db, ref: string): string {
  const row = db.prepare('SELECT id FROM cases WHERE id = ? OR number = ?').get(ref, ref.toUpperCase()) as { id: string } | undefined;
  if (row === undefined) throw new AppError('not_found', `There is no case with the id or number ${ref} in this vault. Nothing was changed.`);
  return row.id;
}

/** A current user by name (any letter case), or a clear refusal naming the problem. */
function requireCurrentUser(db: Db, name: string): UserRow {
  const row = db.prepare('SELECT name, role, removed_at FROM users WHERE name = ? COLLATE NOCASE ORDER BY removed_at IS NULL DESC LIMIT 1').get(name.trim()) as UserRow | undefined;
  if (row === undefined) throw new AppError('not_found', `There is no user named ${name.trim()} in this vault. Nothing was changed.`);
  if (row.removed_at !== null) throw new AppError('conflict', `${row.name} was removed from this vault and cannot join a case team. Nothing was changed.`);
  return row;
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length === 0) throw new AppError('invalid_input', 'Give a reason for the change. Nothing was changed.');
  return trimmed;
}

export function getTeam(db: Db, caseId: string): CaseTeam {
  const c = caseRow(db, caseId);
  const roleOf = db.prepare('SELECT role, removed_at FROM users WHERE name = ?');
  const person = (name: string) => {
    const u = roleOf.get(name) as { role: Role; removed_at: string | null } | undefined;
    return { role: u?.role ?? null, removed: u === undefined || u.removed_at !== null };
  };
  const members = db.prepare('SELECT user_name, case_role FROM case_members WHERE case_id = ? ORDER BY user_name').all(caseId) as { user_name: string; case_role: CaseRole }[];
  const changes = db.prepare('SELECT id, at, actor, change, user_name, case_role, reason FROM case_team_changes WHERE case_id = ? ORDER BY at DESC, rowid DESC').all(caseId) as {
    id: string;
    at: string;
    actor: string;
    change: TeamChange['change'];
    user_name: string;
    case_role: TeamChange['caseRole'];
    reason: string;
  }[];
  return {
    caseId,
    lead: c.lead === null ? null : { name: c.lead, ...person(c.lead) },
    members: members.filter((m) => m.user_name !== c.lead).map((m) => ({ name: m.user_name, caseRole: m.case_role, ...person(m.user_name) })),
    changes: changes.map((r) => ({ id: r.id, at: r.at, actor: r.actor, change: r.change, user: r.user_name, caseRole: r.case_role, reason: r.reason })),
  };
}

function record(db: Db, actor: Actor, caseId: string, change: TeamChange['change'], user: string, caseRole: TeamChange['caseRole'], reason: string, now: Date): void {
  const id = newId();
  db.prepare('INSERT INTO case_team_changes (id, case_id, at, actor, change, user_name, case_role, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(id, caseId, now.toISOString(), actor.name, change, user, caseRole, reason);
  appendAudit(db, { actor: actor.name, action: `team.${change}`, caseId, detail: { user, caseRole, changeId: id } }, now);
  touchCase(db, caseId, now);
}

/** Makes `to` the case's lead; the previous lead stays on the team as a member. */
export function assignCase(db: Db, actor: Actor, caseId: string, to: string, reason: string, now: Date): CaseTeam {
  caseRow(db, caseId);
  requireCaseOp(db, actor, 'team.change', caseId, now);
  const why = requireReason(reason);
  const user = requireCurrentUser(db, to);
  const problem = caseRoleProblem(user.role, 'lead');
  if (problem !== null) throw new AppError('invalid_input', `${user.name} cannot lead a case: ${problem}. Nothing was changed.`);
  const { lead } = caseRow(db, caseId);
  if (lead === user.name) throw new AppError('conflict', `${user.name} already leads this case. Nothing was changed.`);
  db.transaction(() => {
    db.prepare('DELETE FROM case_members WHERE case_id = ? AND user_name = ?').run(caseId, user.name);
    if (lead !== null) {
      const previous = db.prepare('SELECT role, removed_at FROM users WHERE name = ?').get(lead) as { role: Role; removed_at: string | null } | undefined;
      if (previous !== undefined && previous.removed_at === null && previous.role !== 'program_manager') {
        db.prepare("INSERT OR IGNORE INTO case_members (case_id, user_name, case_role) VALUES (?, ?, 'member')").run(caseId, lead);
      }
    }
    db.prepare('UPDATE cases SET assigned_to = ? WHERE id = ?').run(user.name, caseId);
    record(db, actor, caseId, 'assign', user.name, 'lead', why, now);
  })();
  return getTeam(db, caseId);
}

/** Adds `name` to the team with a case role, or changes the case role of someone already on it. */
export function addMember(db: Db, actor: Actor, caseId: string, name: string, caseRole: CaseRole, reason: string, now: Date): CaseTeam {
  const { lead } = caseRow(db, caseId);
  requireCaseOp(db, actor, 'team.change', caseId, now);
  const why = requireReason(reason);
  const user = requireCurrentUser(db, name);
  const problem = caseRoleProblem(user.role, caseRole);
  if (problem !== null) throw new AppError('invalid_input', `${user.name} (${user.role.replace(/_/g, ' ')}) cannot join as ${caseRole}: ${problem}. Nothing was changed.`);
  if (lead === user.name) throw new AppError('conflict', `${user.name} leads this case; assign another lead first. Nothing was changed.`);
  const current = db.prepare('SELECT case_role FROM case_members WHERE case_id = ? AND user_name = ?').get(caseId, user.name) as { case_role: CaseRole } | undefined;
  if (current?.case_role === caseRole) throw new AppError('conflict', `${user.name} is already on this team as ${caseRole}. Nothing was changed.`);
  db.transaction(() => {
    db.prepare('INSERT INTO case_members (case_id, user_name, case_role) VALUES (?, ?, ?) ON CONFLICT (case_id, user_name) DO UPDATE SET case_role = excluded.case_role').run(caseId, user.name, caseRole);
    record(db, actor, caseId, 'add', user.name, caseRole, why, now);
  })();
  return getTeam(db, caseId);
}

/** Takes `name` off the team; the lead is replaced by assigning another, not removed. */
export function removeMember(db: Db, actor: Actor, caseId: string, name: string, reason: string, now: Date): CaseTeam {
  const { lead } = caseRow(db, caseId);
  requireCaseOp(db, actor, 'team.change', caseId, now);
  const why = requireReason(reason);
  const row = db.prepare('SELECT user_name FROM case_members WHERE case_id = ? AND user_name = ? COLLATE NOCASE').get(caseId, name.trim()) as { user_name: string } | undefined;
  if (lead !== null && lead.toLowerCase() === name.trim().toLowerCase()) throw new AppError('conflict', `${lead} leads this case: assign another lead first. Nothing was changed.`);
  if (row === undefined) {
    const known = db.prepare('SELECT 1 FROM users WHERE name = ? COLLATE NOCASE').get(name.trim());
    throw new AppError(known === undefined ? 'not_found' : 'conflict', known === undefined ? `There is no user named ${name.trim()} in this vault. Nothing was changed.` : `${name.trim()} is not on this case's team. Nothing was changed.`);
  }
  db.transaction(() => {
    db.prepare('DELETE FROM case_members WHERE case_id = ? AND user_name = ?').run(caseId, row.user_name);
    record(db, actor, caseId, 'remove', row.user_name, null, why, now);
  })();
  return getTeam(db, caseId);
}

/** The one-time notice of migration 0010 for the program manager: returned once, then gone (audited). */
export function takeMigrationNotice(db: Db, actor: Actor, now: Date): { cases: number; leads: number; memberships: number; added: number } | null {
  if (actor.role !== 'program_manager') return null;
  const row = db.prepare("SELECT value FROM settings WHERE key = 'team.migrationNotice'").get() as { value: string } | undefined;
  if (row === undefined) return null;
  const notice = JSON.parse(row.value) as { cases: number; leads: number; memberships: number; added: number };
  db.transaction(() => {
    db.prepare("DELETE FROM settings WHERE key = 'team.migrationNotice'").run();
    appendAudit(db, { actor: actor.name, action: 'team.migration_notice_shown', detail: notice }, now);
  })();
  return notice;
}
