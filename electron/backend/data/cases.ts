import type { Queries } from './store';

/**
 * The cases table, so far only the reads that services already on the data
 * layer need (whether a case exists, how many there are). A whole case is read
 * and written by data/caseRecord.ts and data/sqlcipher/caseRecord.ts; the rest
 * of intake is still in services/cases.ts.
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

/** A case's status as stored, or null when there is no such case. */
export async function caseStatus(q: Queries, caseId: string): Promise<string | null> {
  const row = await q.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirst();
  return row?.status ?? null;
}

/** Marks a change on a case: its updated and last-activity times. */
export async function touchCase(q: Queries, caseId: string, at: string): Promise<void> {
  await q.updateTable('cases').set({ updated_at: at, last_activity_at: at }).where('id', '=', caseId).execute();
}

/** The furthest stage of a case's indicators as stored (null: none, or no such case). */
export async function caseFurthestStage(q: Queries, caseId: string): Promise<string | null> {
  const row = await q.selectFrom('cases').select('furthest_stage').where('id', '=', caseId).executeTakeFirst();
  return row?.furthest_stage ?? null;
}

/** Stores the furthest stage, writing the row only when it changes. */
export async function setCaseFurthestStage(q: Queries, caseId: string, stage: string | null): Promise<void> {
  await q.updateTable('cases').set({ furthest_stage: stage }).where('id', '=', caseId).where('furthest_stage', 'is not', stage).execute();
}

/**
 * Stores the case's risk and next review, writing the row only when they change:
 * rewriting the same values would still rewrite every sort index that holds the risk.
 */
export async function setCaseSchedule(q: Queries, caseId: string, risk: string, nextReview: string | null): Promise<void> {
  await q
    .updateTable('cases')
    .set({ risk, next_review: nextReview })
    .where('id', '=', caseId)
    .where((eb) => eb.or([eb('risk', 'is not', risk), eb('next_review', 'is not', nextReview)]))
    .execute();
}

/** Closes a case: closed now for the reason given, with no review scheduled. */
export async function closeCaseRow(q: Queries, caseId: string, closedAt: string, reason: string): Promise<void> {
  await q.updateTable('cases').set({ status: 'closed', closed_at: closedAt, closure_reason: reason, next_review: null }).where('id', '=', caseId).execute();
}

/** Opens a closed case again, without its closure. */
export async function reopenCaseRow(q: Queries, caseId: string): Promise<void> {
  await q.updateTable('cases').set({ status: 'open', closed_at: null, closure_reason: null }).where('id', '=', caseId).execute();
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
