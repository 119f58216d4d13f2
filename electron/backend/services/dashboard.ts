import type { HomeDashboard } from '../../../shared/contract/dashboard';
import { caseStatuses } from '../../../shared/model/caseRecord';
import type { Actor } from '../../../shared/security/permissions';
import type { Db } from '../vault/database';
import { requireVaultOp } from './access';

/**
 * The program dashboard on Home. Every figure is one aggregate query read through
 * an index; EXPLAIN QUERY PLAN for each is checked in test/integration/dashboard.test.ts.
 *
 * - Cases still being worked are found through the status column of
 *   cases_sort_status (status, number, risk, program, assigned_to, furthest_stage),
 *   named with INDEXED BY so the planner cannot fall back to reading the whole
 *   table; it covers the stage and risk counts without reading the table itself.
 * - The obligation figures walk the obligations table (its primary key): every
 *   obligation of the vault is counted, and cases and reporting records are
 *   found from it through their keys.
 * - "Not assessed" is a case with no assessment recorded (assessments_case seek);
 *   a new case carries risk "low" until someone assesses it, which is not a finding.
 * - Overdue actions are those not done or discontinued whose due date has passed,
 *   found per active case through actions_case (case_id, status).
 * - An obligation's deadline runs from when it was computed (the determination that
 *   created it): "immediately" allows 1 day, "promptly" 7 days and "per internal
 *   procedures" 30 days. A report dated within that is on time, later is late.
 */

const active = caseStatuses.filter((s) => s !== 'closed');
const activeIn = `(${active.map(() => '?').join(', ')})`;
const openActionStatuses = ['proposed', 'legal_review', 'approved', 'in_progress'] as const;

/** Days allowed after an obligation arises, by its timing. */
export const obligationAllowanceDays = { immediately: 1, promptly: 7, per_internal_procedures: 30 } as const;
const allowance = 'CASE o.timing WHEN ? THEN ? WHEN ? THEN ? ELSE ? END';
const allowanceParams = ['immediately', obligationAllowanceDays.immediately, 'promptly', obligationAllowanceDays.promptly, obligationAllowanceDays.per_internal_procedures];

/** The statements of the dashboard, exported so their query plans can be checked. */
export const dashboardSql = {
  stageAndRisk: `SELECT coalesce(c.furthest_stage, 'none') AS stage, c.risk AS risk, count(*) AS n FROM cases c INDEXED BY cases_sort_status WHERE c.status IN ${activeIn} GROUP BY 1, 2`,
  notAssessed: `SELECT c.risk AS risk, count(*) AS n FROM cases c INDEXED BY cases_sort_status WHERE c.status IN ${activeIn} AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = c.id) GROUP BY 1`,
  age: `SELECT CASE WHEN d < 30 THEN 'under_30' WHEN d < 90 THEN 'd30_89' WHEN d < 180 THEN 'd90_179' ELSE 'd180_plus' END AS bucket, count(*) AS n
        FROM (SELECT julianday(?) - julianday(substr(c.created_at, 1, 10)) AS d FROM cases c INDEXED BY cases_sort_status WHERE c.status IN ${activeIn}) GROUP BY 1`,
  overdueReviews: `SELECT count(*) AS n FROM cases c INDEXED BY cases_sort_status WHERE c.status IN ${activeIn} AND c.next_review IS NOT NULL AND c.next_review < ?`,
  overdueActions: `SELECT count(*) AS n FROM cases c INDEXED BY cases_sort_status JOIN actions a ON a.case_id = c.id
        WHERE c.status IN ${activeIn} AND a.status IN (${openActionStatuses.map(() => '?').join(', ')}) AND a.due_on IS NOT NULL AND a.due_on < ?`,
  obligations: `SELECT
          sum(r.outcome = 'reported' AND julianday(r.reported_on) - julianday(substr(o.computed_at, 1, 10)) <= ${allowance}) AS on_time,
          sum(r.outcome = 'reported' AND julianday(r.reported_on) - julianday(substr(o.computed_at, 1, 10)) > ${allowance}) AS late,
          sum(r.outcome = 'not_required') AS not_required,
          sum(r.id IS NULL AND c.status IN ${activeIn} AND julianday(?) - julianday(substr(o.computed_at, 1, 10)) <= ${allowance}) AS due,
          sum(r.id IS NULL AND c.status IN ${activeIn} AND julianday(?) - julianday(substr(o.computed_at, 1, 10)) > ${allowance}) AS overdue
        FROM obligations o CROSS JOIN cases c ON c.id = o.case_id
        LEFT JOIN reporting_records r INDEXED BY reporting_case ON r.case_id = o.case_id AND r.recipient = o.recipient
        WHERE o.recipient != 'internal'`,
} as const;

/** The parameters of each statement, in order, for a given day. */
export function dashboardParams(today: string): Record<keyof typeof dashboardSql, unknown[]> {
  return {
    stageAndRisk: [...active],
    notAssessed: [...active],
    age: [today, ...active],
    overdueReviews: [...active, today],
    overdueActions: [...active, ...openActionStatuses, today],
    obligations: [...allowanceParams, ...allowanceParams, ...active, today, ...allowanceParams, ...active, today, ...allowanceParams],
  };
}

/** The figures behind the Home charts, as of `today` (an ISO date). */
/** The hub-wide figures count every case, so they are the program manager's (permission map). */
export function programDashboard(db: Db, actor: Actor, now: Date, today: string): HomeDashboard {
  requireVaultOp(db, actor, 'program.dashboard', now);
  return homeDashboard(db, today);
}

export function homeDashboard(db: Db, today: string): HomeDashboard {
  const params = dashboardParams(today);
  const byStage: HomeDashboard['byStage'] = { predisposition: 0, stressor: 0, concerning_behavior: 0, none: 0 };
  const byRisk: HomeDashboard['byRisk'] = { not_assessed: 0, low: 0, moderate: 0, high: 0, critical: 0 };
  let activeCases = 0;
  for (const row of db.prepare(dashboardSql.stageAndRisk).all(...params.stageAndRisk) as { stage: keyof HomeDashboard['byStage']; risk: keyof HomeDashboard['byRisk']; n: number }[]) {
    activeCases += row.n;
    byStage[row.stage] += row.n;
    byRisk[row.risk] += row.n;
  }
  // Cases nobody has assessed yet move from the risk they were opened with to "Not assessed".
  for (const row of db.prepare(dashboardSql.notAssessed).all(...params.notAssessed) as { risk: keyof HomeDashboard['byRisk']; n: number }[]) {
    byRisk[row.risk] -= row.n;
    byRisk.not_assessed += row.n;
  }
  const byAge: HomeDashboard['byAge'] = { under_30: 0, d30_89: 0, d90_179: 0, d180_plus: 0 };
  for (const row of db.prepare(dashboardSql.age).all(...params.age) as { bucket: keyof HomeDashboard['byAge']; n: number }[]) byAge[row.bucket] = row.n;
  const single = (sql: string, values: unknown[]) => (db.prepare(sql).get(...values) as { n: number }).n;
  const o = db.prepare(dashboardSql.obligations).get(...params.obligations) as Record<'on_time' | 'late' | 'not_required' | 'due' | 'overdue', number | null>;
  return {
    today,
    activeCases,
    byStage,
    byRisk,
    byAge,
    overdue: { reviews: single(dashboardSql.overdueReviews, params.overdueReviews), actions: single(dashboardSql.overdueActions, params.overdueActions) },
    obligations: { onTime: o.on_time ?? 0, late: o.late ?? 0, notRequired: o.not_required ?? 0, dueNotYetReported: o.due ?? 0, overdueNotReported: o.overdue ?? 0 },
  };
}
