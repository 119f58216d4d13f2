import { z } from 'zod';
import { warningSchema } from '../guardrails/guardrails';
import { factIdSchema, indicatorStageSchema, optionIdSchema, priCategorySchema, programTypeSchema } from '../ids';
import { recommendationSchema } from '../recommend/recommend';
import { obligationSchema } from '../reporting/obligations';
import { lawEnforcementAssistanceSchema } from '../rules/lawEnforcement';

/** The input and output of `evaluate` (../shared/spec/evaluate.md). */

export const indicatorInputSchema = z
  .object({
    category: priCategorySchema,
    stage: indicatorStageSchema,
    summary: z.string().max(4000).optional(),
  })
  .strict();
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;

export const evaluateInputSchema = z
  .object({
    program: programTypeSchema,
    /** A missing fact is unknown, not false. */
    facts: z.partialRecord(factIdSchema, z.boolean()).default({}),
    indicators: z.array(indicatorInputSchema).max(1000).default([]),
    plan: z.array(optionIdSchema).max(500).default([]),
  })
  .strict();
export type EvaluateInput = z.output<typeof evaluateInputSchema>;
export type EvaluateInputDraft = z.input<typeof evaluateInputSchema>;

export const evaluateOutputSchema = z
  .object({
    obligations: z.array(obligationSchema).min(1),
    lawEnforcementAssistance: lawEnforcementAssistanceSchema,
    pathway: z.object({ stages: z.array(indicatorStageSchema) }).strict(),
    recommendations: z.array(recommendationSchema),
    warnings: z.array(warningSchema),
  })
  .strict();
export type EvaluateOutput = z.infer<typeof evaluateOutputSchema>;
