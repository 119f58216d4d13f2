import { z } from 'zod';
import { evaluateOutputSchema } from '../domain/evaluate/schema';
import { disciplineSchema, factIdSchema, recipientSchema, riskLevelSchema } from '../domain/ids';
import { analysisKinds, caseRowSchema, determinationValues, imminenceValues, indicatorSchema, isoDateSchema, questionKinds } from '../model/caseRecord';
import { newIndicatorSchema, newReportSchema } from './cases';
import { method } from './define';

const caseId = z.string().min(1);
const text = (max: number, what: string) => z.string().trim().max(max, `${what}: at most ${max} characters`).default('');

export const analysisInputSchema = z
  .object({
    caseId,
    id: z.string().optional(),
    kind: z.enum(analysisKinds),
    text: z.string().trim().min(1, 'Text is required').max(5_000, 'Text: at most 5000 characters'),
    questionKind: z.enum(questionKinds).nullable().default(null),
    answer: text(10_000, 'Answer'),
    sources: text(2_000, 'Sources'),
    status: z.enum(['open', 'answered', 'set_aside']).default('open'),
    justified: z.boolean().nullable().default(null),
    impact: text(5_000, 'Impact'),
    discipline: disciplineSchema.nullable().default(null),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'question' && v.questionKind === null) ctx.addIssue({ code: 'custom', path: ['questionKind'], message: 'Say what kind of question this is' });
    if (v.kind === 'viewpoint' && v.discipline === null) ctx.addIssue({ code: 'custom', path: ['discipline'], message: 'Say whose viewpoint this is' });
  });

export const assessmentInputSchema = z
  .object({
    caseId,
    interest: text(5_000, 'Interest'),
    motive: text(5_000, 'Motive'),
    ability: text(5_000, 'Ability'),
    imminence: z.enum(imminenceValues),
    risk: riskLevelSchema,
    rationale: z.string().trim().min(1, 'Rationale is required').max(10_000, 'Rationale: at most 10000 characters'),
    leCriteria: z.array(factIdSchema).max(20).default([]),
  })
  .strict();

export const homeSummarySchema = z.object({
  myCases: z.array(caseRowSchema),
  counts: z.object({
    open: z.number().int(),
    byRisk: z.record(z.string(), z.number().int()),
    byStage: z.record(z.string(), z.number().int()),
  }),
  overdueReviews: z.array(z.object({ caseId: z.string(), number: z.string(), nextReview: isoDateSchema, risk: riskLevelSchema, daysOverdue: z.number().int() })),
  pendingObligations: z.array(z.object({ caseId: z.string(), number: z.string(), recipient: recipientSchema, timing: z.string(), basis: z.string() })),
});

export const caseworkContract = {
  'home.summary': method({
    summary: 'Counts by risk and pathway stage, my cases, overdue reviews and unmet reporting obligations.',
    input: z.object({}).strict(),
    output: homeSummarySchema,
  }),
  'reports.add': method({
    summary: 'Add a report received on a case.',
    input: z.object({ caseId, report: newReportSchema }).strict(),
    output: z.object({ id: z.string() }),
  }),
  'indicators.add': method({
    summary: 'Record a potential risk indicator on a case.',
    input: z.object({ caseId, reportId: z.string().nullable().default(null), indicator: newIndicatorSchema }).strict(),
    output: z.object({ id: z.string() }),
  }),
  'indicators.update': method({
    summary: 'Change an indicator; the previous version is kept in its history.',
    input: z
      .object({
        caseId,
        id: z.string().min(1),
        indicator: newIndicatorSchema,
        /** The version the form was filled from: when the indicator has moved on since, nothing is saved and a conflict says who changed it. */
        expectedVersion: z.number().int().min(1).optional(),
      })
      .strict(),
    output: z.object({ version: z.number().int() }),
  }),
  'indicators.history': method({
    summary: 'Every earlier version of an indicator, newest first.',
    input: z.object({ caseId, id: z.string().min(1) }).strict(),
    output: z.array(z.object({ version: z.number().int(), changedAt: z.string(), changedBy: z.string(), indicator: indicatorSchema })),
  }),
  'analysis.save': method({
    summary: 'Add or change an analysis item: goal, question, assumption, alternative explanation or viewpoint.',
    input: analysisInputSchema,
    output: z.object({ id: z.string() }),
  }),
  'analysis.remove': method({
    summary: 'Remove an analysis item.',
    input: z.object({ caseId, id: z.string().min(1) }).strict(),
    output: z.object({ removed: z.literal(true) }),
  }),
  'checklist.set': method({
    summary: 'Mark an item of the fair-and-balanced checklist addressed or not, with a note.',
    input: z.object({ caseId, itemId: z.string().min(1).max(64), addressed: z.boolean(), note: text(2_000, 'Note') }).strict(),
    output: z.object({ saved: z.literal(true) }),
  }),
  'assessment.record': method({
    summary: 'Record an assessment: interest, motive, ability, imminence, risk and rationale; sets the case risk and next review.',
    input: assessmentInputSchema,
    output: z.object({ id: z.string(), nextReview: isoDateSchema }),
  }),
  'determinations.set': method({
    summary: 'Answer determination questions (yes / no / unknown); recomputes reporting obligations and says what changed.',
    input: z
      .object({ caseId, values: z.array(z.object({ factId: factIdSchema, value: z.enum(determinationValues), note: text(2_000, 'Note') }).strict()).min(1).max(40) })
      .strict(),
    output: z.object({ added: z.array(recipientSchema), removed: z.array(recipientSchema) }),
  }),
  'cases.evaluate': method({
    summary: "The rules engine on a case's determinations, indicators and planned actions.",
    input: z.object({ caseId }).strict(),
    output: evaluateOutputSchema,
  }),
};
