import { z } from 'zod';
import { catalogSchema } from '../domain/catalog';
import { evaluateInputSchema, evaluateOutputSchema } from '../domain/evaluate/schema';
import { method } from './define';

/**
 * The rules engine and its catalog. Public: they read no case data from the
 * vault, only what the caller passes, so they work while the vault is locked
 * (training, the login screen's help).
 */
export const domainContract = {
  'domain.evaluate': method({
    summary: "Run the rules engine on one case's facts, indicators and plan: obligations, law enforcement criteria, recommendations, warnings.",
    public: true,
    input: evaluateInputSchema,
    output: evaluateOutputSchema,
  }),
  'domain.catalog': method({
    summary: 'The whole domain catalog: PRI categories, pathway, disciplines, tenets, response options, facts, criteria, aids.',
    public: true,
    input: z.object({}).strict(),
    output: catalogSchema,
  }),
};
