import { z } from 'zod';
import { programRuleSchema, programRulesDocumentSchema } from '../domain/programRules/schema';
import { obligationTimingSchema, programTypeSchema, recipientSchema } from '../domain/ids';
import { method } from './define';

export const programRulesVersionSchema = z.object({
  version: z.number().int().min(1),
  savedBy: z.string(),
  savedAt: z.string(),
  reason: z.string(),
  ruleCount: z.number().int().min(0),
});

export const shippedRuleSchema = z.object({
  id: z.string(),
  programs: z.array(programTypeSchema),
  recipient: recipientSchema,
  basis: z.string(),
  citation: z.string(),
  timing: obligationTimingSchema,
});

export const programRulesContract = {
  'programRules.get': method({
    summary: "The program's own reporting rules in force (newest version), their version history, and the shipped rules, which are read-only.",
    input: z.object({}).strict(),
    output: z.object({
      current: z.object({ version: z.number().int().min(1), savedBy: z.string(), savedAt: z.string(), reason: z.string(), document: programRulesDocumentSchema }).nullable(),
      history: z.array(programRulesVersionSchema),
      shipped: z.array(shippedRuleSchema),
      canEdit: z.boolean(),
    }),
  }),
  'programRules.save': method({
    summary: "Save a new version of the program's own reporting rules (program manager), validated, with the reason, audited.",
    input: z
      .object({
        rules: z.array(programRuleSchema).max(500),
        reason: z.string().trim().min(5, 'Reason: write at least 5 characters').max(1_000, 'Reason: at most 1000 characters'),
      })
      .strict(),
    output: z.object({ version: z.number().int().min(1) }),
  }),
  'programRules.export': method({
    summary: 'Write the program rules in force to a file chosen in the save dialog, the file `offramp evaluate --rules` reads; audited.',
    input: z.object({}).strict(),
    output: z.object({ done: z.boolean(), path: z.string().nullable(), version: z.number().int().nullable() }),
  }),
};
