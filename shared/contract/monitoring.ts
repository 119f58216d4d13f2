import { z } from 'zod';
import { caseRiskSchema } from '../model/schedule';
import { isoDateSchema } from '../model/caseRecord';
import { effectivenessRatings } from '../model/effectiveness';
import { method } from './define';

const caseId = z.string().min(1);
const text = (max: number, what: string) => z.string().trim().max(max, `${what}: at most ${max} characters`).default('');

export const reviewInputSchema = z
  .object({
    caseId,
    heldOn: isoDateSchema,
    whatChanged: z.string().trim().min(1, 'Say what changed since the last review').max(10_000, 'What changed: at most 10000 characters'),
    effectiveness: z
      .array(z.object({ actionId: z.string().min(1), rating: z.enum(effectivenessRatings), note: text(1_500, 'Note') }).strict())
      .max(200)
      .default([]),
    newIndicators: text(5_000, 'New or escalating indicators'),
    coordination: text(5_000, 'Partner coordination'),
  })
  .strict();
export type ReviewInput = z.input<typeof reviewInputSchema>;

/** A case's dates and states on a day, from the one schedule function (shared/model/schedule.ts). */
export const caseScheduleSchema = z.object({
  risk: caseRiskSchema,
  nextReview: isoDateSchema.nullable(),
  state: z.enum(['closed', 'not_assessed', 'scheduled', 'due_today', 'overdue']),
  daysOverdue: z.number().int(),
  intervalDays: z.number().int().nullable(),
  driver: z.enum(['risk_interval', 'open_action']).nullable(),
  actionId: z.string().nullable(),
  pastDueActions: z.array(z.object({ id: z.string(), dueOn: isoDateSchema, daysPastDue: z.number().int() })),
  reasons: z.array(z.string()),
  source: z.string(),
});

export const monitoringContract = {
  'monitoring.schedule': method({
    summary: 'When the case must next be reviewed and whether it is overdue, its past-due actions, with the reasons and source (the one schedule function).',
    input: z.object({ caseId }).strict(),
    output: caseScheduleSchema,
  }),
  'monitoring.recordReview': method({
    summary: 'Record a review: what changed, how effective each response was, new or escalating indicators, partner coordination; schedules the next.',
    input: reviewInputSchema,
    output: z.object({ id: z.string(), nextReview: isoDateSchema.nullable(), reassessSuggested: z.boolean() }),
  }),
};
