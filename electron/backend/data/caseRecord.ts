import type { Selectable } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { disciplineSchema, factIdSchema, indicatorStageSchema, priCategorySchema, programTypeSchema, recipientSchema, riskLevelSchema } from '../../../shared/domain/ids';
import {
  actionStatuses,
  analysisKinds,
  caseStatusSchema,
  corroborationValues,
  determinationValues,
  howReceivedValues,
  imminenceValues,
  questionKinds,
  type Action,
  type AnalysisItem,
  type Assessment,
  type CaseFields,
  type CaseRecord,
  type Determination,
  type Indicator,
  type Report,
  type Subject,
} from '../../../shared/model/caseRecord';
import { caseRiskSchema, type ScheduleFacts } from '../../../shared/model/schedule';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * The case as one record (shared/model/caseRecord.ts): the case row, its subject
 * and every table that hangs off the case, read and written as a whole (the
 * case screens, export, import, intake). Each table has its typed row and one
 * mapper pair; a stored code the record does not know is an integrity error,
 * never passed on unchecked. The single-item changes of casework are in
 * data/caseItems.ts, the case row's own updates in data/cases.ts.
 */

export type CaseRow = Selectable<Database['cases']>;
export type SubjectRow = Selectable<Database['subjects']>;
export type ReportRow = Selectable<Database['reports']>;
export type IndicatorRow = Selectable<Database['indicators']>;
export type AnalysisItemRow = Selectable<Database['analysis_items']>;
export type ChecklistItemRow = Selectable<Database['checklist_items']>;
export type AssessmentRow = Selectable<Database['assessments']>;
export type DeterminationRow = Selectable<Database['determinations']>;
export type StrategyRow = Selectable<Database['strategies']>;
export type ActionRow = Selectable<Database['actions']>;
export type ObligationRow = Selectable<Database['obligations']>;
export type ReportingRecordRow = Selectable<Database['reporting_records']>;
export type ReviewRow = Selectable<Database['reviews']>;
export type EvidenceMetaRow = Omit<Selectable<Database['evidence']>, 'content' | 'case_id' | 'created_by' | 'created_at'>;
export type CustodyEventRow = Selectable<Database['custody_events']>;

type Checklist = CaseRecord['checklist'][number];
type Strategy = CaseRecord['strategies'][number];
type Obligation = CaseRecord['obligations'][number];
type ReportingRecord = CaseRecord['reportingRecords'][number];
type Review = CaseRecord['reviews'][number];
type EvidenceMeta = CaseRecord['evidence'][number];
type CustodyEvent = CaseRecord['custody'][number];

/** A stored code as the record's type, or an integrity error naming what held it. */
export function known<T extends string>(values: readonly T[], value: string, what: string): T {
  const found = values.find((v) => v === value);
  if (found === undefined) throw new AppError('integrity', `${what} in the vault has an unknown value.`);
  return found;
}

function knownOrNull<T extends string>(values: readonly T[], value: string | null, what: string): T | null {
  return value === null ? null : known(values, value, what);
}

/** A JSON column, checked against the record's schema for it. */
export function json<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('integrity', `${what} in the vault is not readable JSON.`);
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) throw new AppError('integrity', `${what} in the vault does not hold what it should.`);
  return checked.data;
}

const flag = (v: number) => v === 1;
const bit = (v: boolean) => (v ? 1 : 0);

// The case row and its subject.

export function rowToCaseFields(r: CaseRow, members: string[]): CaseFields {
  const what = `Case ${r.number}`;
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    program: known(programTypeSchema.options, r.program, what),
    status: known(caseStatusSchema.options, r.status, what),
    risk: known(caseRiskSchema.options, r.risk, what),
    furthestStage: knownOrNull(indicatorStageSchema.options, r.furthest_stage, what),
    assignedTo: r.assigned_to,
    members,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastActivityAt: r.last_activity_at,
    nextReview: r.next_review,
    legalHold: flag(r.legal_hold),
    closedAt: r.closed_at,
    closureReason: r.closure_reason,
    sourcePacketId: r.source_packet_id,
  };
}

export function caseFieldsToRow(c: CaseFields, subjectId: string): Omit<CaseRow, 'search_key'> {
  return {
    id: c.id,
    number: c.number,
    subject_id: subjectId,
    title: c.title,
    program: c.program,
    status: c.status,
    risk: c.risk,
    furthest_stage: c.furthestStage,
    assigned_to: c.assignedTo,
    created_by: c.createdBy,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    last_activity_at: c.lastActivityAt,
    next_review: c.nextReview,
    legal_hold: bit(c.legalHold),
    closed_at: c.closedAt,
    closure_reason: c.closureReason,
    source_packet_id: c.sourcePacketId,
  };
}

export function rowToSubject(r: SubjectRow): Subject {
  return {
    displayId: r.display_id,
    realName: r.real_name,
    employeeId: r.employee_id,
    orgUnit: r.org_unit,
    position: r.position,
    clearance: r.clearance,
    facilityAccess: r.facility_access,
    systemAccess: r.system_access,
  };
}

export function subjectToRow(s: Subject, id: string, createdAt: string): SubjectRow {
  return {
    id,
    display_id: s.displayId,
    real_name: s.realName,
    employee_id: s.employeeId,
    org_unit: s.orgUnit,
    position: s.position,
    clearance: s.clearance,
    facility_access: s.facilityAccess,
    system_access: s.systemAccess,
    created_at: createdAt,
  };
}

// The tables that hang off the case.

export function rowToReport(r: ReportRow): Report {
  return {
    id: r.id,
    receivedOn: r.received_on,
    howReceived: known(howReceivedValues, r.how_received, 'A report'),
    reporter: r.reporter,
    reporterConfidential: flag(r.reporter_confidential),
    narrative: r.narrative,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function reportToRow(caseId: string, x: Report): ReportRow {
  return {
    id: x.id,
    case_id: caseId,
    received_on: x.receivedOn,
    how_received: x.howReceived,
    reporter: x.reporter,
    reporter_confidential: bit(x.reporterConfidential),
    narrative: x.narrative,
    created_by: x.createdBy,
    created_at: x.createdAt,
  };
}

export function rowToIndicator(r: IndicatorRow): Indicator {
  return {
    id: r.id,
    reportId: r.report_id,
    category: known(priCategorySchema.options, r.category, 'An indicator'),
    stage: known(indicatorStageSchema.options, r.stage, 'An indicator'),
    observedOn: r.observed_on,
    summary: r.summary,
    detail: r.detail,
    source: r.source,
    corroboration: known(corroborationValues, r.corroboration, 'An indicator'),
    basis: known(['fact', 'opinion'] as const, r.basis, 'An indicator'),
    version: r.version,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function indicatorToRow(caseId: string, x: Indicator): IndicatorRow {
  return {
    id: x.id,
    case_id: caseId,
    report_id: x.reportId,
    category: x.category,
    stage: x.stage,
    observed_on: x.observedOn,
    summary: x.summary,
    detail: x.detail,
    source: x.source,
    corroboration: x.corroboration,
    basis: x.basis,
    version: x.version,
    created_by: x.createdBy,
    created_at: x.createdAt,
    updated_at: x.updatedAt,
  };
}

export function rowToAnalysisItem(r: AnalysisItemRow): AnalysisItem {
  return {
    id: r.id,
    kind: known(analysisKinds, r.kind, 'An analysis item'),
    text: r.text,
    questionKind: knownOrNull(questionKinds, r.question_kind, 'An analysis item'),
    answer: r.answer,
    sources: r.sources,
    status: known(['open', 'answered', 'set_aside'] as const, r.status, 'An analysis item'),
    justified: r.justified === null ? null : flag(r.justified),
    impact: r.impact,
    discipline: knownOrNull(disciplineSchema.options, r.discipline, 'An analysis item'),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function analysisItemToRow(caseId: string, x: AnalysisItem): AnalysisItemRow {
  return {
    id: x.id,
    case_id: caseId,
    kind: x.kind,
    text: x.text,
    question_kind: x.questionKind,
    answer: x.answer,
    sources: x.sources,
    status: x.status,
    justified: x.justified === null ? null : bit(x.justified),
    impact: x.impact,
    discipline: x.discipline,
    created_by: x.createdBy,
    created_at: x.createdAt,
    updated_at: x.updatedAt,
  };
}

export function rowToChecklist(r: ChecklistItemRow): Checklist {
  return { itemId: r.item_id, addressed: flag(r.addressed), note: r.note };
}

export function checklistToRow(caseId: string, x: Checklist, by: string, at: string): ChecklistItemRow {
  return { case_id: caseId, item_id: x.itemId, addressed: bit(x.addressed), note: x.note, updated_by: by, updated_at: at };
}

const leCriteriaSchema = z.array(factIdSchema);

export function rowToAssessment(r: AssessmentRow): Assessment {
  return {
    id: r.id,
    interest: r.interest,
    motive: r.motive,
    ability: r.ability,
    imminence: known(imminenceValues, r.imminence, 'An assessment'),
    risk: known(riskLevelSchema.options, r.risk, 'An assessment'),
    rationale: r.rationale,
    leCriteria: json(leCriteriaSchema, r.le_criteria, 'An assessment’s law enforcement criteria'),
    isFinal: flag(r.is_final),
    assessedBy: r.assessed_by,
    assessedAt: r.assessed_at,
  };
}

export function assessmentToRow(caseId: string, x: Assessment): AssessmentRow {
  return {
    id: x.id,
    case_id: caseId,
    interest: x.interest,
    motive: x.motive,
    ability: x.ability,
    imminence: x.imminence,
    risk: x.risk,
    rationale: x.rationale,
    le_criteria: JSON.stringify(x.leCriteria),
    is_final: bit(x.isFinal),
    assessed_by: x.assessedBy,
    assessed_at: x.assessedAt,
  };
}

export function rowToDetermination(r: DeterminationRow): Determination {
  return { factId: known(factIdSchema.options, r.fact_id, 'A determination'), value: known(determinationValues, r.value, 'A determination'), note: r.note };
}

export function determinationToRow(caseId: string, x: Determination, by: string, at: string): DeterminationRow {
  return { case_id: caseId, fact_id: x.factId, value: x.value, note: x.note, updated_by: by, updated_at: at };
}

export function rowToStrategy(r: Pick<StrategyRow, 'id' | 'title'>): Strategy {
  return { id: r.id, title: r.title };
}

export function strategyToRow(caseId: string, x: Strategy, by: string, at: string): StrategyRow {
  return { id: x.id, case_id: caseId, title: x.title, created_by: by, created_at: at };
}

export function rowToAction(r: ActionRow): Action {
  return {
    id: r.id,
    strategyId: r.strategy_id,
    optionId: r.option_id,
    ownerDiscipline: known(disciplineSchema.options, r.owner_discipline, 'An action'),
    ownerPerson: r.owner_person,
    status: known(actionStatuses, r.status, 'An action'),
    dueOn: r.due_on,
    notes: r.notes,
    legalSignoffBy: r.legal_signoff_by,
    legalSignoffAt: r.legal_signoff_at,
    warningJustification: r.warning_justification,
  };
}

export function actionToRow(caseId: string, x: Action, by: string, createdAt: string, updatedAt: string): ActionRow {
  return {
    id: x.id,
    case_id: caseId,
    strategy_id: x.strategyId,
    option_id: x.optionId,
    owner_discipline: x.ownerDiscipline,
    owner_person: x.ownerPerson,
    status: x.status,
    due_on: x.dueOn,
    notes: x.notes,
    legal_signoff_by: x.legalSignoffBy,
    legal_signoff_at: x.legalSignoffAt,
    warning_justification: x.warningJustification,
    created_by: by,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

export function rowToObligation(r: ObligationRow): Obligation {
  return { recipient: known(recipientSchema.options, r.recipient, 'An obligation'), basis: r.basis, citation: r.citation, timing: r.timing };
}

export function obligationToRow(caseId: string, x: Obligation, computedAt: string): ObligationRow {
  return { case_id: caseId, recipient: x.recipient, basis: x.basis, citation: x.citation, timing: x.timing, computed_at: computedAt };
}

export function rowToReportingRecord(r: ReportingRecordRow): ReportingRecord {
  return {
    id: r.id,
    recipient: known(recipientSchema.options, r.recipient, 'A reporting record'),
    outcome: known(['reported', 'not_required'] as const, r.outcome, 'A reporting record'),
    reportedOn: r.reported_on,
    method: r.method,
    reference: r.reference,
    reportedBy: r.reported_by,
    justification: r.justification,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}

export function reportingRecordToRow(caseId: string, x: ReportingRecord): ReportingRecordRow {
  return {
    id: x.id,
    case_id: caseId,
    recipient: x.recipient,
    outcome: x.outcome,
    reported_on: x.reportedOn,
    method: x.method,
    reference: x.reference,
    reported_by: x.reportedBy,
    justification: x.justification,
    recorded_by: x.recordedBy,
    recorded_at: x.recordedAt,
  };
}

const effectivenessSchema = z.record(z.string(), z.string());

export function rowToReview(r: ReviewRow): Review {
  return {
    id: r.id,
    heldOn: r.held_on,
    whatChanged: r.what_changed,
    effectiveness: json(effectivenessSchema, r.effectiveness, 'A review’s ratings'),
    newIndicators: r.new_indicators,
    coordination: r.coordination,
    nextReview: r.next_review,
    reviewedBy: r.reviewed_by,
  };
}

export function reviewToRow(caseId: string, x: Review, createdAt: string): ReviewRow {
  return {
    id: x.id,
    case_id: caseId,
    held_on: x.heldOn,
    what_changed: x.whatChanged,
    effectiveness: JSON.stringify(x.effectiveness),
    new_indicators: x.newIndicators,
    coordination: x.coordination,
    next_review: x.nextReview,
    reviewed_by: x.reviewedBy,
    created_at: createdAt,
  };
}

export function rowToEvidenceMeta(r: EvidenceMetaRow): EvidenceMeta {
  return { id: r.id, name: r.name, mediaType: r.media_type, size: r.size, sha256: r.sha256, receivedOn: r.received_on, source: r.source };
}

export function evidenceMetaToRow(x: EvidenceMeta): EvidenceMetaRow {
  return { id: x.id, name: x.name, media_type: x.mediaType, size: x.size, sha256: x.sha256, received_on: x.receivedOn, source: x.source };
}

const custodyDetailSchema = z.record(z.string(), z.unknown());

export function rowToCustodyEvent(r: CustodyEventRow): CustodyEvent {
  return { at: r.at, actor: r.actor, action: r.action, evidenceId: r.evidence_id, detail: json(custodyDetailSchema, r.detail, 'A custody event') };
}

export function custodyEventToRow(caseId: string, x: CustodyEvent): Omit<CustodyEventRow, 'id'> {
  return { case_id: caseId, evidence_id: x.evidenceId, at: x.at, actor: x.actor, action: x.action, detail: JSON.stringify(x.detail) };
}

// Reading and writing the whole record.

/** The whole record of a case, or null when there is no such case. */
export async function readCaseRecord(q: Queries, caseId: string): Promise<CaseRecord | null> {
  const c = await q.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (c === undefined) return null;
  const s = await q.selectFrom('subjects').selectAll().where('id', '=', c.subject_id).executeTakeFirstOrThrow();
  const members = await q.selectFrom('case_members').select('user_name').where('case_id', '=', caseId).orderBy('user_name').execute();
  const [reports, indicators, analysis, checklist, assessments, determinations, strategies, actions, obligations, reportingRecords, reviews, evidence, custody] = [
    await q.selectFrom('reports').selectAll().where('case_id', '=', caseId).orderBy('received_on').orderBy('created_at').execute(),
    await q.selectFrom('indicators').selectAll().where('case_id', '=', caseId).orderBy('observed_on').orderBy('created_at').execute(),
    await q.selectFrom('analysis_items').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    await q.selectFrom('checklist_items').selectAll().where('case_id', '=', caseId).orderBy('item_id').execute(),
    await q.selectFrom('assessments').selectAll().where('case_id', '=', caseId).orderBy('assessed_at').execute(),
    await q.selectFrom('determinations').selectAll().where('case_id', '=', caseId).orderBy('fact_id').execute(),
    await q.selectFrom('strategies').select(['id', 'title']).where('case_id', '=', caseId).orderBy('created_at').execute(),
    await q.selectFrom('actions').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute(),
    await q.selectFrom('obligations').selectAll().where('case_id', '=', caseId).orderBy('recipient').execute(),
    await q.selectFrom('reporting_records').selectAll().where('case_id', '=', caseId).orderBy('recorded_at').execute(),
    await q.selectFrom('reviews').selectAll().where('case_id', '=', caseId).orderBy('held_on').execute(),
    await q.selectFrom('evidence').select(['id', 'name', 'media_type', 'size', 'sha256', 'received_on', 'source']).where('case_id', '=', caseId).orderBy('created_at').execute(),
    await q.selectFrom('custody_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),
  ];
  return {
    format: 'offramp-case',
    version: 1,
    case: rowToCaseFields(c, members.map((m) => m.user_name)),
    subject: rowToSubject(s),
    reports: reports.map(rowToReport),
    indicators: indicators.map(rowToIndicator),
    analysis: analysis.map(rowToAnalysisItem),
    checklist: checklist.map(rowToChecklist),
    assessments: assessments.map(rowToAssessment),
    determinations: determinations.map(rowToDetermination),
    strategies: strategies.map(rowToStrategy),
    actions: actions.map(rowToAction),
    obligations: obligations.map(rowToObligation),
    reportingRecords: reportingRecords.map(rowToReportingRecord),
    reviews: reviews.map(rowToReview),
    evidence: evidence.map(rowToEvidenceMeta),
    custody: custody.map(rowToCustodyEvent),
  };
}

/**
 * The facts the schedule reads (status, assessments, reviews, actions,
 * determinations), and only their columns, in the order readCaseRecord gives
 * them: what every change needs to keep the case's risk and next review right,
 * without reading the case's texts.
 */
export async function readScheduleFacts(q: Queries, caseId: string): Promise<ScheduleFacts | null> {
  const c = await q.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirst();
  if (c === undefined) return null;
  const assessments = await q.selectFrom('assessments').select(['risk', 'assessed_at']).where('case_id', '=', caseId).orderBy('assessed_at').execute();
  const reviews = await q.selectFrom('reviews').select('held_on').where('case_id', '=', caseId).orderBy('held_on').execute();
  const actions = await q.selectFrom('actions').select(['id', 'status', 'due_on']).where('case_id', '=', caseId).orderBy('created_at').execute();
  const determinations = await q.selectFrom('determinations').select(['fact_id', 'value']).where('case_id', '=', caseId).orderBy('fact_id').execute();
  return {
    status: known(caseStatusSchema.options, c.status, 'A case'),
    assessments: assessments.map((r) => ({ risk: known(riskLevelSchema.options, r.risk, 'An assessment'), assessedAt: r.assessed_at })),
    reviews: reviews.map((r) => ({ heldOn: r.held_on })),
    actions: actions.map((r) => ({ id: r.id, status: known(actionStatuses, r.status, 'An action'), dueOn: r.due_on })),
    determinations: determinations.map((r) => ({ factId: r.fact_id, value: r.value })),
  };
}
