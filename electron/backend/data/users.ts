import { sql, type Selectable } from 'kysely';
import { AppError } from '../../../shared/contract';
import { roleSchema, type Role } from '../../../shared/domain/ids';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * The vault's users (table users): so far the reads the case team needs. Adding,
 * removing and changing users is still in services/vaultAdmin.ts.
 */
export type UserRow = Selectable<Database['users']>;

export interface VaultUser {
  name: string;
  role: Role;
  createdAt: string;
  removedAt: string | null;
}

/** A stored role Offramp does not know is an integrity error, never a guess. */
export function rowToVaultUser(r: UserRow): VaultUser {
  const role = roleSchema.safeParse(r.role);
  if (!role.success) throw new AppError('integrity', `User ${r.name} in the vault has an unknown role.`);
  return { name: r.name, role: role.data, createdAt: r.created_at, removedAt: r.removed_at };
}

export function vaultUserToRow(x: VaultUser): UserRow {
  return { name: x.name, role: x.role, created_at: x.createdAt, removed_at: x.removedAt };
}

/** The user of exactly that name (current or removed), or null. */
export async function findUser(q: Queries, name: string): Promise<VaultUser | null> {
  const row = await q.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  return row === undefined ? null : rowToVaultUser(row);
}

/**
 * The user of that name in any (ASCII) letter case, as the vault compares names;
 * a current user before a removed one of the same name. Null when there is none.
 */
export async function findUserAnyCase(q: Queries, name: string): Promise<VaultUser | null> {
  const row = await q
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', eb.fn('lower', [eb.val(name)])))
    .orderBy((eb) => eb('removed_at', 'is', null), 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : rowToVaultUser(row);
}

/** The names of the current (not removed) users, in no particular order. */
export async function currentUserNames(q: Queries): Promise<string[]> {
  const rows = await q.selectFrom('users').select('name').where('removed_at', 'is', null).execute();
  return rows.map((r) => r.name);
}

/** The current users, by name without regard to letter case. */
export async function listCurrentUsers(q: Queries): Promise<VaultUser[]> {
  const rows = await q.selectFrom('users').selectAll().where('removed_at', 'is', null).orderBy(sql`name COLLATE NOCASE`).execute();
  return rows.map(rowToVaultUser);
}

/**
 * The current user of that name in any letter case (the vault's NOCASE
 * comparison): the stored name and role as written, the role unchecked (the
 * caller decides what a role it does not know means). Null when there is none.
 */
export async function findCurrentUserNoCase(q: Queries, name: string): Promise<{ name: string; role: string } | null> {
  const row = await q.selectFrom('users').select(['name', 'role']).where(sql<boolean>`name = ${name} COLLATE NOCASE`).where('removed_at', 'is', null).executeTakeFirst();
  return row ?? null;
}
