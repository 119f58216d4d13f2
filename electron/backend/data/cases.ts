import type { Queries } from './store';

/**
 * The cases table, so far only the reads that services already on the data
 * layer need (whether a case exists, how many there are). Writing and showing a
 * case is still in services/cases.ts and services/caseStore.ts.
 */

export async function caseExists(q: Queries, caseId: string): Promise<boolean> {
  const row = await q.selectFrom('cases').select('id').where('id', '=', caseId).executeTakeFirst();
  return row !== undefined;
}

export async function countCases(q: Queries): Promise<number> {
  const { n } = await q.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return n;
}

/** A case's number and lead (the user it is assigned to), or null when there is no such case. */
export async function findCaseLead(q: Queries, caseId: string): Promise<{ id: string; number: string; lead: string | null } | null> {
  const row = await q.selectFrom('cases').select(['id', 'number', 'assigned_to']).where('id', '=', caseId).executeTakeFirst();
  return row === undefined ? null : { id: row.id, number: row.number, lead: row.assigned_to };
}

export async function setCaseLead(q: Queries, caseId: string, lead: string): Promise<void> {
  await q.updateTable('cases').set({ assigned_to: lead }).where('id', '=', caseId).execute();
}

/** The ids of every case not closed, in id order. */
export async function openCaseIds(q: Queries): Promise<string[]> {
  const rows = await q.selectFrom('cases').select('id').where('status', '!=', 'closed').orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** The id of the case of exactly that number, or null. */
export async function caseIdByNumber(q: Queries, number: string): Promise<string | null> {
  const row = await q.selectFrom('cases').select('id').where('number', '=', number).executeTakeFirst();
  return row?.id ?? null;
}
