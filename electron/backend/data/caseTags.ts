import type { Selectable } from 'kysely';
import type { Database } from './schema';
import type { Queries } from './store';

/** The tags on cases (table case_tags, migration 0012): one row per case and tag, disposed of with the case. */
export type CaseTagRow = Selectable<Database['case_tags']>;

export interface CaseTag {
  caseId: string;
  tag: string;
  addedBy: string;
  addedAt: string;
}

export function rowToCaseTag(r: CaseTagRow): CaseTag {
  return { caseId: r.case_id, tag: r.tag, addedBy: r.added_by, addedAt: r.added_at };
}

export function caseTagToRow(x: CaseTag): CaseTagRow {
  return { case_id: x.caseId, tag: x.tag, added_by: x.addedBy, added_at: x.addedAt };
}

/** The tags on one case, in order. */
export async function tagsOfCase(q: Queries, caseId: string): Promise<string[]> {
  const rows = await q.selectFrom('case_tags').select('tag').where('case_id', '=', caseId).orderBy('tag').execute();
  return rows.map((r) => r.tag);
}

/** Every tag in use with how many cases carry it, in order. */
export async function tagCounts(q: Queries): Promise<{ tag: string; cases: number }[]> {
  return q
    .selectFrom('case_tags')
    .select((eb) => ['tag', eb.fn.countAll<number>().as('cases')])
    .groupBy('tag')
    .orderBy('tag')
    .execute();
}

/** Puts the tag on its case; false when the case already carries it (nothing changes then). */
export async function insertCaseTag(q: Queries, x: CaseTag): Promise<boolean> {
  const result = await q
    .insertInto('case_tags')
    .values(caseTagToRow(x))
    .onConflict((oc) => oc.columns(['case_id', 'tag']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Takes the tag off its case; false when the case did not carry it. */
export async function deleteCaseTag(q: Queries, caseId: string, tag: string): Promise<boolean> {
  const result = await q.deleteFrom('case_tags').where('case_id', '=', caseId).where('tag', '=', tag).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
