import { sql } from 'kysely';
import { recipientSchema, riskLevelSchema, type Recipient, type RiskLevel } from '../../../shared/domain/ids';
import { known } from './caseRecord';
import { visibleCases } from './caseVisibility';
import type { Queries } from './store';

/**
 * The reads behind the home screen (services/home.ts), in time that does not
 * grow with the hub:
 *
 * - Active cases by risk and by stage: home_counts (kept by triggers, migration
 *   0012) for the whole hub; for a viewer who sees only their teams' cases, a
 *   count of those cases (a seek of cases_assigned and case_members_user
 *   through the need-to-know condition, data/caseVisibility.ts).
 * - Overdue reviews: the partial index of active cases with a review date
 *   (cases_review_due), from its start to today, at most `limit`.
 * - Obligations still owed: pending_obligations (kept by triggers), each
 *   obligation and case through its key, at most `limit`.
 *
 * `viewer` is whose cases are read (null: every case, the program manager's
 * view). EXPLAIN QUERY PLAN of each is checked in data/home.test.ts.
 */

/** One count of active cases: by risk (`key` a risk, "not_assessed" when none) or by stage (`key` a stage, "none" when none). */
export interface ActiveCaseCount {
  bucket: 'risk' | 'stage';
  key: string;
  n: number;
}

const isBucket = (value: string): value is ActiveCaseCount['bucket'] => value === 'risk' || value === 'stage';

/** Active cases by risk and by stage, those of the whole hub or those `viewer` may see; buckets with no case are left out. */
export async function activeCaseCountsFor(q: Queries, viewer: string | null): Promise<ActiveCaseCount[]> {
  if (viewer === null) {
    const rows = await q.selectFrom('home_counts').select(['bucket', 'key', 'n']).where('n', '!=', 0).execute();
    return rows.flatMap((r) => (isBucket(r.bucket) ? [{ bucket: r.bucket, key: r.key, n: r.n }] : []));
  }
  const risk = sql<string>`coalesce(c.risk, 'not_assessed')`;
  const stage = sql<string>`coalesce(c.furthest_stage, 'none')`;
  const rows = await q
    .selectFrom('cases as c')
    .select((eb) => [sql<string>`'risk'`.as('bucket'), risk.as('key'), eb.fn.countAll<number>().as('n')])
    .where('c.status', '!=', sql.lit('closed'))
    .where(visibleCases(viewer))
    .groupBy(risk)
    .unionAll((qb) =>
      qb
        .selectFrom('cases as c')
        .select((eb) => [sql<string>`'stage'`.as('bucket'), stage.as('key'), eb.fn.countAll<number>().as('n')])
        .where('c.status', '!=', sql.lit('closed'))
        .where(visibleCases(viewer))
        .groupBy(stage),
    )
    .execute();
  return rows.flatMap((r) => (isBucket(r.bucket) ? [{ bucket: r.bucket, key: r.key, n: r.n }] : []));
}

export interface OverdueReview {
  caseId: string;
  number: string;
  nextReview: string;
  risk: RiskLevel;
}

/**
 * Active cases whose review date is before `today`, earliest first, at most
 * `limit`. Named with INDEXED BY (SQLite's own words, hence the template) so
 * the review index is read from its start and the read stops at `limit`.
 */
export async function overdueReviews(q: Queries, viewer: string | null, today: string, limit: number): Promise<OverdueReview[]> {
  const mine = viewer === null ? sql`` : sql` AND ${visibleCases(viewer)}`;
  const { rows } = await sql<{ id: string; number: string; next_review: string; risk: string }>`SELECT c.id, c.number, c.next_review, c.risk FROM cases AS c INDEXED BY cases_review_due
    WHERE c.status != 'closed' AND c.next_review IS NOT NULL AND c.next_review < ${today}${mine} ORDER BY c.next_review LIMIT ${sql.lit(limit)}`.execute(q);
  return rows.map((r) => ({ caseId: r.id, number: r.number, nextReview: r.next_review, risk: known(riskLevelSchema.options, r.risk, 'The risk of a case with a review date') }));
}

export interface OwedObligation {
  caseId: string;
  number: string;
  recipient: Recipient;
  timing: string;
  basis: string;
}

/** Obligations still owed on active cases, at most `limit`, in no particular order. */
export async function owedObligations(q: Queries, viewer: string | null, limit: number): Promise<OwedObligation[]> {
  let query = q
    .selectFrom('pending_obligations as p')
    .innerJoin('cases as c', 'c.id', 'p.case_id')
    .innerJoin('obligations as o', (join) => join.onRef('o.case_id', '=', 'p.case_id').onRef('o.recipient', '=', 'p.recipient'))
    .select(['p.case_id', 'c.number', 'o.recipient', 'o.timing', 'o.basis']);
  if (viewer !== null) query = query.where(visibleCases(viewer));
  const rows = await query.limit(sql.lit(limit)).execute();
  return rows.map((r) => ({ caseId: r.case_id, number: r.number, recipient: known(recipientSchema.options, r.recipient, 'An obligation'), timing: r.timing, basis: r.basis }));
}
