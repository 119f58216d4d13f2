import { AppError } from '../../../shared/contract';
import type { CaseHistoryEntry } from '../../../shared/contract/caseEdits';
import type { NewIndicator } from '../../../shared/contract/cases';
import type { ProgramType } from '../../../shared/domain/ids';
import { corroborationLabels, fieldLabel, howReceivedLabels, valueLabel } from '../../../shared/labels';
import type { Indicator, Report, Subject } from '../../../shared/model/caseRecord';
import type { Queries } from '../data';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { auditRead } from './access';
import { requireCase } from './cases';
import { changeCase, notInFuture, recomputeObligations } from './casework';
import { newId } from './ids';

/**
 * Edits with reasons. A case's title and program, its subject's details and its
 * reports can be corrected after intake; each edit needs a reason and keeps the
 * fields' previous values (case_edits, migration 0016), so the case's history
 * shows what changed, by whom, when and why. The edit, its history row, the
 * case's search row and the audit event (which names the fields, never their
 * text) are written in one transaction: all of it or none.
 */

type Value = string | boolean | null;
interface StoredChange {
  field: string;
  before: Value;
  after: Value;
}
type EditTarget = 'case' | 'subject' | 'report';

/** The fields whose value differs, in the order given. */
function differences<T extends Record<string, Value>>(before: T, changes: Partial<T>): StoredChange[] {
  return (Object.keys(changes) as (keyof T & string)[]).filter((k) => changes[k] !== undefined && changes[k] !== before[k]).map((k) => ({ field: k, before: before[k] ?? null, after: changes[k] ?? null }));
}

const auditActions: Readonly<Record<EditTarget, string>> = { case: 'case.edit', subject: 'subject.edit', report: 'report.edit' };

/** Runs one edit: refuses "no change", writes the change and its history row, audits the fields changed. */
function edit(
  session: VaultSession,
  caseId: string,
  target: EditTarget,
  targetId: string | null,
  reason: string,
  now: Date,
  plan: (db: Db, tx: Queries) => { changes: StoredChange[]; apply: () => void | Promise<void> },
): Promise<{ editId: string; changed: string[] }> {
  const editId = newId();
  let fields: string[] = [];
  const ids = { editId, ...(targetId === null ? {} : { [`${target}Id`]: targetId }) };
  return changeCase(
    session,
    caseId,
    now,
    {
      action: auditActions[target],
      // Read when the event is written, after the change: it names the fields changed, never their text.
      get detail() {
        return { ...ids, fields };
      },
    },
    async (tx) => {
      const db = session.db;
      const { changes, apply } = plan(db, tx);
      if (changes.length === 0) throw new AppError('invalid_input', 'Nothing to save: every value is the same as before. Nothing was changed.');
      fields = changes.map((c) => c.field);
      await apply();
      db.prepare('INSERT INTO case_edits (id, case_id, target, target_id, changes, reason, edited_by, edited_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        editId,
        caseId,
        target,
        targetId,
        JSON.stringify(changes),
        reason,
        session.user.name,
        now.toISOString(),
      );
      return { editId, changed: fields };
    },
  );
}

/** Corrects the case's title or program; a new program recomputes the reporting obligations. */
export function editCaseDetails(session: VaultSession, caseId: string, changes: { title?: string | undefined; program?: ProgramType | undefined }, reason: string, now: Date) {
  return edit(session, caseId, 'case', null, reason, now, (db, tx) => {
    const current = requireCase(db, caseId).case;
    const diff = differences({ title: current.title, program: current.program }, changes);
    return {
      changes: diff,
      apply: async () => {
        db.prepare('UPDATE cases SET title = ?, program = ? WHERE id = ?').run(changes.title ?? current.title, changes.program ?? current.program, caseId);
        if (diff.some((c) => c.field === 'program')) await recomputeObligations(tx, caseId, now);
      },
    };
  });
}

const subjectColumns: Readonly<Record<keyof Omit<Subject, 'displayId'>, string>> = {
  realName: 'real_name',
  employeeId: 'employee_id',
  orgUnit: 'org_unit',
  position: 'position',
  clearance: 'clearance',
  facilityAccess: 'facility_access',
  systemAccess: 'system_access',
};
type SubjectChanges = Partial<Record<keyof typeof subjectColumns, string | undefined>>;

/** Corrects the subject's details (name, employee id, unit, position, clearance, accesses). */
export function editSubject(session: VaultSession, caseId: string, changes: SubjectChanges, reason: string, now: Date) {
  return edit(session, caseId, 'subject', null, reason, now, (db) => {
    const { displayId: _displayId, ...current } = requireCase(db, caseId).subject;
    const diff = differences<Record<string, Value>>(current, changes);
    return {
      changes: diff,
      apply: () => {
        const subjectId = (db.prepare('SELECT subject_id FROM cases WHERE id = ?').get(caseId) as { subject_id: string }).subject_id;
        for (const c of diff) db.prepare(`UPDATE subjects SET ${subjectColumns[c.field as keyof typeof subjectColumns]} = ? WHERE id = ?`).run(c.after, subjectId);
      },
    };
  });
}

type ReportChanges = Partial<Pick<Report, 'receivedOn' | 'howReceived' | 'reporter' | 'reporterConfidential' | 'narrative'>>;

/** Corrects one report of the case. */
export function editReport(session: VaultSession, caseId: string, reportId: string, changes: ReportChanges, reason: string, now: Date) {
  if (changes.receivedOn !== undefined) notInFuture(changes.receivedOn, now, 'The date received');
  return edit(session, caseId, 'report', reportId, reason, now, (db) => {
    const report = requireCase(db, caseId).reports.find((r) => r.id === reportId);
    if (report === undefined) throw new AppError('not_found', 'There is no such report on this case. Nothing was changed.');
    const { receivedOn, howReceived, reporter, reporterConfidential, narrative } = report;
    const next = { receivedOn, howReceived, reporter, reporterConfidential, narrative, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as ReportChanges & Report;
    return {
      changes: differences<Record<string, Value>>({ receivedOn, howReceived, reporter, reporterConfidential, narrative }, changes),
      apply: () => {
        db.prepare('UPDATE reports SET received_on = ?, how_received = ?, reporter = ?, reporter_confidential = ?, narrative = ? WHERE id = ? AND case_id = ?').run(
          next.receivedOn,
          next.howReceived,
          next.reporter,
          next.reporterConfidential ? 1 : 0,
          next.narrative,
          reportId,
          caseId,
        );
      },
    };
  });
}

/** A stored value in words: codes by their labels, yes/no for flags; the subject's name never (null). */
function valueWords(field: string, value: Value): string | null {
  if (field === 'realName') return null;
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  switch (field) {
    case 'howReceived':
      return (howReceivedLabels as Record<string, string>)[value] ?? valueLabel(value);
    case 'corroboration':
      return (corroborationLabels as Record<string, string>)[value] ?? valueLabel(value);
    case 'basis':
      return value === 'fact' ? 'Fact' : value === 'opinion' ? 'Opinion' : value;
    case 'program':
    case 'category':
    case 'stage':
      return valueLabel(value);
    default:
      return value;
  }
}

const inWords = (changes: readonly StoredChange[]) => changes.map((c) => ({ field: c.field, label: fieldLabel(c.field), before: valueWords(c.field, c.before), after: valueWords(c.field, c.after) }));

const indicatorFields: readonly (keyof NewIndicator)[] = ['category', 'stage', 'observedOn', 'summary', 'detail', 'source', 'corroboration', 'basis'];

/**
 * A case's history, newest first: each edit with its reason, and each earlier
 * version of an indicator as the difference to the version after it. Reading it
 * is audited as a read (`case.history`), like the timeline.
 */
export function caseHistory(session: VaultSession, caseId: string, now: Date): CaseHistoryEntry[] {
  const db = session.db;
  const record = requireCase(db, caseId);
  const reports = new Map(record.reports.map((r) => [r.id, r]));
  const rows = db.prepare('SELECT id, target, target_id, changes, reason, edited_by, edited_at FROM case_edits WHERE case_id = ? ORDER BY edited_at DESC, rowid DESC').all(caseId) as {
    id: string;
    target: EditTarget;
    target_id: string | null;
    changes: string;
    reason: string;
    edited_by: string;
    edited_at: string;
  }[];
  const edits: CaseHistoryEntry[] = rows.map((r) => {
    const report = r.target_id === null ? undefined : reports.get(r.target_id);
    const what = r.target === 'case' ? 'Case details' : r.target === 'subject' ? 'Subject details' : report === undefined ? 'A report' : `Report received ${report.receivedOn}`;
    return { id: r.id, at: r.edited_at, by: r.edited_by, target: r.target, what, reason: r.reason, changes: inWords(JSON.parse(r.changes) as StoredChange[]) };
  });

  const versions: CaseHistoryEntry[] = [];
  for (const indicator of record.indicators) {
    const earlier = db.prepare('SELECT version, changed_at, changed_by, snapshot FROM indicator_history WHERE indicator_id = ? ORDER BY version').all(indicator.id) as {
      version: number;
      changed_at: string;
      changed_by: string;
      snapshot: string;
    }[];
    earlier.forEach((row, i) => {
      const before = JSON.parse(row.snapshot) as Indicator;
      const nextRow = earlier[i + 1];
      const after = nextRow === undefined ? indicator : (JSON.parse(nextRow.snapshot) as Indicator);
      const changes = indicatorFields.filter((k) => before[k] !== after[k]).map((k) => ({ field: k, before: before[k], after: after[k] }));
      versions.push({ id: `${indicator.id}:${row.version}`, at: row.changed_at, by: row.changed_by, target: 'indicator', what: `Indicator: ${indicator.summary}`, reason: null, changes: inWords(changes) });
    });
  }
  auditRead(db, session.user, 'case.history', caseId, now);
  return [...edits, ...versions].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
