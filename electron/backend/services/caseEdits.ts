import { AppError } from '../../../shared/contract';
import type { CaseHistoryEntry } from '../../../shared/contract/caseEdits';
import type { NewIndicator } from '../../../shared/contract/cases';
import type { ProgramType } from '../../../shared/domain/ids';
import { corroborationLabels, fieldLabel, howReceivedLabels, valueLabel } from '../../../shared/labels';
import { storeOf, type Queries } from '../data';
import {
  caseEditsOfCase,
  indicatorVersionsOfCase,
  insertCaseEdit,
  setCaseTitleAndProgram,
  updateReportFields,
  updateSubjectOfCase,
  type EditedTarget,
  type EditValue,
  type ReportFields,
  type StoredChange,
  type SubjectDetails,
} from '../data/caseEdits';
import type { IndicatorVersion } from '../data/caseItems';
import type { VaultSession } from '../vault/session';
import { auditRead } from './access';
import { changeCase, notInFuture, recomputeObligations, requireRecord } from './casework';
import { newId } from './ids';

/**
 * Edits with reasons. A case's title and program, its subject's details and its
 * reports can be corrected after intake; each edit needs a reason and keeps the
 * fields' previous values (case_edits, migration 0016), so the case's history
 * shows what changed, by whom, when and why. The edit, its history row, the
 * case's search row and the audit event (which names the fields, never their
 * text) are written in one transaction: all of it or none.
 */

/**
 * The fields whose value differs, in the order given, with their previous and
 * new values; and the new values alone, by field.
 */
function differences<K extends string, V extends EditValue>(before: Record<K, V>, changes: Partial<Record<K, NoInfer<V>>>): { diff: StoredChange[]; changed: Partial<Record<K, V>> } {
  const isField = (key: string): key is K => Object.hasOwn(before, key);
  const diff: StoredChange[] = [];
  const changed: Partial<Record<K, V>> = {};
  for (const field of Object.keys(changes).filter(isField)) {
    const after = changes[field];
    if (after === undefined || after === before[field]) continue;
    diff.push({ field, before: before[field], after });
    changed[field] = after;
  }
  return { diff, changed };
}

const auditActions: Readonly<Record<EditedTarget, string>> = { case: 'case.edit', subject: 'subject.edit', report: 'report.edit' };

/**
 * Runs one edit: refuses "no change", writes the change and its history row,
 * audits the fields changed. `plan` reads what it needs through the change's
 * transaction and gives the fields that differ and how to write them.
 */
function edit(
  session: VaultSession,
  caseId: string,
  target: EditedTarget,
  targetId: string | null,
  reason: string,
  now: Date,
  plan: (tx: Queries) => Promise<{ changes: StoredChange[]; apply: () => Promise<void> }>,
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
      const { changes, apply } = await plan(tx);
      if (changes.length === 0) throw new AppError('invalid_input', 'Nothing to save: every value is the same as before. Nothing was changed.');
      fields = changes.map((c) => c.field);
      await apply();
      await insertCaseEdit(tx, { id: editId, caseId, target, targetId, changes, reason, editedBy: session.user.name, editedAt: now.toISOString() });
      return { editId, changed: fields };
    },
  );
}

/** Corrects the case's title or program; a new program recomputes the reporting obligations. */
export function editCaseDetails(session: VaultSession, caseId: string, changes: { title?: string | undefined; program?: ProgramType | undefined }, reason: string, now: Date) {
  return edit(session, caseId, 'case', null, reason, now, async (tx) => {
    const current = (await requireRecord(tx, caseId)).case;
    const { diff } = differences({ title: current.title, program: current.program }, changes);
    return {
      changes: diff,
      apply: async () => {
        await setCaseTitleAndProgram(tx, caseId, changes.title ?? current.title, changes.program ?? current.program);
        if (diff.some((c) => c.field === 'program')) await recomputeObligations(tx, caseId, now);
      },
    };
  });
}

type SubjectChanges = Partial<Record<keyof SubjectDetails, string | undefined>>;

/** Corrects the subject's details (name, employee id, unit, position, clearance, accesses). */
export function editSubject(session: VaultSession, caseId: string, changes: SubjectChanges, reason: string, now: Date) {
  return edit(session, caseId, 'subject', null, reason, now, async (tx) => {
    const { displayId: _displayId, ...current } = (await requireRecord(tx, caseId)).subject;
    const { diff, changed } = differences(current, changes);
    return { changes: diff, apply: () => updateSubjectOfCase(tx, caseId, changed) };
  });
}

/** Corrects one report of the case. */
export function editReport(session: VaultSession, caseId: string, reportId: string, changes: Partial<ReportFields>, reason: string, now: Date) {
  if (changes.receivedOn !== undefined) notInFuture(changes.receivedOn, now, 'The date received');
  return edit(session, caseId, 'report', reportId, reason, now, async (tx) => {
    const report = (await requireRecord(tx, caseId)).reports.find((r) => r.id === reportId);
    if (report === undefined) throw new AppError('not_found', 'There is no such report on this case. Nothing was changed.');
    const current: ReportFields = { receivedOn: report.receivedOn, howReceived: report.howReceived, reporter: report.reporter, reporterConfidential: report.reporterConfidential, narrative: report.narrative };
    const next: ReportFields = {
      receivedOn: changes.receivedOn ?? current.receivedOn,
      howReceived: changes.howReceived ?? current.howReceived,
      reporter: changes.reporter ?? current.reporter,
      reporterConfidential: changes.reporterConfidential ?? current.reporterConfidential,
      narrative: changes.narrative ?? current.narrative,
    };
    return {
      changes: differences(current, changes).diff,
      apply: async () => {
        await updateReportFields(tx, caseId, reportId, next);
      },
    };
  });
}

/** The label of a code in a table of labels; undefined when the table has none for it (never a property every object has). */
function labelIn(labels: Readonly<Record<string, string>>, code: string): string | undefined {
  return Object.hasOwn(labels, code) ? labels[code] : undefined;
}

/** A stored value in words: codes by their labels, yes/no for flags; the subject's name never (null). */
function valueWords(field: string, value: EditValue): string | null {
  if (field === 'realName') return null;
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  switch (field) {
    case 'howReceived':
      return labelIn(howReceivedLabels, value) ?? valueLabel(value);
    case 'corroboration':
      return labelIn(corroborationLabels, value) ?? valueLabel(value);
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
 * is audited as a read (`case.history`), like the timeline; the reads and the
 * audit event are one transaction, so the history is of one moment.
 */
export function caseHistory(session: VaultSession, caseId: string, now: Date): Promise<CaseHistoryEntry[]> {
  return storeOf(session).transaction(async (tx) => {
    const record = await requireRecord(tx, caseId);
    const reports = new Map(record.reports.map((r) => [r.id, r]));
    const edits: CaseHistoryEntry[] = (await caseEditsOfCase(tx, caseId)).map((e) => {
      const report = e.targetId === null ? undefined : reports.get(e.targetId);
      const what = e.target === 'case' ? 'Case details' : e.target === 'subject' ? 'Subject details' : report === undefined ? 'A report' : `Report received ${report.receivedOn}`;
      return { id: e.id, at: e.editedAt, by: e.editedBy, target: e.target, what, reason: e.reason, changes: inWords(e.changes) };
    });

    const earlierOf = new Map<string, IndicatorVersion[]>();
    for (const v of await indicatorVersionsOfCase(tx, caseId)) {
      const list = earlierOf.get(v.indicatorId);
      if (list === undefined) earlierOf.set(v.indicatorId, [v]);
      else list.push(v);
    }
    const versions: CaseHistoryEntry[] = [];
    for (const indicator of record.indicators) {
      const earlier = earlierOf.get(indicator.id) ?? [];
      earlier.forEach((version, i) => {
        const before = version.indicator;
        const after = earlier[i + 1]?.indicator ?? indicator;
        const changes = indicatorFields.filter((k) => before[k] !== after[k]).map((k) => ({ field: k, before: before[k], after: after[k] }));
        versions.push({ id: `${indicator.id}:${version.version}`, at: version.changedAt, by: version.changedBy, target: 'indicator', what: `Indicator: ${indicator.summary}`, reason: null, changes: inWords(changes) });
      });
    }
    auditRead(session.db, session.user, 'case.history', caseId, now);
    return [...edits, ...versions].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  });
}
