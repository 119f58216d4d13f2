import { AppError } from '../../../../shared/contract';
import type { CaseRecord } from '../../../../shared/model/caseRecord';
import {
  actionToRow,
  analysisItemToRow,
  assessmentToRow,
  caseFieldsToRow,
  checklistToRow,
  custodyEventToRow,
  determinationToRow,
  evidenceMetaToRow,
  indicatorToRow,
  obligationToRow,
  reportingRecordToRow,
  reportToRow,
  reviewToRow,
  rowToAction,
  rowToAnalysisItem,
  rowToAssessment,
  rowToCaseFields,
  rowToChecklist,
  rowToCustodyEvent,
  rowToDetermination,
  rowToEvidenceMeta,
  rowToIndicator,
  rowToObligation,
  rowToReport,
  rowToReportingRecord,
  rowToReview,
  rowToStrategy,
  rowToSubject,
  strategyToRow,
  subjectToRow,
} from '../caseRecord';
import type { Db } from './connection';
import { allRows, build, compileOnce, firstRow, runWrite } from './sync';

/**
 * The whole case record (data/caseRecord.ts: the same rows, order and mappers)
 * read and written synchronously on the vault's connection: opening a case and
 * the services still on the connection read it inside their own synchronous
 * work, and intake and case import write it inside their own synchronous
 * transactions. Every statement is compiled once, when the module loads, and
 * prepared once per connection: opening a case runs sixteen of them, and an
 * import one per item.
 */

const caseById = compileOnce(['id'], (v) => build.selectFrom('cases').selectAll().where('id', '=', v.id));
const subjectById = compileOnce(['id'], (v) => build.selectFrom('subjects').selectAll().where('id', '=', v.id));
const membersOf = compileOnce(['caseId'], (v) => build.selectFrom('case_members').select('user_name').where('case_id', '=', v.caseId).orderBy('user_name'));
const reportsOf = compileOnce(['caseId'], (v) => build.selectFrom('reports').selectAll().where('case_id', '=', v.caseId).orderBy('received_on').orderBy('created_at'));
const indicatorsOf = compileOnce(['caseId'], (v) => build.selectFrom('indicators').selectAll().where('case_id', '=', v.caseId).orderBy('observed_on').orderBy('created_at'));
const analysisOf = compileOnce(['caseId'], (v) => build.selectFrom('analysis_items').selectAll().where('case_id', '=', v.caseId).orderBy('created_at'));
const checklistOf = compileOnce(['caseId'], (v) => build.selectFrom('checklist_items').selectAll().where('case_id', '=', v.caseId).orderBy('item_id'));
const assessmentsOf = compileOnce(['caseId'], (v) => build.selectFrom('assessments').selectAll().where('case_id', '=', v.caseId).orderBy('assessed_at'));
const determinationsOf = compileOnce(['caseId'], (v) => build.selectFrom('determinations').selectAll().where('case_id', '=', v.caseId).orderBy('fact_id'));
const strategiesOf = compileOnce(['caseId'], (v) => build.selectFrom('strategies').select(['id', 'title']).where('case_id', '=', v.caseId).orderBy('created_at'));
const actionsOf = compileOnce(['caseId'], (v) => build.selectFrom('actions').selectAll().where('case_id', '=', v.caseId).orderBy('created_at'));
const obligationsOf = compileOnce(['caseId'], (v) => build.selectFrom('obligations').selectAll().where('case_id', '=', v.caseId).orderBy('recipient'));
const reportingRecordsOf = compileOnce(['caseId'], (v) => build.selectFrom('reporting_records').selectAll().where('case_id', '=', v.caseId).orderBy('recorded_at'));
const reviewsOf = compileOnce(['caseId'], (v) => build.selectFrom('reviews').selectAll().where('case_id', '=', v.caseId).orderBy('held_on'));
const evidenceOf = compileOnce(['caseId'], (v) =>
  build.selectFrom('evidence').select(['id', 'name', 'media_type', 'size', 'sha256', 'received_on', 'source']).where('case_id', '=', v.caseId).orderBy('created_at'),
);
const custodyOf = compileOnce(['caseId'], (v) => build.selectFrom('custody_events').selectAll().where('case_id', '=', v.caseId).orderBy('id'));

/** The whole record of a case, or null when there is no such case (synchronous; data/caseRecord.ts's readCaseRecord through the store). */
export function readCaseRecordNow(db: Db, caseId: string): CaseRecord | null {
  const c = firstRow(db, caseById({ id: caseId }));
  if (c === undefined) return null;
  const s = firstRow(db, subjectById({ id: c.subject_id }));
  if (s === undefined) throw new AppError('integrity', `The subject of case ${c.number} is missing from the vault.`);
  const of = { caseId };
  return {
    format: 'offramp-case',
    version: 1,
    case: rowToCaseFields(
      c,
      allRows(db, membersOf(of)).map((m) => m.user_name),
    ),
    subject: rowToSubject(s),
    reports: allRows(db, reportsOf(of)).map(rowToReport),
    indicators: allRows(db, indicatorsOf(of)).map(rowToIndicator),
    analysis: allRows(db, analysisOf(of)).map(rowToAnalysisItem),
    checklist: allRows(db, checklistOf(of)).map(rowToChecklist),
    assessments: allRows(db, assessmentsOf(of)).map(rowToAssessment),
    determinations: allRows(db, determinationsOf(of)).map(rowToDetermination),
    strategies: allRows(db, strategiesOf(of)).map(rowToStrategy),
    actions: allRows(db, actionsOf(of)).map(rowToAction),
    obligations: allRows(db, obligationsOf(of)).map(rowToObligation),
    reportingRecords: allRows(db, reportingRecordsOf(of)).map(rowToReportingRecord),
    reviews: allRows(db, reviewsOf(of)).map(rowToReview),
    evidence: allRows(db, evidenceOf(of)).map(rowToEvidenceMeta),
    custody: allRows(db, custodyOf(of)).map(rowToCustodyEvent),
  };
}

const insertSubject = compileOnce(['id', 'display_id', 'real_name', 'employee_id', 'org_unit', 'position', 'clearance', 'facility_access', 'system_access', 'created_at'], (v) =>
  build.insertInto('subjects').values(v),
);
const insertCase = compileOnce(
  [
    'id',
    'number',
    'subject_id',
    'title',
    'program',
    'status',
    'risk',
    'furthest_stage',
    'assigned_to',
    'created_by',
    'created_at',
    'updated_at',
    'last_activity_at',
    'next_review',
    'legal_hold',
    'closed_at',
    'closure_reason',
    'source_packet_id',
  ],
  (v) => build.insertInto('cases').values(v),
);
const insertMember = compileOnce(['case_id', 'user_name'], (v) => build.insertInto('case_members').orIgnore().values(v));
const insertReport = compileOnce(['id', 'case_id', 'received_on', 'how_received', 'reporter', 'reporter_confidential', 'narrative', 'created_by', 'created_at'], (v) =>
  build.insertInto('reports').values(v),
);
const insertIndicator = compileOnce(
  ['id', 'case_id', 'report_id', 'category', 'stage', 'observed_on', 'summary', 'detail', 'source', 'corroboration', 'basis', 'version', 'created_by', 'created_at', 'updated_at'],
  (v) => build.insertInto('indicators').values(v),
);
const insertAnalysisItem = compileOnce(
  ['id', 'case_id', 'kind', 'text', 'question_kind', 'answer', 'sources', 'status', 'justified', 'impact', 'discipline', 'created_by', 'created_at', 'updated_at'],
  (v) => build.insertInto('analysis_items').values(v),
);
const insertChecklistItem = compileOnce(['case_id', 'item_id', 'addressed', 'note', 'updated_by', 'updated_at'], (v) => build.insertInto('checklist_items').values(v));
const insertAssessment = compileOnce(['id', 'case_id', 'interest', 'motive', 'ability', 'imminence', 'risk', 'rationale', 'le_criteria', 'is_final', 'assessed_by', 'assessed_at'], (v) =>
  build.insertInto('assessments').values(v),
);
const insertDetermination = compileOnce(['case_id', 'fact_id', 'value', 'note', 'updated_by', 'updated_at'], (v) => build.insertInto('determinations').values(v));
const insertStrategy = compileOnce(['id', 'case_id', 'title', 'created_by', 'created_at'], (v) => build.insertInto('strategies').values(v));
const insertAction = compileOnce(
  [
    'id',
    'case_id',
    'strategy_id',
    'option_id',
    'owner_discipline',
    'owner_person',
    'status',
    'due_on',
    'notes',
    'legal_signoff_by',
    'legal_signoff_at',
    'warning_justification',
    'created_by',
    'created_at',
    'updated_at',
  ],
  (v) => build.insertInto('actions').values(v),
);
const insertObligation = compileOnce(['case_id', 'recipient', 'basis', 'citation', 'timing', 'computed_at'], (v) => build.insertInto('obligations').values(v));
const insertReportingRecord = compileOnce(
  ['id', 'case_id', 'recipient', 'outcome', 'reported_on', 'method', 'reference', 'reported_by', 'justification', 'recorded_by', 'recorded_at'],
  (v) => build.insertInto('reporting_records').values(v),
);
const insertReview = compileOnce(['id', 'case_id', 'held_on', 'what_changed', 'effectiveness', 'new_indicators', 'coordination', 'next_review', 'reviewed_by', 'created_at'], (v) =>
  build.insertInto('reviews').values(v),
);
const insertEvidence = compileOnce(['id', 'case_id', 'name', 'media_type', 'size', 'sha256', 'content', 'received_on', 'source', 'created_by', 'created_at'], (v) =>
  build.insertInto('evidence').values(v),
);
const insertCustodyEvent = compileOnce(['case_id', 'evidence_id', 'at', 'actor', 'action', 'detail'], (v) => build.insertInto('custody_events').values(v));

/**
 * Writes a whole record (import, intake) in the caller's transaction: the
 * subject (id `subj-<case id>`), the case and every item. Evidence rows get
 * their metadata and an empty body; their content, if any, is the caller's to
 * write as chunks (data/evidenceBlobs.ts). Items the record does not date or
 * attribute (checklist, determinations, strategies, actions, obligations,
 * reviews, evidence) take the case's creator and its creation or update time.
 */
export function insertCaseRecordNow(db: Db, record: CaseRecord): void {
  const c = record.case;
  const subjectId = `subj-${c.id}`;
  runWrite(db, insertSubject(subjectToRow(record.subject, subjectId, c.createdAt)));
  runWrite(db, insertCase(caseFieldsToRow(c, subjectId)));
  for (const user_name of c.members) runWrite(db, insertMember({ case_id: c.id, user_name }));
  for (const r of record.reports) runWrite(db, insertReport(reportToRow(c.id, r)));
  for (const i of record.indicators) runWrite(db, insertIndicator(indicatorToRow(c.id, i)));
  for (const a of record.analysis) runWrite(db, insertAnalysisItem(analysisItemToRow(c.id, a)));
  for (const k of record.checklist) runWrite(db, insertChecklistItem(checklistToRow(c.id, k, c.createdBy, c.updatedAt)));
  for (const a of record.assessments) runWrite(db, insertAssessment(assessmentToRow(c.id, a)));
  for (const d of record.determinations) runWrite(db, insertDetermination(determinationToRow(c.id, d, c.createdBy, c.updatedAt)));
  for (const s of record.strategies) runWrite(db, insertStrategy(strategyToRow(c.id, s, c.createdBy, c.createdAt)));
  for (const a of record.actions) runWrite(db, insertAction(actionToRow(c.id, a, c.createdBy, c.createdAt, c.updatedAt)));
  for (const o of record.obligations) runWrite(db, insertObligation(obligationToRow(c.id, o, c.updatedAt)));
  for (const r of record.reportingRecords) runWrite(db, insertReportingRecord(reportingRecordToRow(c.id, r)));
  for (const r of record.reviews) runWrite(db, insertReview(reviewToRow(c.id, r, c.updatedAt)));
  for (const e of record.evidence) {
    runWrite(db, insertEvidence({ ...evidenceMetaToRow(e), case_id: c.id, content: Buffer.alloc(0), created_by: c.createdBy, created_at: c.createdAt }));
  }
  for (const e of record.custody) runWrite(db, insertCustodyEvent(custodyEventToRow(c.id, e)));
}
