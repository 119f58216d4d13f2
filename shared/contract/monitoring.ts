import { z } from 'zod';
import { reviewScheduleSchema } from '../domain/review/schedule';
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

export const monitoringContract = {
  'monitoring.schedule': method({
    summary: "When the case must next be reviewed, from the engine's scheduling, with its reasons and source.",
    input: z.object({ caseId }).strict(),
    output: reviewScheduleSchema,
  }),
  'monitoring.recordReview': method({
    summary: 'Record a review: what changed, how effective each response was, new or escalating indicators, partner coordination; schedules the next.',
    input: reviewInputSchema,
    output: z.object({ id: z.string(), nextReview: isoDateSchema, reassessSuggested: z.boolean() }),
  }),
};
