import { z } from 'zod';
import { citationsText, type SeedCitation } from '../citation';
import { obligationTimings, obligationTimingSchema, recipients, recipientSchema, type ObligationTiming, type ProgramType } from '../ids';
import { holds, type Situation } from '../rules/condition';
import { citationKey, distinct } from '../util/distinct';
import type { ReportingRule } from './rule';
import { reportingRules } from './rules';

export const obligationSchema = z
  .object({
    recipient: recipientSchema,
    basis: z.string().min(1),
    citation: z.string().min(1),
    timing: obligationTimingSchema,
    channel: z.string().min(1).optional(),
    /** The seed passages behind the obligation. */
    source: z.string().min(1).optional(),
    /** Ids of the rules that produced it, so the analyst can trace every basis. */
    rules: z.array(z.string()).min(1),
  })
  .strict();
export type Obligation = z.infer<typeof obligationSchema>;

/** The rules, built-in and extra, that apply to this program and hold for this case. */
export function firedReportingRules(
  program: ProgramType,
  situation: Situation,
  extraRules: readonly ReportingRule[] = [],
): ReportingRule[] {
  return [...reportingRules, ...extraRules].filter((rule) => rule.programs.includes(program) && holds(rule.when, situation));
}

const urgency = (timing: ObligationTiming): number => obligationTimings.indexOf(timing);

/** Joins the rules for one recipient: one obligation, the most urgent timing, every basis once. */
function merge(rules: readonly ReportingRule[]): Obligation {
  const first = rules[0];
  if (first === undefined) throw new Error('merge needs at least one rule');
  const timing = rules.map((r) => r.timing).reduce((a, b) => (urgency(b) < urgency(a) ? b : a));
  const channels = distinct(rules.flatMap((r) => (r.channel === undefined ? [] : [r.channel])));
  const sources = distinct<SeedCitation>(rules.flatMap((r) => r.sources), citationKey);
  return {
    recipient: first.recipient,
    basis: distinct(rules.map((r) => r.basis)).join(' '),
    citation: distinct(rules.flatMap((r) => r.citation.split('; '))).join('; '),
    timing,
    ...(channels.length > 0 ? { channel: channels.join('; ') } : {}),
    ...(sources.length > 0 ? { source: citationsText(sources) } : {}),
    rules: rules.map((r) => r.id),
  };
}

/**
 * What the program must report, to whom, why and how soon: one obligation per
 * recipient, in a fixed recipient order. The program's own internal procedures
 * always apply, so `internal` is always present.
 */
export function reportingObligations(
  program: ProgramType,
  situation: Situation,
  extraRules: readonly ReportingRule[] = [],
): Obligation[] {
  const fired = firedReportingRules(program, situation, extraRules);
  return recipients.flatMap((recipient) => {
    const forRecipient = fired.filter((r) => r.recipient === recipient);
    return forRecipient.length === 0 ? [] : [merge(forRecipient)];
  });
}
