import type { CaseRecord } from '../../../shared/model/caseRecord';
import type { ScheduleFacts } from '../../../shared/model/schedule';
import { statement, type Db } from '../vault/database';
import { writeEvidenceChunks } from './evidenceStore';

/**
 * Reads and writes whole case records (the export/import shape). Column names
 * are snake_case; the mapping to the record's camelCase lives only here.
 */
type Row = Record<string, unknown>;
const all = (db: Db, sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as Row[];
const bool = (v: unknown) => v === 1 || v === true;
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));

export function readCaseRecord(db: Db, caseId: string): CaseRecord | null {
  const c = db.prepare('SELECT * FROM cases WHERE id = ?').get(caseId) as Row | undefined;
  if (c === undefined) return null;
  const s = db.prepare('SELECT * FROM subjects WHERE id = ?').get(c['subject_id']) as Row;
  const members = all(db, 'SELECT user_name FROM case_members WHERE case_id = ? ORDER BY user_name', caseId).map((r) => str(r['user_name']));
  return {
    format: 'offramp-case',
    version: 1,
    case: {
      id: str(c['id']),
      number: str(c['number']),
      title: str(c['title']),
      program: c['program'] as CaseRecord['case']['program'],
      status: c['status'] as CaseRecord['case']['status'],
      risk: c['risk'] as CaseRecord['case']['risk'],
      furthestStage: strOrNull(c['furthest_stage']) as CaseRecord['case']['furthestStage'],
      assignedTo: strOrNull(c['assigned_to']),
      members,
      createdBy: str(c['created_by']),
      createdAt: str(c['created_at']),
      updatedAt: str(c['updated_at']),
      lastActivityAt: str(c['last_activity_at']),
      nextReview: strOrNull(c['next_review']),
      legalHold: bool(c['legal_hold']),
      closedAt: strOrNull(c['closed_at']),
      closureReason: strOrNull(c['closure_reason']),
      sourcePacketId: strOrNull(c['source_packet_id']),
    },
    subject: {
      displayId: str(s['display_id']),
      realName: str(s['real_name']),
      employeeId: str(s['employee_id']),
      orgUnit: str(s['org_unit']),
      position: str(s['position']),
      clearance: str(s['clearance']),
      facilityAccess: str(s['facility_access']),
      systemAccess: str(s['system_access']),
    },
    reports: all(db, 'SELECT * FROM reports WHERE case_id = ? ORDER BY received_on, created_at', caseId).map((r) => ({
      id: str(r['id']),
      receivedOn: str(r['received_on']),
      howReceived: r['how_received'] as CaseRecord['reports'][number]['howReceived'],
      reporter: str(r['reporter']),
      reporterConfidential: bool(r['reporter_confidential']),
      narrative: str(r['narrative']),
      createdBy: str(r['created_by']),
      createdAt: str(r['created_at']),
    })),
    indicators: all(db, 'SELECT * FROM indicators WHERE case_id = ? ORDER BY observed_on, created_at', caseId).map((r) => ({
      id: str(r['id']),
      reportId: strOrNull(r['report_id']),
      category: r['category'] as CaseRecord['indicators'][number]['category'],
      stage: r['stage'] as CaseRecord['indicators'][number]['stage'],
      observedOn: str(r['observed_on']),
      summary: str(r['summary']),
      detail: str(r['detail']),
      source: str(r['source']),
      corroboration: r['corroboration'] as CaseRecord['indicators'][number]['corroboration'],
      basis: r['basis'] as 'fact' | 'opinion',
      version: Number(r['version']),
      createdBy: str(r['created_by']),
      createdAt: str(r['created_at']),
      updatedAt: str(r['updated_at']),
    })),
    analysis: all(db, 'SELECT * FROM analysis_items WHERE case_id = ? ORDER BY created_at', caseId).map((r) => ({
      id: str(r['id']),
      kind: r['kind'] as CaseRecord['analysis'][number]['kind'],
      text: str(r['text']),
      questionKind: strOrNull(r['question_kind']) as CaseRecord['analysis'][number]['questionKind'],
      answer: str(r['answer']),
      sources: str(r['sources']),
      status: r['status'] as CaseRecord['analysis'][number]['status'],
      justified: r['justified'] === null ? null : bool(r['justified']),
      impact: str(r['impact']),
      discipline: strOrNull(r['discipline']) as CaseRecord['analysis'][number]['discipline'],
      createdBy: str(r['created_by']),
      createdAt: str(r['created_at']),
      updatedAt: str(r['updated_at']),
    })),
    checklist: all(db, 'SELECT * FROM checklist_items WHERE case_id = ? ORDER BY item_id', caseId).map((r) => ({
      itemId: str(r['item_id']),
      addressed: bool(r['addressed']),
      note: str(r['note']),
    })),
    assessments: all(db, 'SELECT * FROM assessments WHERE case_id = ? ORDER BY assessed_at', caseId).map((r) => ({
      id: str(r['id']),
      interest: str(r['interest']),
      motive: str(r['motive']),
      ability: str(r['ability']),
      imminence: r['imminence'] as CaseRecord['assessments'][number]['imminence'],
      risk: r['risk'] as CaseRecord['assessments'][number]['risk'],
      rationale: str(r['rationale']),
      leCriteria: JSON.parse(str(r['le_criteria'])) as CaseRecord['assessments'][number]['leCriteria'],
      isFinal: bool(r['is_final']),
      assessedBy: str(r['assessed_by']),
      assessedAt: str(r['assessed_at']),
    })),
    determinations: all(db, 'SELECT * FROM determinations WHERE case_id = ? ORDER BY fact_id', caseId).map((r) => ({
      factId: r['fact_id'] as CaseRecord['determinations'][number]['factId'],
      value: r['value'] as CaseRecord['determinations'][number]['value'],
      note: str(r['note']),
    })),
    strategies: all(db, 'SELECT id, title FROM strategies WHERE case_id = ? ORDER BY created_at', caseId).map((r) => ({ id: str(r['id']), title: str(r['title']) })),
    actions: all(db, 'SELECT * FROM actions WHERE case_id = ? ORDER BY created_at', caseId).map((r) => ({
      id: str(r['id']),
      strategyId: strOrNull(r['strategy_id']),
      optionId: str(r['option_id']),
      ownerDiscipline: r['owner_discipline'] as CaseRecord['actions'][number]['ownerDiscipline'],
      ownerPerson: str(r['owner_person']),
      status: r['status'] as CaseRecord['actions'][number]['status'],
      dueOn: strOrNull(r['due_on']),
      notes: str(r['notes']),
      legalSignoffBy: strOrNull(r['legal_signoff_by']),
      legalSignoffAt: strOrNull(r['legal_signoff_at']),
      warningJustification: str(r['warning_justification']),
    })),
    obligations: all(db, 'SELECT * FROM obligations WHERE case_id = ? ORDER BY recipient', caseId).map((r) => ({
      recipient: r['recipient'] as CaseRecord['obligations'][number]['recipient'],
      basis: str(r['basis']),
      citation: str(r['citation']),
      timing: str(r['timing']),
    })),
    reportingRecords: all(db, 'SELECT * FROM reporting_records WHERE case_id = ? ORDER BY recorded_at', caseId).map((r) => ({
      id: str(r['id']),
      recipient: r['recipient'] as CaseRecord['reportingRecords'][number]['recipient'],
      outcome: r['outcome'] as 'reported' | 'not_required',
      reportedOn: strOrNull(r['reported_on']),
      method: str(r['method']),
      reference: str(r['reference']),
      reportedBy: str(r['reported_by']),
      justification: str(r['justification']),
      recordedBy: str(r['recorded_by']),
      recordedAt: str(r['recorded_at']),
    })),
    reviews: all(db, 'SELECT * FROM reviews WHERE case_id = ? ORDER BY held_on', caseId).map((r) => ({
      id: str(r['id']),
      heldOn: str(r['held_on']),
      whatChanged: str(r['what_changed']),
      effectiveness: JSON.parse(str(r['effectiveness'])) as Record<string, string>,
      newIndicators: str(r['new_indicators']),
      coordination: str(r['coordination']),
      nextReview: strOrNull(r['next_review']),
      reviewedBy: str(r['reviewed_by']),
    })),
    evidence: all(db, 'SELECT id, name, media_type, size, sha256, received_on, source FROM evidence WHERE case_id = ? ORDER BY created_at', caseId).map((r) => ({
      id: str(r['id']),
      name: str(r['name']),
      mediaType: str(r['media_type']),
      size: Number(r['size']),
      sha256: str(r['sha256']),
      receivedOn: str(r['received_on']),
      source: str(r['source']),
    })),
    custody: all(db, 'SELECT * FROM custody_events WHERE case_id = ? ORDER BY id', caseId).map((r) => ({
      at: str(r['at']),
      actor: str(r['actor']),
      action: str(r['action']),
      evidenceId: strOrNull(r['evidence_id']),
      detail: JSON.parse(str(r['detail'])) as Record<string, unknown>,
    })),
  };
}

/**
 * The facts the schedule reads (status, assessments, reviews, actions,
 * determinations), and only their columns, in the order readCaseRecord gives
 * them: what every change needs to keep the case's risk and next review right,
 * without reading the case's texts.
 */
export function readScheduleFacts(db: Db, caseId: string): ScheduleFacts | null {
  const c = statement(db, 'SELECT status FROM cases WHERE id = ?').get(caseId) as { status: ScheduleFacts['status'] } | undefined;
  if (c === undefined) return null;
  const rows = (sql: string) => statement(db, sql).all(caseId) as Row[];
  return {
    status: c.status,
    assessments: rows('SELECT risk, assessed_at FROM assessments WHERE case_id = ? ORDER BY assessed_at').map((r) => ({ risk: r['risk'] as ScheduleFacts['assessments'][number]['risk'], assessedAt: str(r['assessed_at']) })),
    reviews: rows('SELECT held_on FROM reviews WHERE case_id = ? ORDER BY held_on').map((r) => ({ heldOn: str(r['held_on']) })),
    actions: rows('SELECT id, status, due_on FROM actions WHERE case_id = ? ORDER BY created_at').map((r) => ({ id: str(r['id']), status: r['status'] as ScheduleFacts['actions'][number]['status'], dueOn: strOrNull(r['due_on']) })),
    determinations: rows('SELECT fact_id, value FROM determinations WHERE case_id = ? ORDER BY fact_id').map((r) => ({ factId: str(r['fact_id']), value: str(r['value']) })),
  };
}

/**
 * Inserts a whole record (import, intake). Evidence content is not part of the
 * record; imported evidence rows get only their metadata and an empty body
 * unless `evidenceContent` supplies the bytes.
 */
export function insertCaseRecord(db: Db, record: CaseRecord, evidenceContent: Map<string, Buffer> = new Map()): void {
  const c = record.case;
  const s = record.subject;
  const subjectId = `subj-${c.id}`;
  db.prepare(
    `INSERT INTO subjects (id, display_id, real_name, employee_id, org_unit, position, clearance, facility_access, system_access, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(subjectId, s.displayId, s.realName, s.employeeId, s.orgUnit, s.position, s.clearance, s.facilityAccess, s.systemAccess, c.createdAt);
  db.prepare(
    `INSERT INTO cases (id, number, subject_id, title, program, status, risk, furthest_stage, assigned_to, created_by, created_at, updated_at,
       last_activity_at, next_review, legal_hold, closed_at, closure_reason, source_packet_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.id, c.number, subjectId, c.title, c.program, c.status, c.risk, c.furthestStage, c.assignedTo, c.createdBy, c.createdAt, c.updatedAt, c.lastActivityAt, c.nextReview, c.legalHold ? 1 : 0, c.closedAt, c.closureReason, c.sourcePacketId);
  const member = db.prepare('INSERT OR IGNORE INTO case_members (case_id, user_name) VALUES (?, ?)');
  for (const m of c.members) member.run(c.id, m);
  const report = db.prepare(
    'INSERT INTO reports (id, case_id, received_on, how_received, reporter, reporter_confidential, narrative, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of record.reports) report.run(r.id, c.id, r.receivedOn, r.howReceived, r.reporter, r.reporterConfidential ? 1 : 0, r.narrative, r.createdBy, r.createdAt);
  const indicator = db.prepare(
    `INSERT INTO indicators (id, case_id, report_id, category, stage, observed_on, summary, detail, source, corroboration, basis, version, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const i of record.indicators) {
    indicator.run(i.id, c.id, i.reportId, i.category, i.stage, i.observedOn, i.summary, i.detail, i.source, i.corroboration, i.basis, i.version, i.createdBy, i.createdAt, i.updatedAt);
  }
  const analysis = db.prepare(
    `INSERT INTO analysis_items (id, case_id, kind, text, question_kind, answer, sources, status, justified, impact, discipline, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of record.analysis) {
    analysis.run(a.id, c.id, a.kind, a.text, a.questionKind, a.answer, a.sources, a.status, a.justified === null ? null : a.justified ? 1 : 0, a.impact, a.discipline, a.createdBy, a.createdAt, a.updatedAt);
  }
  const check = db.prepare('INSERT INTO checklist_items (case_id, item_id, addressed, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const k of record.checklist) check.run(c.id, k.itemId, k.addressed ? 1 : 0, k.note, c.createdBy, c.updatedAt);
  const assessment = db.prepare(
    `INSERT INTO assessments (id, case_id, interest, motive, ability, imminence, risk, rationale, le_criteria, is_final, assessed_by, assessed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of record.assessments) {
    assessment.run(a.id, c.id, a.interest, a.motive, a.ability, a.imminence, a.risk, a.rationale, JSON.stringify(a.leCriteria), a.isFinal ? 1 : 0, a.assessedBy, a.assessedAt);
  }
  const determination = db.prepare('INSERT INTO determinations (case_id, fact_id, value, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const d of record.determinations) determination.run(c.id, d.factId, d.value, d.note, c.createdBy, c.updatedAt);
  const strategy = db.prepare('INSERT INTO strategies (id, case_id, title, created_by, created_at) VALUES (?, ?, ?, ?, ?)');
  for (const st of record.strategies) strategy.run(st.id, c.id, st.title, c.createdBy, c.createdAt);
  const action = db.prepare(
    `INSERT INTO actions (id, case_id, strategy_id, option_id, owner_discipline, owner_person, status, due_on, notes, legal_signoff_by, legal_signoff_at,
       warning_justification, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const a of record.actions) {
    action.run(a.id, c.id, a.strategyId, a.optionId, a.ownerDiscipline, a.ownerPerson, a.status, a.dueOn, a.notes, a.legalSignoffBy, a.legalSignoffAt, a.warningJustification, c.createdBy, c.createdAt, c.updatedAt);
  }
  const obligation = db.prepare('INSERT INTO obligations (case_id, recipient, basis, citation, timing, computed_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const o of record.obligations) obligation.run(c.id, o.recipient, o.basis, o.citation, o.timing, c.updatedAt);
  const reporting = db.prepare(
    `INSERT INTO reporting_records (id, case_id, recipient, outcome, reported_on, method, reference, reported_by, justification, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of record.reportingRecords) {
    reporting.run(r.id, c.id, r.recipient, r.outcome, r.reportedOn, r.method, r.reference, r.reportedBy, r.justification, r.recordedBy, r.recordedAt);
  }
  const review = db.prepare(
    `INSERT INTO reviews (id, case_id, held_on, what_changed, effectiveness, new_indicators, coordination, next_review, reviewed_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of record.reviews) {
    review.run(r.id, c.id, r.heldOn, r.whatChanged, JSON.stringify(r.effectiveness), r.newIndicators, r.coordination, r.nextReview, r.reviewedBy, c.updatedAt);
  }
  const evidence = db.prepare(
    'INSERT INTO evidence (id, case_id, name, media_type, size, sha256, content, received_on, source, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const e of record.evidence) {
    evidence.run(e.id, c.id, e.name, e.mediaType, e.size, e.sha256, Buffer.alloc(0), e.receivedOn, e.source, c.createdBy, c.createdAt);
    const content = evidenceContent.get(e.id);
    if (content !== undefined) writeEvidenceChunks(db, e.id, content);
  }
  const custody = db.prepare('INSERT INTO custody_events (case_id, evidence_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?, ?)');
  for (const e of record.custody) custody.run(c.id, e.evidenceId, e.at, e.actor, e.action, JSON.stringify(e.detail));
}
