import { z } from 'zod';
import { lawEnforcementCriteria } from '../catalog/lawEnforcementCriteria';
import { factIdSchema, type FactId } from '../ids';
import { isTrue, type Facts } from './condition';

export const lawEnforcementAssistanceSchema = z
  .object({ recommended: z.boolean(), criteria: z.array(factIdSchema) })
  .strict();
export type LawEnforcementAssistance = z.infer<typeof lawEnforcementAssistanceSchema>;

/**
 * Whether to consider requesting local law enforcement assistance: the facts that
 * meet the CISA page's list, in the page's order.
 */
export function lawEnforcementAssistance(facts: Facts): LawEnforcementAssistance {
  const criteria: FactId[] = lawEnforcementCriteria.filter((c) => isTrue(facts, c.fact)).map((c) => c.fact);
  return { recommended: criteria.length > 0, criteria };
}
