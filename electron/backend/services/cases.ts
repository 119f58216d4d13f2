import { AppError } from '../../../shared/contract';
import type { CaseView, Intake } from '../../../shared/contract/cases';
import { intakeSchema } from '../../../shared/contract/cases';
import { indicatorStages } from '../../../shared/domain/ids';
import { caseRecordSchema, type CaseRecord } from '../../../shared/model/caseRecord';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { insertCaseRecord, readCaseRecord } from './caseStore';
import { newDisplayId, newId, nextCaseNumber } from './ids';

export interface Actor {
  name: string;
}

const stageRank = (stage: string | null) => (stage === null ? -1 : indicatorStages.indexOf(stage as (typeof indicatorStages)[number]));

export function furthestStage(stages: readonly string[]): CaseRecord['case']['furthestStage'] {
  let best: string | null = null;
  for (const s of stages) if (stageRank(s) > stageRank(best)) best = s;
  return best as CaseRecord['case']['furthestStage'];
}

/** Opens a case from the intake form, in one transaction with its audit event. */
export function createCase(db: Db, actor: Actor, raw: Intake, now: Date): { id: string; number: string } {
  const input = intakeSchema.parse(raw);
  const stamp = now.toISOString();
  const today = stamp.slice(0, 10);
  if (input.report.receivedOn > today) throw new AppError('invalid_input', 'The report cannot be received in the future.');
  for (const i of input.indicators) if (i.observedOn > today) throw new AppError('invalid_input', 'An indicator cannot be observed in the future.');
  return db.transaction(() => {
    const id = newId();
    const number = nextCaseNumber(db, now.getUTCFullYear());
    const reportId = newId();
    const record: CaseRecord = {
      format: 'offramp-case',
      version: 1,
      case: {
        id,
        number,
        title: input.title,
        program: input.program,
        status: 'open',
        risk: 'low',
        furthestStage: furthestStage(input.indicators.map((i) => i.stage)),
        assignedTo: input.assignedTo ?? actor.name,
        members: [actor.name],
        createdBy: actor.name,
        createdAt: stamp,
        updatedAt: stamp,
        lastActivityAt: stamp,
        nextReview: null,
        legalHold: false,
        closedAt: null,
        closureReason: null,
        sourcePacketId: null,
      },
      subject: { displayId: newDisplayId(db), ...input.subject },
      reports: [{ id: reportId, ...input.report, createdBy: actor.name, createdAt: stamp }],
      indicators: input.indicators.map((i) => ({ id: newId(), reportId, ...i, version: 1, createdBy: actor.name, createdAt: stamp, updatedAt: stamp })),
      analysis: [],
      checklist: [],
      assessments: [],
      determinations: [],
      strategies: [],
      actions: [],
      obligations: [],
      reportingRecords: [],
      reviews: [],
      evidence: [],
      custody: [],
    };
    insertCaseRecord(db, record);
    appendAudit(db, { actor: actor.name, action: 'case.create', caseId: id, detail: { number, program: input.program, indicators: input.indicators.length } }, now);
    return { id, number };
  })();
}

export { listCases, WALK_SORT_INDEX_ABOVE } from './caseList';

export function requireCase(db: Db, caseId: string): CaseRecord {
  const record = readCaseRecord(db, caseId);
  if (record === null) throw new AppError('not_found', 'There is no such case.');
  return record;
}

export function isCaseTeam(record: CaseRecord, user: string): boolean {
  return record.case.createdBy === user || record.case.assignedTo === user || record.case.members.includes(user);
}

/** A case as the signed-in user may see it; the view is audited. */
export function viewCase(session: VaultSession, caseId: string, now: Date): CaseView {
  const record = requireCase(session.db, caseId);
  const team = isCaseTeam(record, session.user.name);
  appendAudit(session.db, { actor: session.user.name, action: 'case.view', caseId }, now);
  return {
    ...record,
    subject: { ...record.subject, realName: null },
    reports: record.reports.map((r) => {
      const hidden = r.reporterConfidential && !team;
      return { ...r, reporter: hidden ? '' : r.reporter, reporterHidden: hidden };
    }),
  };
}

/**
 * The subject's real name, for one reason. The reason is kept with the case
 * (`subject_reveals`, disposed of with it); the audit event names the row.
 */
export function revealSubject(session: VaultSession, caseId: string, reason: string, now: Date): string {
  const record = requireCase(session.db, caseId);
  const revealId = newId();
  session.db.transaction(() => {
    session.db.prepare('INSERT INTO subject_reveals (id, case_id, actor, at, reason) VALUES (?, ?, ?, ?, ?)').run(revealId, caseId, session.user.name, now.toISOString(), reason);
    appendAudit(session.db, { actor: session.user.name, action: 'case.reveal_subject', caseId, detail: { revealId } }, now);
  })();
  return record.subject.realName;
}

export interface SubjectReveal {
  id: string;
  actor: string;
  at: string;
  reason: string;
}

/** Every reveal of a case's subject, newest first, with its reason. */
export function listSubjectReveals(db: Db, caseId: string): SubjectReveal[] {
  return db.prepare('SELECT id, actor, at, reason FROM subject_reveals WHERE case_id = ? ORDER BY at DESC, rowid DESC').all(caseId) as SubjectReveal[];
}

/** Marks a change on a case: updated and last-activity times. */
export function touchCase(db: Db, caseId: string, now: Date): void {
  const stamp = now.toISOString();
  db.prepare('UPDATE cases SET updated_at = ?, last_activity_at = ? WHERE id = ?').run(stamp, stamp, caseId);
}

export function exportCases(db: Db, ids?: readonly string[]): CaseRecord[] {
  const list = ids ?? (db.prepare('SELECT id FROM cases ORDER BY number').all() as { id: string }[]).map((r) => r.id);
  return list.map((id) => requireCase(db, id));
}

/**
 * Imports JSON lines, all or nothing: every line is parsed and checked first; a
 * bad line names its number and the problem, and nothing is written.
 */
export function importCases(db: Db, actor: Actor, text: string, now: Date): { imported: number } {
  const records: CaseRecord[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new AppError('invalid_input', `Line ${index + 1}: not valid JSON (${(error as Error).message}).`);
    }
    const result = caseRecordSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new AppError('invalid_input', `Line ${index + 1}: ${issue?.path.join('.') || '(case)'}: ${issue?.message ?? 'invalid'}.`);
    }
    records.push(result.data);
  });
  if (records.length === 0) throw new AppError('invalid_input', 'The file holds no cases.');
  db.transaction(() => {
    records.forEach((record, i) => {
      const clash = db.prepare('SELECT 1 FROM cases WHERE id = ? OR number = ?').get(record.case.id, record.case.number);
      if (clash !== undefined) throw new AppError('conflict', `Case ${i + 1} (${record.case.number}) already exists in this vault; nothing was imported.`);
      if (db.prepare('SELECT 1 FROM subjects WHERE display_id = ?').get(record.subject.displayId) !== undefined) {
        throw new AppError('conflict', `Case ${i + 1} (${record.case.number}): subject ${record.subject.displayId} already exists; nothing was imported.`);
      }
      insertCaseRecord(db, record);
      appendAudit(db, { actor: actor.name, action: 'case.import', caseId: record.case.id, detail: { number: record.case.number } }, now);
    });
  })();
  return { imported: records.length };
}
