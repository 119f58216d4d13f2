import { sql, type RawBuilder, type Selectable } from 'kysely';
import { caseStatusSchema } from '../../../shared/model/caseRecord';
import { measuredFromSchema, retentionProgramSchema, type StoredRetentionRule } from '../../../shared/model/retention';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * Retention rules (table retention_rules), legal holds (legal_holds and the
 * case's own flag) and the facts of a case that decide when it is due for
 * disposition. Deleting a disposed case is in data/disposal.ts.
 */
export type RetentionRuleRow = Selectable<Database['retention_rules']>;

/** A stored status, program or measure Offramp does not know is refused by its schema, never guessed. */
export function rowToRetentionRule(r: RetentionRuleRow): StoredRetentionRule {
  return {
    status: caseStatusSchema.parse(r.status),
    program: retentionProgramSchema.parse(r.program),
    years: r.years,
    measuredFrom: measuredFromSchema.parse(r.measured_from),
    authority: r.authority,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

export function retentionRuleToRow(x: StoredRetentionRule): RetentionRuleRow {
  return { status: x.status, program: x.program, years: x.years, measured_from: x.measuredFrom, authority: x.authority, updated_by: x.updatedBy, updated_at: x.updatedAt };
}

export async function listRetentionRules(q: Queries): Promise<StoredRetentionRule[]> {
  const rows = await q.selectFrom('retention_rules').selectAll().orderBy('status').orderBy('program').execute();
  return rows.map(rowToRetentionRule);
}

/** Replaces the whole rule set (call inside a transaction). */
export async function replaceRetentionRules(q: Queries, rules: readonly StoredRetentionRule[]): Promise<void> {
  await q.deleteFrom('retention_rules').execute();
  if (rules.length > 0) await q.insertInto('retention_rules').values(rules.map(retentionRuleToRow)).execute();
}

/** What decides a case's retention: its status, program, dates and hold. */
export interface CaseRetentionFacts {
  id: string;
  number: string;
  program: string;
  status: string;
  createdAt: string;
  closedAt: string | null;
  lastActivityAt: string;
  legalHold: boolean;
}

type FactsRow = Pick<Selectable<Database['cases']>, 'id' | 'number' | 'program' | 'status' | 'created_at' | 'closed_at' | 'last_activity_at' | 'legal_hold'>;

function rowToFacts(r: FactsRow): CaseRetentionFacts {
  return { id: r.id, number: r.number, program: r.program, status: r.status, createdAt: r.created_at, closedAt: r.closed_at, lastActivityAt: r.last_activity_at, legalHold: r.legal_hold === 1 };
}

const factsSql = 'SELECT id, number, program, status, created_at, closed_at, last_activity_at, legal_hold FROM cases';
// INDEXED BY: the planner must not fall back to reading every case on a small vault's statistics.
const candidateParts = [`${factsSql} WHERE closed_at < `, ` UNION ALL ${factsSql} INDEXED BY cases_sort_activity WHERE last_activity_at < `, ' AND (closed_at IS NULL OR closed_at >= ', ')'] as const;

/**
 * The statement behind the cases due for disposition, with the named parameter
 * `@before` (a date): only cases closed or last active before it, each half
 * through its index (migration 0015). The query below is the same text with
 * the date bound in place of each `@before`.
 */
export const dispositionCandidatesSql = candidateParts.join('@before');

function candidates(before: string): RawBuilder<FactsRow> {
  const [first, ...rest] = candidateParts;
  return rest.reduce<RawBuilder<FactsRow>>((text, part) => sql<FactsRow>`${text}${before}${sql.raw(part)}`, sql<FactsRow>`${sql.raw(first)}`);
}

/** The cases closed or last active before `before` (a date): the only ones whose retention could have run out. */
export async function dispositionCandidates(q: Queries, before: string): Promise<CaseRetentionFacts[]> {
  const { rows } = await candidates(before).execute(q);
  return rows.map(rowToFacts);
}

export async function caseRetentionFacts(q: Queries, caseId: string): Promise<CaseRetentionFacts | null> {
  const row = await q.selectFrom('cases').select(['id', 'number', 'program', 'status', 'created_at', 'closed_at', 'last_activity_at', 'legal_hold']).where('id', '=', caseId).executeTakeFirst();
  return row === undefined ? null : rowToFacts(row);
}

export interface LegalHoldRecord {
  caseId: string;
  legalHold: boolean;
  reference: string;
  placedBy: string | null;
  placedAt: string | null;
}

/** A case's legal hold as the case shows it; null when there is no such case. */
export async function legalHoldOfCase(q: Queries, caseId: string): Promise<LegalHoldRecord | null> {
  const row = await q
    .selectFrom('cases as c')
    .leftJoin('legal_holds as h', 'h.case_id', 'c.id')
    .select(['c.legal_hold', 'h.reference', 'h.placed_by', 'h.placed_at'])
    .where('c.id', '=', caseId)
    .executeTakeFirst();
  return row === undefined ? null : { caseId, legalHold: row.legal_hold === 1, reference: row.reference ?? '', placedBy: row.placed_by, placedAt: row.placed_at };
}

/** Places (or replaces) a case's hold, or clears it, and sets the case's flag (call inside a transaction). */
export async function writeLegalHold(q: Queries, caseId: string, hold: { reference: string; placedBy: string } | null, at: string): Promise<void> {
  if (hold === null) {
    await q.deleteFrom('legal_holds').where('case_id', '=', caseId).execute();
  } else {
    await q
      .insertInto('legal_holds')
      .values({ case_id: caseId, reference: hold.reference, placed_by: hold.placedBy, placed_at: at })
      .onConflict((oc) => oc.column('case_id').doUpdateSet((eb) => ({ reference: eb.ref('excluded.reference'), placed_by: eb.ref('excluded.placed_by'), placed_at: eb.ref('excluded.placed_at') })))
      .execute();
  }
  await q.updateTable('cases').set({ legal_hold: hold === null ? 0 : 1, updated_at: at }).where('id', '=', caseId).execute();
}
