import { sql, type Selectable } from 'kysely';
import type { Database } from '../schema';
import type { Db } from './connection';
import { allRows, build, compileOnce, firstRow, runWrite } from './sync';

/**
 * The signed role grants (table role_grants, migration 0008): an append-only
 * chain whose signatures and hashes vault/grants.ts makes and verifies. Read at
 * every unlock and before a program manager's action, appended inside the
 * transaction of the change it grants, so synchronous on the vault's connection.
 */
export type RoleGrantRow = Selectable<Database['role_grants']>;

const lastHash = compileOnce([], () => build.selectFrom('role_grants').select('hash').orderBy('seq', 'desc').limit(sql.lit(1)));

/** Every record of the chain, in order. */
export function roleGrantRows(db: Db): RoleGrantRow[] {
  return allRows(db, build.selectFrom('role_grants').select(['seq', 'kind', 'vault_id', 'user_name', 'role', 'user_key', 'granted_by', 'signer_key', 'at', 'prev_hash', 'hash', 'signature']).orderBy('seq'));
}

/** The hash of the chain's last record; undefined when the chain is empty. */
export function lastRoleGrantHash(db: Db): string | undefined {
  return firstRow(db, lastHash({}))?.hash;
}

/** Appends a record (numbered by the table), already signed and hashed. */
export function insertRoleGrant(db: Db, row: Omit<RoleGrantRow, 'seq'>): void {
  runWrite(db, build.insertInto('role_grants').values(row));
}

/** The distinct user keys that grants (not removals) name; with `managers`, only those granted the program manager role. */
export function grantedUserKeys(db: Db, managers: boolean): string[] {
  let query = build.selectFrom('role_grants').select('user_key').distinct().where('kind', '=', 'grant');
  if (managers) query = query.where('role', '=', 'program_manager');
  return allRows(db, query).map((r) => r.user_key);
}

/** The grants made by `grantor` (the recovery key's name), oldest first: whom each named and when. */
export function grantsBy(db: Db, grantor: string): { user: string; at: string }[] {
  return allRows(db, build.selectFrom('role_grants').select(['user_name as user', 'at']).where('granted_by', '=', grantor).orderBy('seq'));
}
