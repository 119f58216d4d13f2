import type { Queries } from './store';

/**
 * Finding cases by what people type, on either engine: a case's id, or its
 * number (OR-2026-0042, any case of letters).
 */

/** The id of the case with this id or number, or null. */
export async function caseIdByRef(q: Queries, ref: string): Promise<string | null> {
  const row = await q
    .selectFrom('cases')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', ref), eb('number', '=', ref.toUpperCase())]))
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The ids of every case the connection may read, by case number. */
export async function caseIdsByNumber(q: Queries): Promise<string[]> {
  return (await q.selectFrom('cases').select('id').orderBy('number').execute()).map((r) => r.id);
}
