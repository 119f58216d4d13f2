import { sql } from 'kysely';
import type { Role } from '../../../../shared/domain/ids';
import { rowToVaultUser, type VaultUser } from '../users';
import type { Db } from './connection';
import { allRows, build, firstRow, runWrite } from './sync';

/**
 * The vault's users (table users) as creation, unlock and the administration of
 * users read and write them: synchronously on the vault's connection, inside
 * the transactions that also sign grants and append to the audit log. Names
 * compare without regard to (ASCII) letter case, as people type them.
 */

/** `name` equal to the given name in any letter case. */
const sameName = (name: string) => sql<string>`${name} COLLATE NOCASE`;

/** The current (not removed) users, as stored. */
export function currentUsers(db: Db): { name: string; role: string }[] {
  return allRows(db, build.selectFrom('users').select(['name', 'role']).where('removed_at', 'is', null));
}

/** The current users in order of name. */
export function currentUsersByName(db: Db): { name: string; role: string }[] {
  return allRows(db, build.selectFrom('users').select(['name', 'role']).where('removed_at', 'is', null).orderBy('name'));
}

/** The current user of that name in any letter case; undefined when there is none. A role Offramp does not know is an integrity error. */
export function currentUserNamed(db: Db, name: string): VaultUser | undefined {
  const row = firstRow(db, build.selectFrom('users').selectAll().where('name', '=', sameName(name)).where('removed_at', 'is', null).limit(sql.lit(1)));
  return row === undefined ? undefined : rowToVaultUser(row);
}

/** Whether a current user has that name in any letter case. */
export function currentUserExists(db: Db, name: string): boolean {
  return firstRow(db, build.selectFrom('users').select('name').where('name', '=', sameName(name)).where('removed_at', 'is', null).limit(sql.lit(1))) !== undefined;
}

/** How many current users are program managers. */
export function countManagers(db: Db): number {
  return firstRow(db, build.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'program_manager').where('removed_at', 'is', null))?.n ?? 0;
}

export function insertUser(db: Db, user: { name: string; role: Role; createdAt: string }): void {
  runWrite(db, build.insertInto('users').values({ name: user.name, role: user.role, created_at: user.createdAt }));
}

/** Deletes the row of a removed user of that name (any letter case), so the name can be given again. */
export function deleteRemovedUser(db: Db, name: string): void {
  runWrite(db, build.deleteFrom('users').where('name', '=', sameName(name)).where('removed_at', 'is not', null));
}

/** Marks the user of exactly that name removed at `at`. */
export function markUserRemoved(db: Db, name: string, at: string): void {
  runWrite(db, build.updateTable('users').set({ removed_at: at }).where('name', '=', name));
}

/** Gives the user of exactly that name another role. */
export function setUserRole(db: Db, name: string, role: Role): void {
  runWrite(db, build.updateTable('users').set({ role }).where('name', '=', name));
}
