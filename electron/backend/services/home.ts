import type { z } from 'zod';
import type { homeSummarySchema } from '../../../shared/contract/casework';
import { recipients, riskLevels } from '../../../shared/domain/ids';
import type { Actor } from '../../../shared/security/permissions';
import type { Db } from '../vault/database';
import { visibleCasesFilter } from './access';
import { listCases } from './cases';

type HomeSummary = z.infer<typeof homeSummarySchema>;

const timingRank: Record<string, number> = { immediately: 0, promptly: 1 };

/**
 * The home screen: what needs attention first, in time that does not grow with
 * the hub. Active cases by risk and by stage are read from home_counts and the
 * obligations still owed from pending_obligations, both kept by triggers in the
 * same transaction as each change (migration 0012). Overdue reviews are read
 * through the partial index of active cases with a review date, stopping after
 * fifty. A case without a risk yet counts as "not_assessed".
 *
 * Need-to-know: anyone but a program manager sees counts and lists of their
 * teams' cases only, the same cases the case list shows them. Their counts are
 * read from their own cases (a seek of cases_assigned and case_members_user),
 * not from the hub-wide home_counts.
 */
export async function homeSummary(db: Db, viewer: Actor, today: string): Promise<HomeSummary> {
  const visible = visibleCasesFilter(viewer);
  const mine = visible === null ? '' : ` AND ${visible.sql}`;
  const params = visible === null ? {} : visible.params;
  const byRisk: Record<string, number> = {};
  for (const risk of riskLevels) byRisk[risk] = 0;
  const byStage: Record<string, number> = { predisposition: 0, stressor: 0, concerning_behavior: 0, none: 0 };
  const countRows =
    visible === null
      ? (db.prepare('SELECT bucket, key, n FROM home_counts WHERE n != 0').all() as { bucket: string; key: string; n: number }[])
      : (db
          .prepare(
            `SELECT 'risk' AS bucket, coalesce(c.risk, 'not_assessed') AS key, count(*) AS n FROM cases c WHERE c.status != 'closed'${mine} GROUP BY 2
             UNION ALL SELECT 'stage', coalesce(c.furthest_stage, 'none'), count(*) FROM cases c WHERE c.status != 'closed'${mine} GROUP BY 2`,
          )
          .all(params) as { bucket: string; key: string; n: number }[]);
  for (const r of countRows) {
    if (r.bucket === 'risk') byRisk[r.key] = r.n;
    else if (r.bucket === 'stage') byStage[r.key] = r.n;
  }
  const open = Object.values(byRisk).reduce((a, b) => a + b, 0);
  const overdue = db
    .prepare(
      `SELECT c.id, c.number, c.next_review, c.risk FROM cases c INDEXED BY cases_review_due WHERE c.status != 'closed' AND c.next_review IS NOT NULL AND c.next_review < @today${mine} ORDER BY c.next_review LIMIT 50`,
    )
    .all({ ...params, today }) as { id: string; number: string; next_review: string; risk: HomeSummary['overdueReviews'][number]['risk'] }[];
  const pending = db
    .prepare(
      `SELECT p.case_id, c.number, o.recipient, o.timing, o.basis FROM pending_obligations p
         JOIN cases c ON c.id = p.case_id JOIN obligations o ON o.case_id = p.case_id AND o.recipient = p.recipient
       WHERE 1${mine} LIMIT 200`,
    )
    .all(params) as { case_id: string; number: string; recipient: HomeSummary['pendingObligations'][number]['recipient']; timing: string; basis: string }[];
  pending.sort((a, b) => (timingRank[a.timing] ?? 2) - (timingRank[b.timing] ?? 2) || recipients.indexOf(a.recipient) - recipients.indexOf(b.recipient) || a.number.localeCompare(b.number));
  const dayMs = 86_400_000;
  return {
    myCases: (await listCases(db, { assignedTo: viewer.name, status: 'open', limit: 10, sort: 'lastActivity', direction: 'desc' })).rows,
    counts: { open, byRisk, byStage },
    overdueReviews: overdue.map((r) => ({
      caseId: r.id,
      number: r.number,
      nextReview: r.next_review,
      risk: r.risk,
      daysOverdue: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.next_review}T00:00:00Z`)) / dayMs),
    })),
    pendingObligations: pending.slice(0, 50).map((p) => ({ caseId: p.case_id, number: p.number, recipient: p.recipient, timing: p.timing, basis: p.basis })),
  };
}
