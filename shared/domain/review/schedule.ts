import { z } from 'zod';
import { cite, citationsText, type SeedCitation } from '../citation';
import { riskLevelSchema, type RiskLevel } from '../ids';
import { dayNumber, isoDateSchema, isoDay } from './isoDate';

/**
 * When a case must next be re-evaluated. The guides require continual
 * reassessment and periodic re-evaluation of every mitigation response but give no
 * intervals; the numbers below are Offramp's defaults, which a program sets to its
 * own procedures through the policy argument.
 */
export const reviewPolicySchema = z
  .object({
    intervalDays: z
      .object({
        low: z.number().int().min(1).max(366),
        moderate: z.number().int().min(1).max(366),
        high: z.number().int().min(1).max(366),
        critical: z.number().int().min(1).max(366),
      })
      .strict(),
    /** After separation the case stays open; follow-up is at least this frequent. */
    postSeparationMaxDays: z.number().int().min(1).max(366),
  })
  .strict();
export type ReviewPolicy = z.infer<typeof reviewPolicySchema>;

export const defaultReviewPolicy: ReviewPolicy = {
  intervalDays: { low: 90, moderate: 30, high: 14, critical: 7 },
  postSeparationMaxDays: 30,
};

export const reviewInputSchema = z
  .object({
    /** The caller's today: the function never reads the clock. */
    today: isoDateSchema,
    riskLevel: riskLevelSchema,
    /** The last review, or absent when the case was never reviewed. */
    lastReview: isoDateSchema.nullable().optional(),
    /** Mitigation actions still open; closed ones are left out. */
    openActions: z.array(z.object({ id: z.string().min(1), due: isoDateSchema.nullable().optional() }).strict()).default([]),
    subjectSeparated: z.boolean().default(false),
  })
  .strict();
export type ReviewInput = z.input<typeof reviewInputSchema>;

export const reviewDrivers = ['risk_interval', 'open_action', 'overdue_review', 'overdue_action'] as const;

export const reviewScheduleSchema = z
  .object({
    nextReview: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    overdue: z.boolean(),
    intervalDays: z.number().int().positive(),
    driver: z.enum(reviewDrivers),
    actionId: z.string().optional(),
    reasons: z.array(z.string().min(1)).min(1),
    source: z.string().min(1),
  })
  .strict();
export type ReviewSchedule = z.infer<typeof reviewScheduleSchema>;

function day(iso: string): number {
  const n = dayNumber(iso);
  if (n === null) throw new Error(`Not an ISO date: ${iso}`);
  return n;
}

export function reviewInterval(riskLevel: RiskLevel, subjectSeparated: boolean, policy: ReviewPolicy = defaultReviewPolicy): number {
  const interval = policy.intervalDays[riskLevel];
  return subjectSeparated ? Math.min(interval, policy.postSeparationMaxDays) : interval;
}

/**
 * The next re-evaluation date: the risk level's interval after the last review,
 * brought forward to the earliest due date of an open action, and never in the
 * past (an overdue review is due today). There is no "no review": a separated
 * subject is still followed up.
 */
export function scheduleReview(raw: ReviewInput, policy: ReviewPolicy = defaultReviewPolicy): ReviewSchedule {
  const input = reviewInputSchema.parse(raw);
  const today = day(input.today);
  const intervalDays = reviewInterval(input.riskLevel, input.subjectSeparated, policy);
  const lastReview = input.lastReview ?? null;
  const base = lastReview === null ? today : day(lastReview);
  const reasons = [`Risk level ${input.riskLevel}: re-evaluate at least every ${intervalDays} days.`];
  const sources: SeedCitation[] = [cite.managementStrategies, cite.monitoringResponse];
  if (input.subjectSeparated) {
    reasons.push(
      `The person has been separated; the case is not closed: follow up at least every ${Math.min(intervalDays, policy.postSeparationMaxDays)} days.`,
    );
    sources.push(cite.caseNotClosed);
  }

  let next = base + intervalDays;
  let driver: ReviewSchedule['driver'] = 'risk_interval';
  let actionId: string | undefined;
  for (const action of input.openActions) {
    const dueDate = action.due ?? null;
    if (dueDate === null) continue;
    const due = day(dueDate);
    if (due < next) {
      next = due;
      driver = 'open_action';
      actionId = action.id;
    }
  }
  if (actionId !== undefined) reasons.push(`Open action ${actionId} is due on ${isoDay(next)}: check whether it is done and whether it still fits.`);

  const overdue = next < today;
  if (overdue) {
    reasons.push(`The review was due on ${isoDay(next)}: re-evaluate today.`);
    driver = driver === 'open_action' ? 'overdue_action' : 'overdue_review';
    next = today;
  }
  return {
    nextReview: isoDay(next),
    overdue,
    intervalDays,
    driver,
    ...(actionId !== undefined ? { actionId } : {}),
    reasons,
    source: citationsText(sources),
  };
}
