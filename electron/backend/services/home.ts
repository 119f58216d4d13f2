import type { z } from 'zod';
import type { homeSummarySchema } from '../../../shared/contract/casework';
import { recipients, riskLevels } from '../../../shared/domain/ids';
import type { Db } from '../vault/database';
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
 */
export function homeSummary(db: Db, user: string, today: string): HomeSummary {
  const byRisk: Record<string, number> = {};
  for (const risk of riskLevels) byRisk[risk] = 0;
  const byStage: Record<string, number> = { predisposition: 0, stressor: 0, concerning_behavior: 0, none: 0 };
  for (const r of db.prepare('SELECT bucket, key, n FROM home_counts WHERE n != 0').all() as { bucket: string; key: string; n: number }[]) {
    if (r.bucket === 'risk') byRisk[r.key] = r.n;
    else if (r.bucket === 'stage') byStage[r.key] = r.n;
  }
  const open = Object.values(byRisk).reduce((a, b) => a + b, 0);
  const overdue = db
    .prepare(`SELECT c.id, c.number, c.next_review, c.risk FROM cases c INDEXED BY cases_review_due WHERE c.status != 'closed' AND c.next_review IS NOT NULL AND c.next_review < ? ORDER BY c.next_review LIMIT 50`)
    .all(today) as { id: string; number: string; next_review: string; risk: HomeSummary['overdueReviews'][number]['risk'] }[];
  const pending = db
    .prepare(
      `SELECT p.case_id, c.number, o.recipient, o.timing, o.basis FROM pending_obligations p
         JOIN cases c ON c.id = p.case_id JOIN obligations o ON o.case_id = p.case_id AND o.recipient = p.recipient
       LIMIT 200`,
    )
    .all() as { case_id: string; number: string; recipient: HomeSummary['pendingObligations'][number]['recipient']; timing: string; basis: string }[];
  pending.sort((a, b) => (timingRank[a.timing] ?? 2) - (timingRank[b.timing] ?? 2) || recipients.indexOf(a.recipient) - recipients.indexOf(b.recipient) || a.number.localeCompare(b.number));
  const dayMs = 86_400_000;
  return {
    myCases: listCases(db, { assignedTo: user, status: 'open', limit: 10, sort: 'lastActivity', direction: 'desc' }).rows,
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
