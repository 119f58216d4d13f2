import { sql, type Expression, type SqlBool } from 'kysely';
import type { HomeDashboard } from '../../../shared/contract/dashboard';
import { activeStatuses, openActionStatuses } from './queues';
import type { Queries } from './store';

/**
 * The reads behind the program dashboard (services/dashboard.ts), none of them
 * a walk of a table that grows with the hub:
 *
 * - Active cases by stage and by risk: home_counts, kept by triggers (migration 0012).
 * - Case age: only the active cases opened in the last 180 days are counted
 *   (cases_active_created, migration 0024); the older ones are the rest of the
 *   active cases.
 * - Overdue reviews: the partial index of active cases with a review date
 *   (cases_review_due), from its start to today.
 * - Overdue actions: actions_status_due, per open status up to today, each
 *   action's case through its key.
 * - Obligations still owed: pending_obligations (kept by triggers, migration
 *   0012), each obligation through its key; those already reported or found not
 *   required: obligation_outcomes, kept by triggers (migration 0024).
 *
 * EXPLAIN QUERY PLAN of each is checked in test/integration/dashboard.test.ts.
 */

/** Days allowed after an obligation arises, by its timing. */
export const obligationAllowanceDays = { immediately: 1, promptly: 7, per_internal_procedures: 30 } as const;

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

type StageKey = keyof HomeDashboard['byStage'];
type RiskKey = keyof HomeDashboard['byRisk'];
const isStage = (key: string, counts: HomeDashboard['byStage']): key is StageKey => Object.hasOwn(counts, key);
const isRisk = (key: string, counts: HomeDashboard['byRisk']): key is RiskKey => Object.hasOwn(counts, key);

/** Active cases by furthest stage and by risk (a case nobody assessed counts as not assessed). */
export async function activeCaseCounts(q: Queries): Promise<{ activeCases: number; byStage: HomeDashboard['byStage']; byRisk: HomeDashboard['byRisk'] }> {
  const byStage: HomeDashboard['byStage'] = { predisposition: 0, stressor: 0, concerning_behavior: 0, none: 0 };
  const byRisk: HomeDashboard['byRisk'] = { not_assessed: 0, low: 0, moderate: 0, high: 0, critical: 0 };
  let activeCases = 0;
  for (const r of await q.selectFrom('home_counts').select(['bucket', 'key', 'n']).where('n', '!=', 0).execute()) {
    if (r.bucket === 'risk') {
      activeCases += r.n;
      if (isRisk(r.key, byRisk)) byRisk[r.key] += r.n;
    } else if (r.bucket === 'stage' && isStage(r.key, byStage)) byStage[r.key] += r.n;
  }
  return { activeCases, byStage, byRisk };
}

async function countActiveOpenedSince(q: Queries, from: string, before: string | null): Promise<number> {
  let query = q.selectFrom('cases').where('status', '!=', 'closed').where('created_at', '>=', from);
  if (before !== null) query = query.where('created_at', '<', before);
  const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return n;
}

/**
 * Active cases by days since they were opened (the date part of created_at,
 * counted to `today`); `activeCases` is how many there are in all.
 */
export async function activeCasesByAge(q: Queries, today: string, activeCases: number): Promise<HomeDashboard['byAge']> {
  const under30 = await countActiveOpenedSince(q, addDays(today, -29), null);
  const d30 = await countActiveOpenedSince(q, addDays(today, -89), addDays(today, -29));
  const d90 = await countActiveOpenedSince(q, addDays(today, -179), addDays(today, -89));
  return { under_30: under30, d30_89: d30, d90_179: d90, d180_plus: Math.max(0, activeCases - under30 - d30 - d90) };
}

/** Active cases whose review date is before `today`. */
export async function countOverdueReviews(q: Queries, today: string): Promise<number> {
  const { n } = await q
    .selectFrom('cases')
    .where('status', '!=', 'closed')
    .where('next_review', 'is not', null)
    .where('next_review', '<', today)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return n;
}

/**
 * Open actions due before `today` on active cases: the open statuses' ranges of
 * actions_status_due up to today, each action's case through its key. Named
 * with INDEXED BY (SQLite's own words, hence the template) so a small vault's
 * statistics cannot make the planner read every action instead.
 */
export async function countOverdueActions(q: Queries, today: string): Promise<number> {
  const statuses = sql.join(openActionStatuses.map((s) => sql`${s}`));
  const active = sql.join(activeStatuses.map((s) => sql`${s}`));
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM actions AS a INDEXED BY actions_status_due CROSS JOIN cases AS c ON c.id = a.case_id
    WHERE a.status IN (${statuses}) AND a.due_on IS NOT NULL AND a.due_on < ${today} AND c.status IN (${active})`.execute(q);
  return rows[0]?.n ?? 0;
}

/** The days an obligation allows, by its timing (an SQL expression over `o.timing`). */
const allowance = sql<number>`CASE o.timing WHEN 'immediately' THEN ${sql.lit(obligationAllowanceDays.immediately)} WHEN 'promptly' THEN ${sql.lit(obligationAllowanceDays.promptly)} ELSE ${sql.lit(obligationAllowanceDays.per_internal_procedures)} END`;

/** Obligations still owed on active cases: within their allowance on `today` (due) or past it (overdue). */
export async function owedObligationCounts(q: Queries, today: string): Promise<{ due: number; overdue: number }> {
  const waited = sql<number>`julianday(${today}) - julianday(substr(o.computed_at, 1, 10))`;
  const within: Expression<SqlBool> = sql<SqlBool>`${waited} <= ${allowance}`;
  const past: Expression<SqlBool> = sql<SqlBool>`${waited} > ${allowance}`;
  const row = await q
    .selectFrom('pending_obligations as p')
    .crossJoin('obligations as o')
    .whereRef('o.case_id', '=', 'p.case_id')
    .whereRef('o.recipient', '=', 'p.recipient')
    .select((eb) => [eb.fn.sum<number | null>(eb.case().when(within).then(1).else(0).end()).as('due'), eb.fn.sum<number | null>(eb.case().when(past).then(1).else(0).end()).as('overdue')])
    .executeTakeFirstOrThrow();
  return { due: row.due ?? 0, overdue: row.overdue ?? 0 };
}

/** Obligations reported on time, late, or found not required (every case, closed ones too). */
export async function obligationOutcomeCounts(q: Queries): Promise<{ onTime: number; late: number; notRequired: number }> {
  const out = { onTime: 0, late: 0, notRequired: 0 };
  for (const r of await q.selectFrom('obligation_outcomes').select(['outcome', 'n']).execute()) {
    if (r.outcome === 'on_time') out.onTime = r.n;
    else if (r.outcome === 'late') out.late = r.n;
    else if (r.outcome === 'not_required') out.notRequired = r.n;
  }
  return out;
}
