import type { Selectable } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { indicatorStageSchema, priCategorySchema } from '../../../shared/domain/ids';
import { corroborationValues, type Action, type AnalysisItem, type Assessment, type CaseRecord, type Determination, type Indicator, type Report } from '../../../shared/model/caseRecord';
import { actionToRow, analysisItemToRow, assessmentToRow, determinationToRow, indicatorToRow, obligationToRow, reportingRecordToRow, reportToRow, reviewToRow, strategyToRow } from './caseRecord';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * Casework's changes to single items of a case: reports, indicators and their
 * earlier versions, analysis items, the checklist, determinations, obligations,
 * assessments, strategies and actions, reviews and reporting records. The rows and mappers are those of the whole record
 * (data/caseRecord.ts); every query is limited to the case it names.
 */

export type IndicatorHistoryRow = Selectable<Database['indicator_history']>;

/** An earlier version of an indicator, kept whole when it changed. */
export interface IndicatorVersion {
  indicatorId: string;
  version: number;
  changedAt: string;
  changedBy: string;
  indicator: Indicator;
}

// The snapshot is the indicator as the record gave it (JSON); checked field by field, without the intake's trimming.
const indicatorSnapshotSchema = z.object({
  id: z.string(),
  reportId: z.string().nullable(),
  category: priCategorySchema,
  stage: indicatorStageSchema,
  observedOn: z.string(),
  summary: z.string(),
  detail: z.string(),
  source: z.string(),
  corroboration: z.enum(corroborationValues),
  basis: z.enum(['fact', 'opinion']),
  version: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function rowToIndicatorVersion(r: IndicatorHistoryRow): IndicatorVersion {
  let parsed: unknown;
  try {
    parsed = JSON.parse(r.snapshot);
  } catch {
    parsed = undefined;
  }
  const indicator = indicatorSnapshotSchema.safeParse(parsed);
  if (!indicator.success) throw new AppError('integrity', `Version ${r.version} of an indicator in the vault is not readable.`);
  return { indicatorId: r.indicator_id, version: r.version, changedAt: r.changed_at, changedBy: r.changed_by, indicator: indicator.data };
}

export function indicatorVersionToRow(x: IndicatorVersion): Omit<IndicatorHistoryRow, 'id'> {
  return { indicator_id: x.indicatorId, version: x.version, changed_at: x.changedAt, changed_by: x.changedBy, snapshot: JSON.stringify(x.indicator) };
}

export async function insertReport(q: Queries, caseId: string, report: Report): Promise<void> {
  await q.insertInto('reports').values(reportToRow(caseId, report)).execute();
}

export async function reportIsOnCase(q: Queries, caseId: string, reportId: string): Promise<boolean> {
  const row = await q.selectFrom('reports').select('id').where('id', '=', reportId).where('case_id', '=', caseId).executeTakeFirst();
  return row !== undefined;
}

export async function insertIndicator(q: Queries, caseId: string, indicator: Indicator): Promise<void> {
  await q.insertInto('indicators').values(indicatorToRow(caseId, indicator)).execute();
}

type IndicatorFields = Pick<Indicator, 'category' | 'stage' | 'observedOn' | 'summary' | 'detail' | 'source' | 'corroboration' | 'basis'>;

/** Changes an indicator's fields and counts its version up. */
/**
 * Changes an indicator's fields and moves it to its next version, only while it
 * is still at `fromVersion`; false when it is not (someone else's change came
 * first). The version is part of the update's own condition, so on an engine
 * whose transactions run side by side the second of two writers finds no row
 * once the first commits, instead of writing over it.
 */
export async function updateIndicatorFields(q: Queries, caseId: string, id: string, i: IndicatorFields, updatedAt: string, fromVersion: number): Promise<boolean> {
  const result = await q
    .updateTable('indicators')
    .set((eb) => ({
      category: i.category,
      stage: i.stage,
      observed_on: i.observedOn,
      summary: i.summary,
      detail: i.detail,
      source: i.source,
      corroboration: i.corroboration,
      basis: i.basis,
      version: eb('version', '+', 1),
      updated_at: updatedAt,
    }))
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('version', '=', fromVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Who made an indicator's `version` and when: the history row of the version before it (null for the first version or when none is kept). */
export async function indicatorVersionAuthor(q: Queries, indicatorId: string, version: number): Promise<{ changedBy: string; changedAt: string } | null> {
  if (version <= 1) return null;
  const row = await q
    .selectFrom('indicator_history')
    .select(['changed_by', 'changed_at'])
    .where('indicator_id', '=', indicatorId)
    .where('version', '=', version - 1)
    .executeTakeFirst();
  return row === undefined ? null : { changedBy: row.changed_by, changedAt: row.changed_at };
}

/** The distinct stages of a case's indicators. */
export async function indicatorStagesOfCase(q: Queries, caseId: string): Promise<string[]> {
  const rows = await q.selectFrom('indicators').select('stage').distinct().where('case_id', '=', caseId).execute();
  return rows.map((r) => r.stage);
}

export async function insertIndicatorVersion(q: Queries, x: IndicatorVersion): Promise<void> {
  await q.insertInto('indicator_history').values(indicatorVersionToRow(x)).execute();
}

/** An indicator's earlier versions, oldest or newest first. */
export async function indicatorVersions(q: Queries, indicatorId: string, order: 'asc' | 'desc'): Promise<IndicatorVersion[]> {
  const rows = await q.selectFrom('indicator_history').selectAll().where('indicator_id', '=', indicatorId).orderBy('version', order).execute();
  return rows.map(rowToIndicatorVersion);
}

export async function insertAnalysisItem(q: Queries, caseId: string, item: AnalysisItem): Promise<void> {
  await q.insertInto('analysis_items').values(analysisItemToRow(caseId, item)).execute();
}

/** Changes an analysis item's content (not who made it or when); false when the case has no such item. */
export async function updateAnalysisItem(q: Queries, caseId: string, item: Omit<AnalysisItem, 'createdBy' | 'createdAt'>): Promise<boolean> {
  const { id: _id, case_id: _caseId, created_by: _by, created_at: _at, ...changes } = analysisItemToRow(caseId, { ...item, createdBy: '', createdAt: '' });
  const result = await q.updateTable('analysis_items').set(changes).where('id', '=', item.id).where('case_id', '=', caseId).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** False when the case has no such item. */
export async function deleteAnalysisItem(q: Queries, caseId: string, id: string): Promise<boolean> {
  const result = await q.deleteFrom('analysis_items').where('id', '=', id).where('case_id', '=', caseId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Sets one checklist item of a case (added the first time). */
export async function upsertChecklistItem(q: Queries, caseId: string, item: CaseRecord['checklist'][number], by: string, at: string): Promise<void> {
  await q
    .insertInto('checklist_items')
    .values({ case_id: caseId, item_id: item.itemId, addressed: item.addressed ? 1 : 0, note: item.note, updated_by: by, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['case_id', 'item_id']).doUpdateSet((eb) => ({
        addressed: eb.ref('excluded.addressed'),
        note: eb.ref('excluded.note'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Sets one determination of a case (added the first time). */
export async function upsertDetermination(q: Queries, caseId: string, d: Determination, by: string, at: string): Promise<void> {
  await q
    .insertInto('determinations')
    .values(determinationToRow(caseId, d, by, at))
    .onConflict((oc) =>
      oc.columns(['case_id', 'fact_id']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        note: eb.ref('excluded.note'),
        updated_by: eb.ref('excluded.updated_by'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Replaces a case's reporting obligations with those given. */
export async function replaceObligations(q: Queries, caseId: string, obligations: readonly CaseRecord['obligations'][number][], computedAt: string): Promise<void> {
  await q.deleteFrom('obligations').where('case_id', '=', caseId).execute();
  for (const o of obligations) await q.insertInto('obligations').values(obligationToRow(caseId, o, computedAt)).execute();
}

export async function insertAssessment(q: Queries, caseId: string, a: Assessment): Promise<void> {
  await q.insertInto('assessments').values(assessmentToRow(caseId, a)).execute();
}

/** Marks one assessment of a case final and every other one not. */
export async function markAssessmentFinal(q: Queries, caseId: string, assessmentId: string): Promise<void> {
  await q
    .updateTable('assessments')
    .set((eb) => ({ is_final: eb.case().when('id', '=', assessmentId).then(1).else(0).end() }))
    .where('case_id', '=', caseId)
    .execute();
}

/** No assessment of the case is final any more (a reopened case). */
export async function clearFinalAssessments(q: Queries, caseId: string): Promise<void> {
  await q.updateTable('assessments').set({ is_final: 0 }).where('case_id', '=', caseId).execute();
}

export async function insertStrategy(q: Queries, caseId: string, strategy: CaseRecord['strategies'][number], by: string, at: string): Promise<void> {
  await q.insertInto('strategies').values(strategyToRow(caseId, strategy, by, at)).execute();
}

export async function strategyIsOnCase(q: Queries, caseId: string, strategyId: string): Promise<boolean> {
  const row = await q.selectFrom('strategies').select('id').where('id', '=', strategyId).where('case_id', '=', caseId).executeTakeFirst();
  return row !== undefined;
}

export async function insertAction(q: Queries, caseId: string, action: Action, by: string, at: string): Promise<void> {
  await q.insertInto('actions').values(actionToRow(caseId, action, by, at, at)).execute();
}

/** Who proposed an action (its creator), or null when the case has no such action. */
export async function actionProposer(q: Queries, caseId: string, actionId: string): Promise<string | null> {
  const row = await q.selectFrom('actions').select('created_by').where('id', '=', actionId).where('case_id', '=', caseId).executeTakeFirst();
  return row?.created_by ?? null;
}

/** What a bulk step checks of an action and of its case before it changes anything. */
export interface ActionToCheck {
  caseId: string;
  actionId: string;
  status: string;
  createdBy: string;
  legalSignoffBy: string | null;
  caseStatus: string;
  caseNumber: string;
}

/**
 * The actions of a selection with their cases' status and number, in one read
 * through the actions' key; an action id that is not on the case named with it
 * has no entry (keyed `caseId/actionId`).
 */
export async function actionsToCheck(q: Queries, items: readonly { caseId: string; actionId: string }[]): Promise<Map<string, ActionToCheck>> {
  const found = new Map<string, ActionToCheck>();
  if (items.length === 0) return found;
  const rows = await q
    .selectFrom('actions as x')
    .innerJoin('cases as c', 'c.id', 'x.case_id')
    .select(['x.id', 'x.case_id', 'x.status', 'x.created_by', 'x.legal_signoff_by', 'c.status as case_status', 'c.number'])
    .where('x.id', 'in', [...new Set(items.map((i) => i.actionId))])
    .execute();
  for (const r of rows) {
    found.set(`${r.case_id}/${r.id}`, { caseId: r.case_id, actionId: r.id, status: r.status, createdBy: r.created_by, legalSignoffBy: r.legal_signoff_by, caseStatus: r.case_status, caseNumber: r.number });
  }
  return found;
}

type ActionPlanning = Pick<Action, 'strategyId' | 'ownerDiscipline' | 'ownerPerson' | 'dueOn' | 'notes'>;

export async function updateActionPlanning(q: Queries, caseId: string, actionId: string, x: ActionPlanning, updatedAt: string): Promise<void> {
  await q
    .updateTable('actions')
    .set({ strategy_id: x.strategyId, owner_discipline: x.ownerDiscipline, owner_person: x.ownerPerson, due_on: x.dueOn, notes: x.notes, updated_at: updatedAt })
    .where('id', '=', actionId)
    .where('case_id', '=', caseId)
    .execute();
}

export async function signOffActionRow(q: Queries, caseId: string, actionId: string, by: string, at: string): Promise<void> {
  await q.updateTable('actions').set({ legal_signoff_by: by, legal_signoff_at: at, updated_at: at }).where('id', '=', actionId).where('case_id', '=', caseId).execute();
}

/** Moves an action from `from` to `to`; false when it was no longer in `from`. */
export async function moveAction(q: Queries, caseId: string, actionId: string, from: string, to: string, justification: string, at: string): Promise<boolean> {
  const result = await q
    .updateTable('actions')
    .set({ status: to, warning_justification: justification, updated_at: at })
    .where('id', '=', actionId)
    .where('case_id', '=', caseId)
    .where('status', '=', from)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertReview(q: Queries, caseId: string, review: CaseRecord['reviews'][number], createdAt: string): Promise<void> {
  await q.insertInto('reviews').values(reviewToRow(caseId, review, createdAt)).execute();
}

export async function insertReportingRecord(q: Queries, caseId: string, x: CaseRecord['reportingRecords'][number]): Promise<void> {
  await q.insertInto('reporting_records').values(reportingRecordToRow(caseId, x)).execute();
}
