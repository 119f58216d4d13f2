import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import type { ProgramType } from '../../../shared/domain/ids';
import type { Report, Subject } from '../../../shared/model/caseRecord';
import { rowToIndicatorVersion, type IndicatorVersion } from './caseItems';
import { json, known } from './caseRecord';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * Edits with reasons (table case_edits, migration 0016): the corrections of a
 * case's title and program, its subject's details and its reports, each kept
 * as one row with the fields' values before and after, who, when and why; and
 * the reads of a case's history (its edits, and its indicators' earlier
 * versions, table indicator_history). The edit and its row are written in the
 * transaction of the change (services/caseEdits.ts).
 */

export type CaseEditRow = Selectable<Database['case_edits']>;

/** What an edit corrects (the table's CHECK constraint allows these and no other). */
export const editedTargets = ['case', 'subject', 'report'] as const;
export type EditedTarget = (typeof editedTargets)[number];

/** A field's stored value: text, a flag, or nothing. */
export type EditValue = string | boolean | null;

/** One field of an edit: its value before and after. */
export interface StoredChange {
  field: string;
  before: EditValue;
  after: EditValue;
}

export interface CaseEdit {
  id: string;
  caseId: string;
  target: EditedTarget;
  /** The report corrected; null for the case and the subject. */
  targetId: string | null;
  changes: StoredChange[];
  reason: string;
  editedBy: string;
  editedAt: string;
}

const editValueSchema = z.union([z.string(), z.boolean(), z.null()]);
const storedChangesSchema = z.array(z.object({ field: z.string(), before: editValueSchema, after: editValueSchema }));

export function rowToCaseEdit(r: CaseEditRow): CaseEdit {
  return {
    id: r.id,
    caseId: r.case_id,
    target: known(editedTargets, r.target, 'An edit of a case'),
    targetId: r.target_id,
    changes: json(storedChangesSchema, r.changes, 'The fields of an edit of a case'),
    reason: r.reason,
    editedBy: r.edited_by,
    editedAt: r.edited_at,
  };
}

export function caseEditToRow(x: CaseEdit): CaseEditRow {
  return {
    id: x.id,
    case_id: x.caseId,
    target: x.target,
    target_id: x.targetId,
    changes: JSON.stringify(x.changes),
    reason: x.reason,
    edited_by: x.editedBy,
    edited_at: x.editedAt,
  };
}

export async function insertCaseEdit(q: Queries, x: CaseEdit): Promise<void> {
  await q.insertInto('case_edits').values(caseEditToRow(x)).execute();
}

/**
 * A case's edits, newest first; edits of the same instant newest written first
 * (the row's insertion order: SQLite's rowid, the one engine-specific term here).
 */
export async function caseEditsOfCase(q: Queries, caseId: string): Promise<CaseEdit[]> {
  const rows = await q
    .selectFrom('case_edits')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('edited_at', 'desc')
    .orderBy(sql`rowid`, 'desc')
    .execute();
  return rows.map(rowToCaseEdit);
}

/** The earlier versions of every indicator of a case, by indicator, each indicator's oldest first. */
export async function indicatorVersionsOfCase(q: Queries, caseId: string): Promise<IndicatorVersion[]> {
  const rows = await q
    .selectFrom('indicator_history as h')
    .innerJoin('indicators as i', 'i.id', 'h.indicator_id')
    .selectAll('h')
    .where('i.case_id', '=', caseId)
    .orderBy('h.indicator_id')
    .orderBy('h.version')
    .execute();
  return rows.map(rowToIndicatorVersion);
}

/** Sets the case's title and program. */
export async function setCaseTitleAndProgram(q: Queries, caseId: string, title: string, program: ProgramType): Promise<void> {
  await q.updateTable('cases').set({ title, program }).where('id', '=', caseId).execute();
}

/** The subject's details an edit can correct: all but the pseudonym. */
export type SubjectDetails = Omit<Subject, 'displayId'>;

/** Sets the given details of the case's subject; the others stay as they are. */
export async function updateSubjectOfCase(q: Queries, caseId: string, details: Partial<SubjectDetails>): Promise<void> {
  const set = {
    real_name: details.realName,
    employee_id: details.employeeId,
    org_unit: details.orgUnit,
    position: details.position,
    clearance: details.clearance,
    facility_access: details.facilityAccess,
    system_access: details.systemAccess,
  };
  // An absent detail is no column to set; with none, there is nothing to write.
  if (Object.values(set).every((v) => v === undefined)) return;
  await q
    .updateTable('subjects')
    .set(set)
    .where('id', '=', (eb) => eb.selectFrom('cases').select('subject_id').where('id', '=', caseId))
    .execute();
}

/** The fields of a report an edit can correct. */
export type ReportFields = Pick<Report, 'receivedOn' | 'howReceived' | 'reporter' | 'reporterConfidential' | 'narrative'>;

/** Sets every correctable field of one report of the case; false when the case has no such report. */
export async function updateReportFields(q: Queries, caseId: string, reportId: string, x: ReportFields): Promise<boolean> {
  const result = await q
    .updateTable('reports')
    .set({ received_on: x.receivedOn, how_received: x.howReceived, reporter: x.reporter, reporter_confidential: x.reporterConfidential ? 1 : 0, narrative: x.narrative })
    .where('id', '=', reportId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
