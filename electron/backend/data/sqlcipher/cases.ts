import { sql } from 'kysely';
import type { Db } from './connection';
import { allRows, build, compileOnce, firstRow, runWrite } from './sync';

/**
 * The case row and the subject reveals, read and written synchronously on the
 * vault's connection: intake, a reveal and an export run inside their own
 * synchronous transactions there, the command line finds a case by its id or
 * number before its work starts, and the services that change a case inside
 * such a transaction (evidence, packets, the migration notice) stamp its
 * activity time there too. The engine-neutral reads and updates of the case
 * row are data/cases.ts's.
 */

/** The id of the case with this id or this number, if there is one (a seek of the key and of the number's unique index). */
export function caseIdByIdOrNumber(db: Db, id: string, number: string): string | undefined {
  return firstRow(
    db,
    build
      .selectFrom('cases')
      .select('id')
      .where((eb) => eb.or([eb('id', '=', id), eb('number', '=', number)]))
      .limit(sql.lit(1)),
  )?.id;
}

/** Every case's id, in case-number order. */
export function caseIdsInNumberOrder(db: Db): string[] {
  return allRows(db, build.selectFrom('cases').select('id').orderBy('number')).map((r) => r.id);
}

// Run by every synchronous change to a case (evidence, a packet's export, its team): compiled once.
const touch = compileOnce(['at', 'caseId'], (v) => build.updateTable('cases').set({ updated_at: v.at, last_activity_at: v.at }).where('id', '=', v.caseId));

/** Marks a change on a case: its updated and last-activity times. */
export function touchCaseRow(db: Db, caseId: string, at: string): void {
  runWrite(db, touch({ at, caseId }));
}

/** One reveal of a case's subject's real name, with its reason. */
export interface SubjectRevealRow {
  id: string;
  caseId: string;
  actor: string;
  at: string;
  reason: string;
}

export function insertSubjectReveal(db: Db, reveal: SubjectRevealRow): void {
  runWrite(db, build.insertInto('subject_reveals').values({ id: reveal.id, case_id: reveal.caseId, actor: reveal.actor, at: reveal.at, reason: reveal.reason }));
}

/** Every reveal of a case's subject, newest first (two at the same time: the later written first). */
export function subjectRevealsOf(db: Db, caseId: string): SubjectRevealRow[] {
  const rows = allRows(
    db,
    build
      .selectFrom('subject_reveals')
      .select(['id', 'case_id', 'actor', 'at', 'reason'])
      .where('case_id', '=', caseId)
      .orderBy('at', 'desc')
      .orderBy(sql`rowid`, 'desc'),
  );
  return rows.map((r) => ({ id: r.id, caseId: r.case_id, actor: r.actor, at: r.at, reason: r.reason }));
}
