import { z } from 'zod';
import { seedCitationSchema } from '../citation';
import { optionIdSchema } from '../ids';
import { conditionSchema } from '../rules/condition';

/** When the condition holds, the options are suggested for the reason given. */
export const recommendationRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    when: conditionSchema,
    options: z.array(optionIdSchema).min(1),
    reason: z.string().min(1),
    sources: z.array(seedCitationSchema).min(1),
  })
  .strict();
export type RecommendationRule = z.infer<typeof recommendationRuleSchema>;
