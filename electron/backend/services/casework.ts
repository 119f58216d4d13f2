import { localToday, reviewDue } from '../../../shared/model/schedule';
import { AppError } from '../../../shared/contract';
import type { z } from 'zod';
import type { analysisInputSchema, assessmentInputSchema } from '../../../shared/contract/casework';
import type { NewIndicator } from '../../../shared/contract/cases';
import { evaluate, type EvaluateOutput } from '../../../shared/domain';
import type { FactId, OptionId, Recipient } from '../../../shared/domain/ids';
import { allOptionIds } from '../../../shared/domain/ids';
import type { ReportingRule } from '../../../shared/domain/reporting/rule';
import type { CaseRecord, Indicator } from '../../../shared/model/caseRecord';
import { storeOf, type Queries } from '../data';
import {
  deleteAnalysisItem,
  indicatorStagesOfCase,
  indicatorVersionAuthor,
  indicatorVersions,
  insertAnalysisItem,
  insertAssessment,
  insertIndicator,
  insertIndicatorVersion,
  insertReport,
  replaceObligations,
  reportIsOnCase,
  updateAnalysisItem,
  updateIndicatorFields,
  upsertChecklistItem,
  upsertDetermination,
} from '../data/caseItems';
import { readCaseRecord } from '../data/caseRecord';
import { caseFurthestStage, caseStatus, setCaseFurthestStage, touchCase } from '../data/cases';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { furthestStage } from './cases';
import { newId } from './ids';
import { refreshSchedule, scheduleFacts } from './schedule';
import { programRulesForEvaluation } from './programRulesStore';

type AnalysisInput = z.output<typeof analysisInputSchema>;
type AssessmentInput = z.output<typeof assessmentInputSchema>;

/** Dates a user enters are on the workstation's own calendar: "today" is the local date, as on the screens. */
export function notInFuture(date: string, now: Date, what: string): void {
  if (date > localToday(now)) throw new AppError('invalid_input', `${what} cannot be in the future.`);
}

/** A case's whole record, read through `q`; not found when there is no such case. */
export async function requireRecord(q: Queries, caseId: string): Promise<CaseRecord> {
  const record = await readCaseRecord(q, caseId);
  if (record === null) throw new AppError('not_found', 'There is no such case.');
  return record;
}

/**
 * Runs one change to a case: in one store transaction, refusing closed cases,
 * then refreshing the case's schedule (risk, next review) and activity time and
 * appending the audit event — so no change is ever recorded without its audit
 * entry or vice versa. A change that touches none of the schedule's facts
 * (status, assessments, reviews, actions, determinations; ScheduleFacts) says
 * so with `schedule: 'unaffected'`, and the schedule is not read again.
 * `fn` queries through the transaction it is given and awaits nothing else.
 * `within` runs the change inside a transaction already open (several changes
 * that stand or fall together) instead of its own.
 */
export async function changeCase<T>(
  session: Pick<VaultSession, 'db' | 'user'>,
  caseId: string,
  now: Date,
  audit: { action: string; detail?: Record<string, string | number | boolean | null | string[]> },
  fn: (tx: Queries) => Promise<T>,
  options: { schedule?: 'unaffected'; within?: Queries } = {},
): Promise<T> {
  const change = async (tx: Queries): Promise<T> => {
    const status = await caseStatus(tx, caseId);
    if (status === null) throw new AppError('not_found', 'There is no such case.');
    if (status === 'closed' && !audit.action.startsWith('case.reopen')) throw new AppError('conflict', 'The case is closed. Reopen it to change it.');
    const result = await fn(tx);
    if (options.schedule !== 'unaffected') await refreshSchedule(tx, caseId);
    await touchCase(tx, caseId, now.toISOString());
    appendAudit(session.db, { actor: session.user.name, action: audit.action, caseId, detail: audit.detail ?? {} }, now);
    return result;
  };
  return options.within === undefined ? storeOf(session).transaction(change) : change(options.within);
}

async function refreshFurthestStage(q: Queries, caseId: string): Promise<void> {
  await setCaseFurthestStage(q, caseId, furthestStage(await indicatorStagesOfCase(q, caseId)));
}

export async function addReport(session: VaultSession, caseId: string, report: { receivedOn: string; howReceived: CaseRecord['reports'][number]['howReceived']; reporter: string; reporterConfidential: boolean; narrative: string }, now: Date): Promise<string> {
  notInFuture(report.receivedOn, now, 'The date received');
  const id = newId();
  await changeCase(session, caseId, now, { action: 'report.add', detail: { reportId: id } }, async (tx) => {
    await insertReport(tx, caseId, { id, ...report, createdBy: session.user.name, createdAt: now.toISOString() });
  });
  return id;
}

export async function addIndicator(session: VaultSession, caseId: string, reportId: string | null, i: NewIndicator, now: Date): Promise<string> {
  notInFuture(i.observedOn, now, 'The date observed');
  const id = newId();
  const stamp = now.toISOString();
  await changeCase(
    session,
    caseId,
    now,
    { action: 'indicator.add', detail: { indicatorId: id, category: i.category, stage: i.stage } },
    async (tx) => {
      if (reportId !== null && !(await reportIsOnCase(tx, caseId, reportId))) throw new AppError('not_found', 'That report is not on this case.');
      await insertIndicator(tx, caseId, { id, reportId, ...pickIndicator(i), version: 1, createdBy: session.user.name, createdAt: stamp, updatedAt: stamp });
      // A new indicator can only move the furthest stage forward: no need to read the case's other indicators.
      const current = await caseFurthestStage(tx, caseId);
      const stage = furthestStage([...(current === null ? [] : [current]), i.stage]);
      if (stage !== current) await setCaseFurthestStage(tx, caseId, stage);
    },
    { schedule: 'unaffected' },
  );
  return id;
}

/** An indicator's own fields, nothing else the input may carry. */
function pickIndicator(i: NewIndicator): NewIndicator {
  return { category: i.category, stage: i.stage, observedOn: i.observedOn, summary: i.summary, detail: i.detail, source: i.source, corroboration: i.corroboration, basis: i.basis };
}

async function currentIndicator(q: Queries, caseId: string, id: string): Promise<Indicator> {
  const record = await readCaseRecord(q, caseId);
  const indicator = record?.indicators.find((x) => x.id === id);
  if (indicator === undefined) throw new AppError('not_found', 'There is no such indicator on this case.');
  return indicator;
}

/**
 * Changes an indicator, keeping the previous version in its history.
 *
 * `expectedVersion` is the version the user's form was filled from. When the
 * indicator has moved on since (another analyst's change, or the same user's in
 * another window), nothing is written and the conflict names who changed it and
 * when, so the form can keep what was typed while the user reloads. Without it
 * (a caller that does not track versions) the change applies to the current
 * version, as before.
 */
export async function updateIndicator(session: VaultSession, caseId: string, id: string, i: NewIndicator, now: Date, expectedVersion?: number): Promise<number> {
  notInFuture(i.observedOn, now, 'The date observed');
  return changeCase(
    session,
    caseId,
    now,
    { action: 'indicator.update', detail: { indicatorId: id } },
    async (tx) => {
      const before = await currentIndicator(tx, caseId, id);
      const changed = (Object.keys(i) as (keyof NewIndicator)[]).filter((k) => before[k] !== i[k]);
      if (changed.length === 0) return before.version;
      if (expectedVersion !== undefined && before.version !== expectedVersion) throw await changedMeanwhile(tx, before);
      await insertIndicatorVersion(tx, { indicatorId: id, version: before.version, changedAt: now.toISOString(), changedBy: session.user.name, indicator: before });
      if (!(await updateIndicatorFields(tx, caseId, id, i, now.toISOString(), before.version))) throw await changedMeanwhile(tx, await currentIndicator(tx, caseId, id));
      await refreshFurthestStage(tx, caseId);
      return before.version + 1;
    },
    { schedule: 'unaffected' },
  );
}

/** The conflict of an edit made from an older version of `current`: who made the version it now has, and when. */
async function changedMeanwhile(q: Queries, current: Indicator): Promise<AppError> {
  const author = (await indicatorVersionAuthor(q, current.id, current.version)) ?? { changedBy: current.createdBy, changedAt: current.updatedAt };
  return new AppError(
    'conflict',
    `This indicator was changed by ${author.changedBy} at ${minuteUtc(author.changedAt)} after you opened it. Nothing of yours was saved: reload the case to see that change, then save yours again.`,
  );
}

/** An ISO timestamp to the minute, as people read it: "2026-12-03 14:05 UTC". */
function minuteUtc(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

export async function indicatorHistory(db: Db, caseId: string, id: string): Promise<{ version: number; changedAt: string; changedBy: string; indicator: Indicator }[]> {
  const { q } = storeOf({ db });
  await currentIndicator(q, caseId, id);
  return (await indicatorVersions(q, id, 'desc')).map((v) => ({ version: v.version, changedAt: v.changedAt, changedBy: v.changedBy, indicator: v.indicator }));
}

export async function saveAnalysisItem(session: VaultSession, input: AnalysisInput, now: Date): Promise<string> {
  const id = input.id ?? newId();
  const stamp = now.toISOString();
  const action = input.id === undefined ? 'analysis.add' : 'analysis.update';
  await changeCase(session, input.caseId, now, { action, detail: { itemId: id, kind: input.kind } }, async (tx) => {
    const item = {
      id,
      kind: input.kind,
      text: input.text,
      questionKind: input.kind === 'question' ? input.questionKind : null,
      answer: input.answer,
      sources: input.sources,
      status: input.status,
      justified: input.justified,
      impact: input.impact,
      discipline: input.discipline,
      updatedAt: stamp,
    };
    if (input.id === undefined) {
      await insertAnalysisItem(tx, input.caseId, { ...item, createdBy: session.user.name, createdAt: stamp });
    } else if (!(await updateAnalysisItem(tx, input.caseId, item))) {
      throw new AppError('not_found', 'There is no such analysis item on this case.');
    }
  });
  return id;
}

export async function removeAnalysisItem(session: VaultSession, caseId: string, id: string, now: Date): Promise<void> {
  await changeCase(session, caseId, now, { action: 'analysis.remove', detail: { itemId: id } }, async (tx) => {
    if (!(await deleteAnalysisItem(tx, caseId, id))) throw new AppError('not_found', 'There is no such analysis item on this case.');
  });
}

export async function setChecklistItem(session: VaultSession, caseId: string, itemId: string, addressed: boolean, note: string, now: Date, known: readonly string[]): Promise<void> {
  if (!known.includes(itemId)) throw new AppError('invalid_input', `Unknown checklist item "${itemId}".`);
  await changeCase(session, caseId, now, { action: 'checklist.set', detail: { itemId, addressed } }, async (tx) => {
    await upsertChecklistItem(tx, caseId, { itemId, addressed, note }, session.user.name, now.toISOString());
  });
}

/**
 * The rules engine's view of a case: determinations as facts, indicators, planned
 * actions, with the program's own rules in force in this vault (`extraRules`,
 * from programRulesForEvaluation; services/programRules.ts) added to the shipped ones.
 */
function evaluateWith(record: CaseRecord, extraRules: readonly ReportingRule[]): EvaluateOutput {
  const facts: Partial<Record<FactId, boolean>> = {};
  for (const d of record.determinations) if (d.value !== 'unknown') facts[d.factId] = d.value === 'yes';
  const plan = record.actions
    .filter((a) => a.status !== 'discontinued' && (allOptionIds as readonly string[]).includes(a.optionId))
    .map((a) => a.optionId as OptionId);
  return evaluate(
    { program: record.case.program, facts, indicators: record.indicators.map((i) => ({ category: i.category, stage: i.stage, summary: i.summary.slice(0, 200) })), plan },
    { extraRules },
  );
}

/** The rules engine on a case, with the program rules in force read through `q` (inside a transaction, its own). */
export async function evaluateStoredCase(q: Queries, record: CaseRecord): Promise<EvaluateOutput> {
  return evaluateWith(record, await programRulesForEvaluation(q));
}

/** The same, outside any transaction. */
export async function evaluateCase(record: CaseRecord, db: Db): Promise<EvaluateOutput> {
  return evaluateStoredCase(storeOf({ db }).q, record);
}

/** Recomputes a case's obligations from its determinations; returns who was added or dropped. */
export async function recomputeObligations(q: Queries, caseId: string, now: Date): Promise<{ added: Recipient[]; removed: Recipient[] }> {
  const record = await requireRecord(q, caseId);
  const before = new Set(record.obligations.map((o) => o.recipient));
  const obligations = (await evaluateStoredCase(q, record)).obligations;
  await replaceObligations(q, caseId, obligations, now.toISOString());
  const after = new Set(obligations.map((o) => o.recipient));
  return { added: [...after].filter((r) => !before.has(r)), removed: [...before].filter((r) => !after.has(r)) };
}

export async function setDeterminations(session: VaultSession, caseId: string, values: { factId: FactId; value: 'yes' | 'no' | 'unknown'; note: string }[], now: Date): Promise<{ added: Recipient[]; removed: Recipient[] }> {
  return changeCase(session, caseId, now, { action: 'determinations.set', detail: { facts: values.map((v) => `${v.factId}=${v.value}`) } }, async (tx) => {
    for (const v of values) await upsertDetermination(tx, caseId, v, session.user.name, now.toISOString());
    return recomputeObligations(tx, caseId, now);
  });
}

/** Records an assessment; the case takes its risk level and the next review date the engine schedules. */
export async function recordAssessment(session: VaultSession, input: AssessmentInput, now: Date): Promise<{ id: string; nextReview: string }> {
  const id = newId();
  return changeCase(session, input.caseId, now, { action: 'assessment.record', detail: { assessmentId: id, risk: input.risk, imminence: input.imminence } }, async (tx) => {
    await insertAssessment(tx, input.caseId, {
      id,
      interest: input.interest,
      motive: input.motive,
      ability: input.ability,
      imminence: input.imminence,
      risk: input.risk,
      rationale: input.rationale,
      leCriteria: input.leCriteria,
      isFinal: false,
      assessedBy: session.user.name,
      assessedAt: now.toISOString(),
    });
    const nextReview = reviewDue(scheduleFacts(await requireRecord(tx, input.caseId))).nextReview;
    if (nextReview === null) throw new AppError('conflict', 'The case is closed.');
    return { id, nextReview };
  });
}
