import type { HomeDashboard } from '../../../shared/contract/dashboard';
import type { Actor } from '../../../shared/security/permissions';
import { storeOf } from '../data';
import { activeCaseCounts, activeCasesByAge, countOverdueActions, countOverdueReviews, obligationOutcomeCounts, owedObligationCounts } from '../data/dashboard';
import type { VaultSession } from '../vault/session';
import { requireVaultOp } from './access';

export { obligationAllowanceDays } from '../data/dashboard';

/**
 * The program dashboard on Home. Every figure is read from a table kept by
 * triggers or through an index, never by walking a table that grows with the
 * hub (data/dashboard.ts; EXPLAIN QUERY PLAN of each is checked in
 * test/integration/dashboard.test.ts).
 *
 * - Cases still being worked (open or monitoring) by stage and risk come from
 *   home_counts; a case nobody has assessed yet counts as "Not assessed".
 * - Case age is days since the case was opened, to `today`.
 * - Overdue actions are those not done or discontinued whose due date has passed.
 * - An obligation's deadline runs from when it was computed (the determination that
 *   created it): "immediately" allows 1 day, "promptly" 7 days and "per internal
 *   procedures" 30 days. A report dated within that is on time, later is late.
 */

/** The hub-wide figures count every case, so they are the program manager's (permission map). */
export async function programDashboard(session: Pick<VaultSession, 'db'>, actor: Actor, now: Date, today: string): Promise<HomeDashboard> {
  requireVaultOp(session.db, actor, 'program.dashboard', now);
  return homeDashboard(session, today);
}

/** The figures behind the Home charts, as of `today` (an ISO date). */
export async function homeDashboard(session: Pick<VaultSession, 'db'>, today: string): Promise<HomeDashboard> {
  const q = storeOf(session).q;
  const { activeCases, byStage, byRisk } = await activeCaseCounts(q);
  const byAge = await activeCasesByAge(q, today, activeCases);
  const reviews = await countOverdueReviews(q, today);
  const actions = await countOverdueActions(q, today);
  const owed = await owedObligationCounts(q, today);
  const outcomes = await obligationOutcomeCounts(q);
  return {
    today,
    activeCases,
    byStage,
    byRisk,
    byAge,
    overdue: { reviews, actions },
    obligations: { onTime: outcomes.onTime, late: outcomes.late, notRequired: outcomes.notRequired, dueNotYetReported: owed.due, overdueNotReported: owed.overdue },
  };
}
