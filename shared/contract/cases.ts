import { caseRiskSchema } from '../model/schedule';
import { z } from 'zod';
import { indicatorStages, indicatorStageSchema, priCategorySchema, programTypeSchema } from '../domain/ids';
import {
  caseRecordSchema,
  caseRowSchema,
  caseSortColumns,
  caseStatusSchema,
  corroborationValues,
  howReceivedValues,
  isoDateSchema,
  reportSchema,
  subjectSchema,
} from '../model/caseRecord';
import { method } from './define';
import { evaluateOutputSchema } from '../domain/evaluate/schema';

const trimmed = (max: number, what: string) => z.string().trim().min(1, `${what} is required`).max(max, `${what}: at most ${max} characters`);
const optionalText = (max: number, what: string) => z.string().trim().max(max, `${what}: at most ${max} characters`).default('');

export const newIndicatorSchema = z
  .object({
    category: priCategorySchema,
    stage: indicatorStageSchema,
    observedOn: isoDateSchema,
    summary: trimmed(500, 'Summary'),
    detail: optionalText(10_000, 'Detail'),
    source: trimmed(200, 'Source'),
    corroboration: z.enum(corroborationValues),
    basis: z.enum(['fact', 'opinion']),
  })
  .strict();
export type NewIndicator = z.infer<typeof newIndicatorSchema>;

export const newReportSchema = z
  .object({
    receivedOn: isoDateSchema,
    howReceived: z.enum(howReceivedValues),
    reporter: optionalText(200, 'Reporter'),
    reporterConfidential: z.boolean(),
    narrative: trimmed(20_000, 'Narrative'),
  })
  .strict();

export const intakeSchema = z
  .object({
    title: trimmed(200, 'Title'),
    program: programTypeSchema,
    subject: z
      .object({
        realName: trimmed(200, 'Name'),
        employeeId: optionalText(64, 'Employee id'),
        orgUnit: optionalText(200, 'Organization unit'),
        position: optionalText(200, 'Position'),
        clearance: optionalText(64, 'Clearance'),
        facilityAccess: optionalText(500, 'Facility access'),
        systemAccess: optionalText(500, 'System access'),
      })
      .strict(),
    report: newReportSchema,
    indicators: z.array(newIndicatorSchema).max(50),
    assignedTo: z.string().nullable().default(null),
  })
  .strict();
export type Intake = z.input<typeof intakeSchema>;

/** A case as shown: the real name only after an audited reveal; confidential reporters hidden outside the case team. */
export const caseViewSchema = caseRecordSchema.extend({
  subject: subjectSchema.extend({ realName: z.string().nullable() }),
  reports: z.array(reportSchema.extend({ reporter: z.string(), reporterHidden: z.boolean() })),
});
export type CaseView = z.infer<typeof caseViewSchema>;

/** A tag on a case: a short word or phrase, shown as typed, compared without case. */
export const tagSchema = z
  .string()
  .trim()
  .min(1, 'a tag cannot be empty')
  .max(40, 'a tag is at most 40 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.\-/]*$/u, 'a tag is letters, digits, spaces and - _ . / (starting with a letter or digit)');

/** Where a page of the case list ends: the last row's sort key and case number. */
export const caseCursorSchema = z.object({ key: z.union([z.string(), z.number(), z.null()]), number: z.string().min(1).max(40) }).strict();
export type CaseCursor = z.infer<typeof caseCursorSchema>;

/** Why a row matched a search: a stretch of the matching item's text, the matched words marked. */
export const matchSnippetSchema = z.object({
  kind: z.string(),
  parts: z.array(z.object({ text: z.string(), hit: z.boolean() })),
});
export type MatchSnippet = z.infer<typeof matchSnippetSchema>;

export const caseListRowSchema = caseRowSchema.extend({
  tags: z.array(z.string()),
  overdue: z.boolean(),
  snippet: matchSnippetSchema.nullable(),
});
export type CaseListRow = z.infer<typeof caseListRowSchema>;

export const caseListOutputSchema = z.object({ rows: z.array(caseListRowSchema), total: z.number().int().nullable(), nextCursor: caseCursorSchema.nullable() });
export type CaseListOutput = z.infer<typeof caseListOutputSchema>;

export const caseListInputSchema = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    sort: z.enum(caseSortColumns).default('lastActivity'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    status: caseStatusSchema.optional(),
    risk: caseRiskSchema.optional(),
    program: programTypeSchema.optional(),
    assignedTo: z.string().optional(),
    /** Cases whose team this person is on, as lead or member. */
    team: z.string().max(200).optional(),
    query: z.string().max(200).optional(),
    /** The furthest pathway stage reached; "none" for a case with no indicator yet. */
    stage: z.enum([...indicatorStages, 'none']).optional(),
    tag: tagSchema.optional(),
    /** Keyset paging: the page after this row (its sort key and number, from nextCursor). */
    after: caseCursorSchema.optional(),
    /** Count the matching cases (once per filter change); later pages pass it back as knownTotal. */
    withTotal: z.boolean().default(true),
    knownTotal: z.number().int().min(0).optional(),
  })
  .strict();
export type CaseListInput = z.input<typeof caseListInputSchema>;

/** What opening a case returns: the case and what the rules engine makes of it. */
export const caseOpenSchema = caseViewSchema.extend({ evaluation: evaluateOutputSchema });
export type CaseOpen = z.infer<typeof caseOpenSchema>;

export const casesContract = {
  'cases.list': method({
    summary: 'A page of the case list, sorted and filtered, optionally by full-text search.',
    input: caseListInputSchema,
    output: caseListOutputSchema,
  }),
  'cases.get': method({
    summary:
      'One case with everything recorded on it and the rules engine on it, in one call (audited as a view; `refresh` re-reads the case already open after a change without a second view event).',
    input: z.object({ id: z.string().min(1), refresh: z.boolean().optional() }).strict(),
    output: caseOpenSchema,
  }),
  'cases.create': method({
    summary: 'Open a case: subject, program, first report and initial indicators.',
    input: intakeSchema,
    output: z.object({ id: z.string(), number: z.string() }),
  }),
  'cases.reveal': method({
    summary: "Show the subject's real name, with a reason (audited).",
    input: z.object({ caseId: z.string().min(1), reason: z.string().trim().min(10, 'give a reason of at least 10 characters').max(500) }).strict(),
    output: z.object({ realName: z.string() }),
  }),
};
