import { sql } from 'kysely';
import type { Db } from './connection';
import { build, firstRow } from './sync';

/**
 * The reads that give a new case its number and a new subject its pseudonym:
 * synchronous, because intake and case import run them inside their own
 * synchronous transactions on the vault's connection.
 */

/** Whether a subject already has this pseudonymous id. */
export function displayIdTaken(db: Db, displayId: string): boolean {
  return firstRow(db, build.selectFrom('subjects').select('id').where('display_id', '=', displayId).limit(sql.lit(1))) !== undefined;
}

/** The highest sequence number among the case numbers that start with `prefix` (e.g. "OR-2026-"), 0 when there is none. */
export function highestCaseSequence(db: Db, prefix: string): number {
  const row = firstRow(
    db,
    build
      .selectFrom('cases')
      .select(sql<number | null>`max(CAST(substr(number, ${prefix.length + 1}) AS INTEGER))`.as('n'))
      .where('number', 'like', `${prefix}%`),
  );
  return row?.n ?? 0;
}
