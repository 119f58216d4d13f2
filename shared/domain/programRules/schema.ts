import { z } from 'zod';
import { reportingRuleSchema, type ReportingRule } from '../reporting/rule';
import { reportingRules } from '../reporting/rules';

/**
 * A program's own additional reporting rules: newer DITMAC thresholds, internal
 * recipients, timings. They add to the shipped rules, which stay read-only: a
 * program rule cannot replace, remove or weaken a shipped one (an obligation only
 * ever gains bases and urgency). The same document is kept in the vault,
 * versioned, and exported to a file `offramp evaluate --rules FILE` reads.
 */

export const PROGRAM_RULES_FORMAT = 'offramp-program-rules';
export const PROGRAM_RULE_ID_PREFIX = 'program_';

const shippedIds = new Set(reportingRules.map((r) => r.id));

export const programRuleSchema = reportingRuleSchema.superRefine((rule, ctx) => {
  if (!rule.id.startsWith(PROGRAM_RULE_ID_PREFIX)) {
    ctx.addIssue({ code: 'custom', path: ['id'], message: `a program rule's id starts with "${PROGRAM_RULE_ID_PREFIX}" (got "${rule.id}"), so it is never taken for a shipped rule` });
  }
  if (shippedIds.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['id'], message: `"${rule.id}" is a shipped rule, which is read-only` });
  if (rule.citation.trim().length === 0 || rule.basis.trim().length === 0) ctx.addIssue({ code: 'custom', path: ['citation'], message: 'a program rule names its basis and its source' });
});

export const programRulesDocumentSchema = z
  .object({
    format: z.literal(PROGRAM_RULES_FORMAT),
    /** The revision in the vault this document was exported from (1, 2, …). */
    revision: z.number().int().min(1),
    /** When that revision was saved, and by whom (for the reader of an exported file). */
    savedAt: z.string().min(1).optional(),
    savedBy: z.string().min(1).optional(),
    rules: z.array(programRuleSchema).max(500),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `the rule id "${rule.id}" is used twice` });
      seen.add(rule.id);
    });
  });
export type ProgramRulesDocument = z.infer<typeof programRulesDocumentSchema>;

/** The rules of a document, as extra rules for the engine. */
export function programReportingRules(doc: ProgramRulesDocument | null): readonly ReportingRule[] {
  return doc === null ? [] : doc.rules;
}
