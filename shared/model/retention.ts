import { z } from 'zod';
import { programTypes } from '../domain/ids';
import { caseStatusSchema, caseStatuses, isoDateSchema, timestampSchema, type CaseStatus } from './caseRecord';

/**
 * Retention of case records: how long a case is kept, set by the program manager
 * from the program's records schedule, and when it falls due for disposition.
 * Pure logic (no Node), shared by the backend and the screens that show it.
 */

export const retentionProgramSchema = z.enum([...programTypes, 'any']);
export type RetentionProgram = z.infer<typeof retentionProgramSchema>;

/** Where the retention period starts: the case's closure, or its last recorded activity. */
export const measuredFromSchema = z.enum(['closure', 'last_activity']);
export type MeasuredFrom = z.infer<typeof measuredFromSchema>;

export const retentionRuleSchema = z
  .object({
    status: caseStatusSchema,
    /** A program type, or 'any' for every program without a rule of its own. */
    program: retentionProgramSchema,
    years: z.number().int().min(1, 'keep a case at least 1 year').max(100, 'at most 100 years'),
    measuredFrom: measuredFromSchema,
    /** The records schedule or regulation the period comes from, e.g. "GRS 5.6 item 230". */
    authority: z.string().trim().min(1, 'name the records schedule or authority').max(200, 'at most 200 characters'),
  })
  .strict()
  .refine((rule) => rule.measuredFrom !== 'closure' || rule.status === 'closed', {
    message: 'only a rule for closed cases can be measured from closure',
    path: ['measuredFrom'],
  });
export type RetentionRule = z.infer<typeof retentionRuleSchema>;

export const retentionRulesSchema = z
  .array(retentionRuleSchema)
  .max(caseStatuses.length * (programTypes.length + 1))
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((rule, index) => {
      const key = ruleKey(rule);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `two rules for ${rule.status} cases of program ${rule.program}`, path: [index] });
      seen.add(key);
    });
  });

/** A stored rule: who set it and when. */
export const storedRetentionRuleSchema = z.object({
  status: caseStatusSchema,
  program: retentionProgramSchema,
  years: z.number().int(),
  measuredFrom: measuredFromSchema,
  authority: z.string(),
  updatedBy: z.string(),
  updatedAt: timestampSchema,
});
export type StoredRetentionRule = z.infer<typeof storedRetentionRuleSchema>;

export function ruleKey(rule: { status: string; program: string }): string {
  return `${rule.status}/${rule.program}`;
}

/** The rule for a case: its program's own rule first, else the rule for any program. None: keep indefinitely. */
export function ruleFor<R extends Pick<RetentionRule, 'status' | 'program'>>(rules: readonly R[], status: CaseStatus, program: string): R | undefined {
  return rules.find((r) => r.status === status && r.program === program) ?? rules.find((r) => r.status === status && r.program === 'any');
}

/**
 * The calendar date `years` after `date` (YYYY-MM-DD), in UTC. 29 February moves to
 * 28 February in a year that has none: a period never runs out later than it says.
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export interface RetentionFacts {
  status: CaseStatus;
  program: string;
  closedAt: string | null;
  lastActivityAt: string;
}

export interface RetentionDue {
  /** The date the period started (closure or last activity). */
  startedOn: string;
  /** The first day the case may be disposed of. */
  dueOn: string;
}

/** When a case's retention runs out under a rule; null when the rule cannot apply (no closure date). */
export function retentionDue(facts: RetentionFacts, rule: Pick<RetentionRule, 'years' | 'measuredFrom'>): RetentionDue | null {
  const start = rule.measuredFrom === 'closure' ? facts.closedAt : facts.lastActivityAt;
  if (start === null || start.length < 10) return null;
  const startedOn = start.slice(0, 10);
  return { startedOn, dueOn: addYears(startedOn, rule.years) };
}

/** A case whose retention has run out (shown to the program manager for disposition). */
export const dispositionDueSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  program: z.string(),
  status: caseStatusSchema,
  startedOn: isoDateSchema,
  dueOn: isoDateSchema,
  rule: z.object({ status: caseStatusSchema, program: retentionProgramSchema, years: z.number().int(), measuredFrom: measuredFromSchema, authority: z.string() }),
  /** A case on legal hold stays listed but cannot be disposed of until the hold is cleared. */
  legalHold: z.boolean(),
});
export type DispositionDue = z.infer<typeof dispositionDueSchema>;

/**
 * The record of one disposition, for printing: what was destroyed, under which
 * rule, approved by whom, and the audit event that proves it.
 */
export const dispositionCertificateSchema = z.object({
  vaultId: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  program: z.string(),
  status: caseStatusSchema,
  openedOn: isoDateSchema,
  closedOn: isoDateSchema.nullable(),
  retentionStartedOn: isoDateSchema,
  dueOn: isoDateSchema,
  disposedAt: timestampSchema,
  rule: z.object({ status: caseStatusSchema, program: retentionProgramSchema, years: z.number().int(), measuredFrom: measuredFromSchema, authority: z.string() }),
  approvedBy: z.string(),
  /** Why the program manager approved the disposition (null for dispositions recorded before reasons were asked). */
  reason: z.string().nullable(),
  audit: z.object({ seq: z.number().int(), hash: z.string(), prevHash: z.string() }),
  /** Whether the whole audit chain, including this event, verified when the certificate was made. */
  auditChainVerified: z.boolean(),
});
export type DispositionCertificate = z.infer<typeof dispositionCertificateSchema>;
