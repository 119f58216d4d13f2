import type { z } from 'zod';
import type { homeSummarySchema } from '../../../shared/contract/casework';
import { recipients, riskLevels } from '../../../shared/domain/ids';
import type { Actor } from '../../../shared/security/permissions';
import { storeOf } from '../data';
import { activeCaseCountsFor, overdueReviews, owedObligations } from '../data/home';
import type { Db } from '../vault/database';
import { caseViewer } from './access';
import { listCases } from './cases';

type HomeSummary = z.infer<typeof homeSummarySchema>;

const timingRank: Record<string, number> = { immediately: 0, promptly: 1 };

/**
 * The home screen: what needs attention first, in time that does not grow with
 * the hub. Active cases by risk and by stage are read from home_counts and the
 * obligations still owed from pending_obligations, both kept by triggers in the
 * same transaction as each change (migration 0012). Overdue reviews are read
 * through the partial index of active cases with a review date, stopping after
 * fifty. A case without a risk yet counts as "not_assessed". The reads are
 * data/home.ts's.
 *
 * Need-to-know: anyone but a program manager sees counts and lists of their
 * teams' cases only, the same cases the case list shows them. Their counts are
 * read from their own cases (a seek of cases_assigned and case_members_user),
 * not from the hub-wide home_counts.
 */
export async function homeSummary(db: Db, viewer: Actor, today: string): Promise<HomeSummary> {
  const { q } = storeOf({ db });
  const mine = caseViewer(viewer);
  const byRisk: Record<string, number> = {};
  for (const risk of riskLevels) byRisk[risk] = 0;
  const byStage: Record<string, number> = { predisposition: 0, stressor: 0, concerning_behavior: 0, none: 0 };
  for (const r of await activeCaseCountsFor(q, mine)) {
    if (r.bucket === 'risk') byRisk[r.key] = r.n;
    else byStage[r.key] = r.n;
  }
  const open = Object.values(byRisk).reduce((a, b) => a + b, 0);
  const overdue = await overdueReviews(q, mine, today, 50);
  const pending = await owedObligations(q, mine, 200);
  pending.sort((a, b) => (timingRank[a.timing] ?? 2) - (timingRank[b.timing] ?? 2) || recipients.indexOf(a.recipient) - recipients.indexOf(b.recipient) || a.number.localeCompare(b.number));
  const dayMs = 86_400_000;
  return {
    myCases: (await listCases(db, { assignedTo: viewer.name, status: 'open', limit: 10, sort: 'lastActivity', direction: 'desc' })).rows,
    counts: { open, byRisk, byStage },
    overdueReviews: overdue.map((r) => ({ ...r, daysOverdue: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.nextReview}T00:00:00Z`)) / dayMs) })),
    pendingObligations: pending.slice(0, 50),
  };
}
