import { z } from 'zod';
import { caseRiskSchema } from './schedule';
import { disciplineSchema, factIdSchema, indicatorStageSchema, priCategorySchema, programTypeSchema, recipientSchema, riskLevelSchema } from '../domain/ids';

/**
 * The case as one JSON document: what `offramp case export` writes (one per line)
 * and `case import` reads, and what the case screens show. Dates are YYYY-MM-DD,
 * timestamps ISO 8601.
 */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date as YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a real date');
export const timestampSchema = z.string().datetime({ offset: true });

const text = (max: number) => z.string().max(max, `at most ${max} characters`);
const requiredText = (max: number, what: string) => z.string().trim().min(1, `${what} is required`).max(max, `at most ${max} characters`);

export const caseStatuses = ['open', 'monitoring', 'closed'] as const;
export const caseStatusSchema = z.enum(caseStatuses);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const howReceivedValues = ['in_person', 'phone', 'email', 'hotline', 'supervisor_referral', 'automated_alert', 'records_check', 'other'] as const;
export const corroborationValues = ['uncorroborated', 'partially_corroborated', 'corroborated'] as const;
export const questionKinds = ['definitive', 'opinion', 'multiple_viewpoints'] as const;
export const analysisKinds = ['goal', 'question', 'assumption', 'alternative', 'viewpoint'] as const;
export const imminenceValues = ['none', 'low', 'moderate', 'high', 'imminent'] as const;
export const actionStatuses = ['proposed', 'legal_review', 'approved', 'in_progress', 'done', 'discontinued'] as const;
export const determinationValues = ['yes', 'no', 'unknown'] as const;

export const subjectSchema = z.object({
  displayId: z.string().regex(/^S-[0-9A-Z]{5}$/),
  realName: requiredText(200, 'the subject’s name'),
  employeeId: text(64),
  orgUnit: text(200),
  position: text(200),
  clearance: text(64),
  facilityAccess: text(500),
  systemAccess: text(500),
});
export type Subject = z.infer<typeof subjectSchema>;

export const reportSchema = z.object({
  id: z.string(),
  receivedOn: isoDateSchema,
  howReceived: z.enum(howReceivedValues),
  reporter: text(200),
  reporterConfidential: z.boolean(),
  narrative: requiredText(20_000, 'the narrative'),
  createdBy: z.string(),
  createdAt: timestampSchema,
});
export type Report = z.infer<typeof reportSchema>;

export const indicatorSchema = z.object({
  id: z.string(),
  reportId: z.string().nullable(),
  category: priCategorySchema,
  stage: indicatorStageSchema,
  observedOn: isoDateSchema,
  summary: requiredText(500, 'a summary'),
  detail: text(10_000),
  source: requiredText(200, 'the source'),
  corroboration: z.enum(corroborationValues),
  basis: z.enum(['fact', 'opinion']),
  version: z.number().int().positive(),
  createdBy: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const analysisItemSchema = z.object({
  id: z.string(),
  kind: z.enum(analysisKinds),
  text: requiredText(5_000, 'the text'),
  questionKind: z.enum(questionKinds).nullable(),
  answer: text(10_000),
  sources: text(2_000),
  status: z.enum(['open', 'answered', 'set_aside']),
  justified: z.boolean().nullable(),
  impact: text(5_000),
  discipline: disciplineSchema.nullable(),
  createdBy: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type AnalysisItem = z.infer<typeof analysisItemSchema>;

export const checklistEntrySchema = z.object({ itemId: z.string(), addressed: z.boolean(), note: text(2_000) });

export const assessmentSchema = z.object({
  id: z.string(),
  interest: text(5_000),
  motive: text(5_000),
  ability: text(5_000),
  imminence: z.enum(imminenceValues),
  risk: riskLevelSchema,
  rationale: requiredText(10_000, 'the rationale'),
  leCriteria: z.array(factIdSchema),
  isFinal: z.boolean(),
  assessedBy: z.string(),
  assessedAt: timestampSchema,
});
export type Assessment = z.infer<typeof assessmentSchema>;

export const determinationSchema = z.object({ factId: factIdSchema, value: z.enum(determinationValues), note: text(2_000) });
export type Determination = z.infer<typeof determinationSchema>;

export const strategySchema = z.object({ id: z.string(), title: requiredText(200, 'a title') });

export const actionSchema = z.object({
  id: z.string(),
  strategyId: z.string().nullable(),
  optionId: z.string().min(1),
  ownerDiscipline: disciplineSchema,
  ownerPerson: text(200),
  status: z.enum(actionStatuses),
  dueOn: isoDateSchema.nullable(),
  notes: text(10_000),
  legalSignoffBy: z.string().nullable(),
  legalSignoffAt: timestampSchema.nullable(),
  warningJustification: text(5_000),
});
export type Action = z.infer<typeof actionSchema>;

export const obligationSchema = z.object({
  recipient: recipientSchema,
  basis: z.string(),
  citation: z.string(),
  timing: z.string(),
});

export const reportingRecordSchema = z.object({
  id: z.string(),
  recipient: recipientSchema,
  outcome: z.enum(['reported', 'not_required']),
  reportedOn: isoDateSchema.nullable(),
  method: text(200),
  reference: text(200),
  reportedBy: text(200),
  justification: text(5_000),
  recordedBy: z.string(),
  recordedAt: timestampSchema,
});

export const reviewSchema = z.object({
  id: z.string(),
  heldOn: isoDateSchema,
  whatChanged: text(10_000),
  effectiveness: z.record(z.string(), text(2_000)),
  newIndicators: text(5_000),
  coordination: text(5_000),
  nextReview: isoDateSchema.nullable(),
  reviewedBy: z.string(),
});

export const evidenceMetaSchema = z.object({
  id: z.string(),
  name: requiredText(255, 'a file name'),
  mediaType: z.string().max(127),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  receivedOn: isoDateSchema,
  source: text(500),
});

export const custodyEventSchema = z.object({
  at: timestampSchema,
  actor: z.string(),
  action: z.string(),
  evidenceId: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});

export const caseFieldsSchema = z.object({
  id: z.string(),
  number: z.string().regex(/^[A-Z]{2,4}-\d{4}-\d{4,6}$/),
  title: requiredText(200, 'a title'),
  program: programTypeSchema,
  status: caseStatusSchema,
  risk: caseRiskSchema,
  furthestStage: indicatorStageSchema.nullable(),
  assignedTo: z.string().nullable(),
  members: z.array(z.string()),
  createdBy: z.string(),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  lastActivityAt: timestampSchema,
  nextReview: isoDateSchema.nullable(),
  legalHold: z.boolean(),
  closedAt: timestampSchema.nullable(),
  closureReason: z.string().nullable(),
  sourcePacketId: z.string().nullable(),
});
export type CaseFields = z.infer<typeof caseFieldsSchema>;

export const caseRecordSchema = z.object({
  format: z.literal('offramp-case'),
  version: z.literal(1),
  case: caseFieldsSchema,
  subject: subjectSchema,
  reports: z.array(reportSchema),
  indicators: z.array(indicatorSchema),
  analysis: z.array(analysisItemSchema),
  checklist: z.array(checklistEntrySchema),
  assessments: z.array(assessmentSchema),
  determinations: z.array(determinationSchema),
  strategies: z.array(strategySchema),
  actions: z.array(actionSchema),
  obligations: z.array(obligationSchema),
  reportingRecords: z.array(reportingRecordSchema),
  reviews: z.array(reviewSchema),
  evidence: z.array(evidenceMetaSchema),
  custody: z.array(custodyEventSchema),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

/** A row of the case list. */
export const caseRowSchema = z.object({
  id: z.string(),
  number: z.string(),
  subjectDisplayId: z.string(),
  title: z.string(),
  program: programTypeSchema,
  status: caseStatusSchema,
  risk: caseRiskSchema,
  furthestStage: indicatorStageSchema.nullable(),
  assignedTo: z.string().nullable(),
  nextReview: isoDateSchema.nullable(),
  lastActivityAt: timestampSchema,
});
export type CaseRow = z.infer<typeof caseRowSchema>;

export const caseSortColumns = ['number', 'subject', 'program', 'status', 'risk', 'furthestStage', 'assignedTo', 'nextReview', 'lastActivity'] as const;
