import { reviewDue } from '../../../shared/model/schedule';
import { AppError } from '../../../shared/contract';
import type { z } from 'zod';
import type { analysisInputSchema, assessmentInputSchema } from '../../../shared/contract/casework';
import type { NewIndicator } from '../../../shared/contract/cases';
import { evaluate, type EvaluateOutput } from '../../../shared/domain';
import type { FactId, OptionId, Recipient } from '../../../shared/domain/ids';
import { allOptionIds } from '../../../shared/domain/ids';
import type { CaseRecord, Indicator } from '../../../shared/model/caseRecord';
import { appendAudit } from '../vault/audit';
import { statement, type Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { readCaseRecord } from './caseStore';
import { furthestStage, requireCase, touchCase } from './cases';
import { newId } from './ids';
import { refreshSchedule, scheduleFacts } from './schedule';
import { programRulesForEvaluation } from './programRulesStore';

type AnalysisInput = z.output<typeof analysisInputSchema>;
type AssessmentInput = z.output<typeof assessmentInputSchema>;

const today = (now: Date) => now.toISOString().slice(0, 10);

export function notInFuture(date: string, now: Date, what: string): void {
  if (date > today(now)) throw new AppError('invalid_input', `${what} cannot be in the future.`);
}

/**
 * Runs one change to a case: in a transaction, refusing closed cases, then
 * refreshing the case's schedule (risk, next review) and activity time and
 * appending the audit event — so no change is ever recorded without its audit
 * entry or vice versa. A change that touches none of the schedule's facts
 * (status, assessments, reviews, actions, determinations; ScheduleFacts) says
 * so with `schedule: 'unaffected'`, and the schedule is not read again.
 */
export function changeCase<T>(
  session: VaultSession,
  caseId: string,
  now: Date,
  audit: { action: string; detail?: Record<string, string | number | boolean | null | string[]> },
  fn: (db: Db) => T,
  options: { schedule?: 'unaffected' } = {},
): T {
  const db = session.db;
  return db.transaction(() => {
    const row = statement(db, 'SELECT status FROM cases WHERE id = ?').get(caseId) as { status: string } | undefined;
    if (row === undefined) throw new AppError('not_found', 'There is no such case.');
    if (row.status === 'closed' && !audit.action.startsWith('case.reopen')) throw new AppError('conflict', 'The case is closed. Reopen it to change it.');
    const result = fn(db);
    if (options.schedule !== 'unaffected') refreshSchedule(db, caseId);
    touchCase(db, caseId, now);
    appendAudit(db, { actor: session.user.name, action: audit.action, caseId, detail: audit.detail ?? {} }, now);
    return result;
  })();
}

function refreshFurthestStage(db: Db, caseId: string): void {
  const stages = (statement(db, 'SELECT DISTINCT stage FROM indicators WHERE case_id = ?').all(caseId) as { stage: string }[]).map((r) => r.stage);
  statement(db, 'UPDATE cases SET furthest_stage = @stage WHERE id = @id AND furthest_stage IS NOT @stage').run({ stage: furthestStage(stages), id: caseId });
}

export function addReport(session: VaultSession, caseId: string, report: { receivedOn: string; howReceived: string; reporter: string; reporterConfidential: boolean; narrative: string }, now: Date): string {
  notInFuture(report.receivedOn, now, 'The date received');
  const id = newId();
  changeCase(session, caseId, now, { action: 'report.add', detail: { reportId: id } }, (db) => {
    db.prepare(
      'INSERT INTO reports (id, case_id, received_on, how_received, reporter, reporter_confidential, narrative, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(id, caseId, report.receivedOn, report.howReceived, report.reporter, report.reporterConfidential ? 1 : 0, report.narrative, session.user.name, now.toISOString());
  });
  return id;
}

export function addIndicator(session: VaultSession, caseId: string, reportId: string | null, i: NewIndicator, now: Date): string {
  notInFuture(i.observedOn, now, 'The date observed');
  const id = newId();
  const stamp = now.toISOString();
  changeCase(session, caseId, now, { action: 'indicator.add', detail: { indicatorId: id, category: i.category, stage: i.stage } }, (db) => {
    if (reportId !== null && db.prepare('SELECT 1 FROM reports WHERE id = ? AND case_id = ?').get(reportId, caseId) === undefined) {
      throw new AppError('not_found', 'That report is not on this case.');
    }
    statement(
      db,
      `INSERT INTO indicators (id, case_id, report_id, category, stage, observed_on, summary, detail, source, corroboration, basis, version, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    ).run(id, caseId, reportId, i.category, i.stage, i.observedOn, i.summary, i.detail, i.source, i.corroboration, i.basis, session.user.name, stamp, stamp);
    // A new indicator can only move the furthest stage forward: no need to read the case's other indicators.
    const current = statement(db, 'SELECT furthest_stage FROM cases WHERE id = ?').get(caseId) as { furthest_stage: string | null };
    const stage = furthestStage([...(current.furthest_stage === null ? [] : [current.furthest_stage]), i.stage]);
    if (stage !== current.furthest_stage) statement(db, 'UPDATE cases SET furthest_stage = ? WHERE id = ?').run(stage, caseId);
  }, { schedule: 'unaffected' });
  return id;
}

function currentIndicator(db: Db, caseId: string, id: string): Indicator {
  const record = readCaseRecord(db, caseId);
  const indicator = record?.indicators.find((x) => x.id === id);
  if (indicator === undefined) throw new AppError('not_found', 'There is no such indicator on this case.');
  return indicator;
}

/** Changes an indicator, keeping the previous version in its history. */
export function updateIndicator(session: VaultSession, caseId: string, id: string, i: NewIndicator, now: Date): number {
  notInFuture(i.observedOn, now, 'The date observed');
  return changeCase(session, caseId, now, { action: 'indicator.update', detail: { indicatorId: id } }, (db) => {
    const before = currentIndicator(db, caseId, id);
    const changed = (Object.keys(i) as (keyof NewIndicator)[]).filter((k) => before[k] !== i[k]);
    if (changed.length === 0) return before.version;
    db.prepare('INSERT INTO indicator_history (indicator_id, version, changed_at, changed_by, snapshot) VALUES (?, ?, ?, ?, ?)').run(
      id,
      before.version,
      now.toISOString(),
      session.user.name,
      JSON.stringify(before),
    );
    db.prepare(
      `UPDATE indicators SET category = ?, stage = ?, observed_on = ?, summary = ?, detail = ?, source = ?, corroboration = ?, basis = ?,
         version = version + 1, updated_at = ? WHERE id = ? AND case_id = ?`,
    ).run(i.category, i.stage, i.observedOn, i.summary, i.detail, i.source, i.corroboration, i.basis, now.toISOString(), id, caseId);
    refreshFurthestStage(db, caseId);
    return before.version + 1;
  }, { schedule: 'unaffected' });
}

export function indicatorHistory(db: Db, caseId: string, id: string): { version: number; changedAt: string; changedBy: string; indicator: Indicator }[] {
  currentIndicator(db, caseId, id);
  const rows = db.prepare('SELECT version, changed_at, changed_by, snapshot FROM indicator_history WHERE indicator_id = ? ORDER BY version DESC').all(id) as {
    version: number;
    changed_at: string;
    changed_by: string;
    snapshot: string;
  }[];
  return rows.map((r) => ({ version: r.version, changedAt: r.changed_at, changedBy: r.changed_by, indicator: JSON.parse(r.snapshot) as Indicator }));
}

export function saveAnalysisItem(session: VaultSession, input: AnalysisInput, now: Date): string {
  const id = input.id ?? newId();
  const stamp = now.toISOString();
  const action = input.id === undefined ? 'analysis.add' : 'analysis.update';
  changeCase(session, input.caseId, now, { action, detail: { itemId: id, kind: input.kind } }, (db) => {
    const values = [input.kind, input.text, input.kind === 'question' ? input.questionKind : null, input.answer, input.sources, input.status, input.justified === null ? null : input.justified ? 1 : 0, input.impact, input.discipline];
    if (input.id === undefined) {
      db.prepare(
        `INSERT INTO analysis_items (id, case_id, kind, text, question_kind, answer, sources, status, justified, impact, discipline, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, input.caseId, ...values, session.user.name, stamp, stamp);
    } else {
      const result = db
        .prepare(
          `UPDATE analysis_items SET kind = ?, text = ?, question_kind = ?, answer = ?, sources = ?, status = ?, justified = ?, impact = ?, discipline = ?, updated_at = ?
           WHERE id = ? AND case_id = ?`,
        )
        .run(...values, stamp, id, input.caseId);
      if (result.changes === 0) throw new AppError('not_found', 'There is no such analysis item on this case.');
    }
  });
  return id;
}

export function removeAnalysisItem(session: VaultSession, caseId: string, id: string, now: Date): void {
  changeCase(session, caseId, now, { action: 'analysis.remove', detail: { itemId: id } }, (db) => {
    if (db.prepare('DELETE FROM analysis_items WHERE id = ? AND case_id = ?').run(id, caseId).changes === 0) {
      throw new AppError('not_found', 'There is no such analysis item on this case.');
    }
  });
}

export function setChecklistItem(session: VaultSession, caseId: string, itemId: string, addressed: boolean, note: string, now: Date, known: readonly string[]): void {
  if (!known.includes(itemId)) throw new AppError('invalid_input', `Unknown checklist item "${itemId}".`);
  changeCase(session, caseId, now, { action: 'checklist.set', detail: { itemId, addressed } }, (db) => {
    db.prepare(
      `INSERT INTO checklist_items (case_id, item_id, addressed, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(case_id, item_id) DO UPDATE SET addressed = excluded.addressed, note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    ).run(caseId, itemId, addressed ? 1 : 0, note, session.user.name, now.toISOString());
  });
}

/**
 * The rules engine's view of a case: determinations as facts, indicators, planned
 * actions, with the program's own rules in force in this vault added to the
 * shipped ones (services/programRules.ts).
 */
export function evaluateCase(record: CaseRecord, db: Db): EvaluateOutput {
  const facts: Partial<Record<FactId, boolean>> = {};
  for (const d of record.determinations) if (d.value !== 'unknown') facts[d.factId] = d.value === 'yes';
  const plan = record.actions
    .filter((a) => a.status !== 'discontinued' && (allOptionIds as readonly string[]).includes(a.optionId))
    .map((a) => a.optionId as OptionId);
  return evaluate(
    { program: record.case.program, facts, indicators: record.indicators.map((i) => ({ category: i.category, stage: i.stage, summary: i.summary.slice(0, 200) })), plan },
    { extraRules: programRulesForEvaluation(db) },
  );
}

/** Recomputes a case's obligations from its determinations; returns who was added or dropped. */
export function recomputeObligations(db: Db, caseId: string, now: Date): { added: Recipient[]; removed: Recipient[] } {
  const record = requireCase(db, caseId);
  const before = new Set(record.obligations.map((o) => o.recipient));
  const obligations = evaluateCase(record, db).obligations;
  db.prepare('DELETE FROM obligations WHERE case_id = ?').run(caseId);
  const insert = db.prepare('INSERT INTO obligations (case_id, recipient, basis, citation, timing, computed_at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const o of obligations) insert.run(caseId, o.recipient, o.basis, o.citation, o.timing, now.toISOString());
  const after = new Set(obligations.map((o) => o.recipient));
  return { added: [...after].filter((r) => !before.has(r)), removed: [...before].filter((r) => !after.has(r)) };
}

export function setDeterminations(session: VaultSession, caseId: string, values: { factId: FactId; value: 'yes' | 'no' | 'unknown'; note: string }[], now: Date): { added: Recipient[]; removed: Recipient[] } {
  return changeCase(session, caseId, now, { action: 'determinations.set', detail: { facts: values.map((v) => `${v.factId}=${v.value}`) } }, (db) => {
    const upsert = db.prepare(
      `INSERT INTO determinations (case_id, fact_id, value, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(case_id, fact_id) DO UPDATE SET value = excluded.value, note = excluded.note, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    );
    for (const v of values) upsert.run(caseId, v.factId, v.value, v.note, session.user.name, now.toISOString());
    return recomputeObligations(db, caseId, now);
  });
}

/** Records an assessment; the case takes its risk level and the next review date the engine schedules. */
export function recordAssessment(session: VaultSession, input: AssessmentInput, now: Date): { id: string; nextReview: string } {
  const id = newId();
  return changeCase(session, input.caseId, now, { action: 'assessment.record', detail: { assessmentId: id, risk: input.risk, imminence: input.imminence } }, (db) => {
    db.prepare(
      `INSERT INTO assessments (id, case_id, interest, motive, ability, imminence, risk, rationale, le_criteria, is_final, assessed_by, assessed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    ).run(id, input.caseId, input.interest, input.motive, input.ability, input.imminence, input.risk, input.rationale, JSON.stringify(input.leCriteria), session.user.name, now.toISOString());
    const nextReview = reviewDue(scheduleFacts(requireCase(db, input.caseId))).nextReview;
    if (nextReview === null) throw new AppError('conflict', 'The case is closed.');
    return { id, nextReview };
  });
}
