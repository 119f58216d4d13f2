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
