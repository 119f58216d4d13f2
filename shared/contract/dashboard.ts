import { z } from 'zod';
import { isoDateSchema } from '../model/caseRecord';
import { method } from './define';

const count = z.number().int().nonnegative();

/** Case age on the dashboard, in days since the case was opened. */
export const caseAgeBuckets = ['under_30', 'd30_89', 'd90_179', 'd180_plus'] as const;

/**
 * The program dashboard: the figures behind the charts on Home. Case figures count
 * the cases still being worked (open or monitoring); obligation figures count every
 * external reporting obligation of the vault, closed cases included, since whether
 * a report went out in time does not change when a case closes.
 */
export const homeDashboardSchema = z.object({
  today: isoDateSchema,
  activeCases: count,
  byStage: z.object({ predisposition: count, stressor: count, concerning_behavior: count, none: count }),
  byRisk: z.object({ not_assessed: count, low: count, moderate: count, high: count, critical: count }),
  byAge: z.object({ under_30: count, d30_89: count, d90_179: count, d180_plus: count }),
  overdue: z.object({ reviews: count, actions: count }),
  obligations: z.object({ onTime: count, late: count, notRequired: count, dueNotYetReported: count, overdueNotReported: count }),
});
export type HomeDashboard = z.infer<typeof homeDashboardSchema>;

export const dashboardContract = {
  'home.dashboard': method({
    summary: 'Program figures for the Home charts (program manager): caseload by stage, risk and age, overdue reviews and actions, obligations reported on time or late.',
    input: z.object({}).strict(),
    output: homeDashboardSchema,
  }),
};
