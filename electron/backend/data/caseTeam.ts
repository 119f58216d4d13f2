import { sql, type Selectable } from 'kysely';
import { AppError } from '../../../shared/contract';
import { caseRoleSchema, teamChangeSchema, type TeamChange } from '../../../shared/contract/team';
import type { CaseRole } from '../../../shared/security/permissions';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * A case's team (table case_members: who is on it with which case role; the
 * lead is the case's assigned_to) and the changes to it with their reasons
 * (table case_team_changes, migration 0010).
 */
export type CaseMemberRow = Selectable<Database['case_members']>;
export type TeamChangeRow = Selectable<Database['case_team_changes']>;

export interface CaseMember {
  caseId: string;
  userName: string;
  caseRole: CaseRole;
}

export interface TeamChangeRecord extends TeamChange {
  caseId: string;
}

/** Stored values outside the table's checks are an integrity error, never a guess. */
export function rowToCaseMember(r: CaseMemberRow): CaseMember {
  const caseRole = caseRoleSchema.safeParse(r.case_role);
  if (!caseRole.success) throw new AppError('integrity', 'A case team in the vault holds an unknown case role.');
  return { caseId: r.case_id, userName: r.user_name, caseRole: caseRole.data };
}

export function caseMemberToRow(x: CaseMember): CaseMemberRow {
  return { case_id: x.caseId, user_name: x.userName, case_role: x.caseRole };
}

export function rowToTeamChange(r: TeamChangeRow): TeamChangeRecord {
  const change = teamChangeSchema.safeParse({ id: r.id, at: r.at, actor: r.actor, change: r.change, user: r.user_name, caseRole: r.case_role, reason: r.reason });
  if (!change.success) throw new AppError('integrity', `Team change ${r.id} in the vault is not a change Offramp knows.`);
  return { caseId: r.case_id, ...change.data };
}

export function teamChangeToRow(x: TeamChangeRecord): TeamChangeRow {
  return { id: x.id, case_id: x.caseId, at: x.at, actor: x.actor, change: x.change, user_name: x.user, case_role: x.caseRole, reason: x.reason };
}

/** The case's members by name (the lead among them only if also stored as a member). */
export async function listCaseMembers(q: Queries, caseId: string): Promise<CaseMember[]> {
  const rows = await q.selectFrom('case_members').selectAll().where('case_id', '=', caseId).orderBy('user_name').execute();
  return rows.map(rowToCaseMember);
}

/** The member of that name, in any (ASCII) letter case when `anyCase`, or null. */
export async function findCaseMember(q: Queries, caseId: string, userName: string, options: { anyCase?: boolean } = {}): Promise<CaseMember | null> {
  const row = await q
    .selectFrom('case_members')
    .selectAll()
    .where('case_id', '=', caseId)
    .where((eb) => (options.anyCase === true ? eb(eb.fn('lower', ['user_name']), '=', eb.fn('lower', [eb.val(userName)])) : eb('user_name', '=', userName)))
    .executeTakeFirst();
  return row === undefined ? null : rowToCaseMember(row);
}

/** Puts the user on the team with the case role, or changes the case role of someone already on it. */
export async function upsertCaseMember(q: Queries, x: CaseMember): Promise<void> {
  await q
    .insertInto('case_members')
    .values(caseMemberToRow(x))
    .onConflict((oc) => oc.columns(['case_id', 'user_name']).doUpdateSet({ case_role: x.caseRole }))
    .execute();
}

/** Puts the user on the team unless already on it (whatever the case role). */
export async function insertCaseMemberIfAbsent(q: Queries, x: CaseMember): Promise<void> {
  await q
    .insertInto('case_members')
    .values(caseMemberToRow(x))
    .onConflict((oc) => oc.columns(['case_id', 'user_name']).doNothing())
    .execute();
}

export async function deleteCaseMember(q: Queries, caseId: string, userName: string): Promise<void> {
  await q.deleteFrom('case_members').where('case_id', '=', caseId).where('user_name', '=', userName).execute();
}

/**
 * The case's team changes, newest first; changes at the same instant newest
 * written first (the row's insertion order: SQLite's rowid, the one
 * engine-specific term here).
 */
export async function listTeamChanges(q: Queries, caseId: string): Promise<TeamChangeRecord[]> {
  const rows = await q.selectFrom('case_team_changes').selectAll().where('case_id', '=', caseId).orderBy('at', 'desc').orderBy(sql`rowid`, 'desc').execute();
  return rows.map(rowToTeamChange);
}

export async function insertTeamChange(q: Queries, x: TeamChangeRecord): Promise<void> {
  await q.insertInto('case_team_changes').values(teamChangeToRow(x)).execute();
}
