import type { z } from 'zod';
import type { homeSummarySchema } from '../../../shared/contract/casework';
import { recipients, riskLevels } from '../../../shared/domain/ids';
import { caseStatuses } from '../../../shared/model/caseRecord';
import type { Db } from '../vault/database';
import { listCases } from './cases';

type HomeSummary = z.infer<typeof homeSummarySchema>;

const timingRank: Record<string, number> = { immediately: 0, promptly: 1 };

/**
 * The statuses of a case still being worked, as a list the status index can
 * seek (a "not closed" test would read every case of the vault). For overdue
 * reviews the next-review index is read in order instead, with the status
 * checked inside it (the unary + keeps SQLite from choosing the status index).
 */
const active = caseStatuses.filter((s) => s !== 'closed');
const activeSql = `c.status IN (${active.map(() => '?').join(', ')})`;

/**
 * The home screen: what needs attention first. Pending obligations are read from
 * the obligations table outwards (CROSS JOIN fixes the order): a hub has far
 * fewer obligations than active cases, and at 100,000 cases this takes the
 * query from about 140 ms to 50 ms. Obligations count as met once a
 * reporting record (reported or not required) exists for that recipient.
 */
export function homeSummary(db: Db, user: string, today: string): HomeSummary {
  const byRisk: Record<string, number> = {};
  for (const risk of riskLevels) byRisk[risk] = 0;
  for (const r of db.prepare(`SELECT c.risk, count(*) AS n FROM cases c WHERE ${activeSql} GROUP BY c.risk`).all(...active) as { risk: string; n: number }[]) byRisk[r.risk] = r.n;
  const byStage: Record<string, number> = { predisposition: 0, stressor: 0, concerning_behavior: 0, none: 0 };
  for (const r of db.prepare(`SELECT coalesce(c.furthest_stage, 'none') AS stage, count(*) AS n FROM cases c WHERE ${activeSql} GROUP BY 1`).all(...active) as { stage: string; n: number }[]) {
    byStage[r.stage] = r.n;
  }
  const open = Object.values(byRisk).reduce((a, b) => a + b, 0);
  const overdue = db
    .prepare(`SELECT c.id, c.number, c.next_review, c.risk FROM cases c WHERE +${activeSql} AND c.next_review IS NOT NULL AND c.next_review < ? ORDER BY c.next_review LIMIT 50`)
    .all(...active, today) as { id: string; number: string; next_review: string; risk: HomeSummary['overdueReviews'][number]['risk'] }[];
  const pending = db
    .prepare(
      `SELECT o.case_id, c.number, o.recipient, o.timing, o.basis FROM obligations o CROSS JOIN cases c ON c.id = o.case_id
       WHERE o.recipient != 'internal' AND ${activeSql}
         AND NOT EXISTS (SELECT 1 FROM reporting_records r WHERE r.case_id = o.case_id AND r.recipient = o.recipient)
       LIMIT 200`,
    )
    .all(...active) as { case_id: string; number: string; recipient: HomeSummary['pendingObligations'][number]['recipient']; timing: string; basis: string }[];
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
