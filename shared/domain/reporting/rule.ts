import { z } from 'zod';
import { seedCitationSchema } from '../citation';
import { obligationTimingSchema, programTypeSchema, recipientSchema } from '../ids';
import { conditionSchema } from '../rules/condition';

/**
 * One reporting rule: when its condition holds for a case of one of its programs,
 * the program must report to the recipient. Rules are data, so a program can add
 * its internal procedures as extra rules (for example loaded from JSON).
 */
export const reportingRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'a rule id is lower_snake_case'),
    programs: z.array(programTypeSchema).min(1),
    recipient: recipientSchema,
    when: conditionSchema,
    /** One or two sentences saying why the report is due. */
    basis: z.string().min(1),
    /** The regulation or passage that requires it, as shown to the analyst. */
    citation: z.string().min(1),
    timing: obligationTimingSchema,
    /** How to report, where the guide says (e.g. DSOS for the DITMAC). */
    channel: z.string().min(1).optional(),
    /** The seed passages the rule encodes; a program's own procedure may have none. */
    sources: z.array(seedCitationSchema),
  })
  .strict();
export type ReportingRule = z.infer<typeof reportingRuleSchema>;
