import { z } from 'zod';
import {
  actionSchema,
  analysisItemSchema,
  assessmentSchema,
  caseFieldsSchema,
  checklistEntrySchema,
  custodyEventSchema,
  determinationSchema,
  evidenceMetaSchema,
  indicatorSchema,
  obligationSchema,
  reportingRecordSchema,
  reportSchema,
  reviewSchema,
  strategySchema,
  subjectSchema,
} from '../model/caseRecord';
import { packetProfileIdSchema, packetSectionSchema, subjectFieldSchema } from './profiles';

/**
 * `case.json` of a packet: the case as minimized for one recipient. Every list is
 * present; `sections` says which were included, so an empty list that was left
 * out and one that is really empty are told apart. The subject carries only the
 * fields named in `subject.fields`, besides its pseudonymous display id.
 */
export const packetSubjectSchema = z
  .object({
    displayId: subjectSchema.shape.displayId,
    fields: z.array(subjectFieldSchema),
    realName: z.string().min(1).max(200).optional(),
    employeeId: z.string().max(64).optional(),
    orgUnit: z.string().max(200).optional(),
    position: z.string().max(200).optional(),
    clearance: z.string().max(64).optional(),
    facilityAccess: z.string().max(500).optional(),
    systemAccess: z.string().max(500).optional(),
  })
  .strict();
export type PacketSubject = z.infer<typeof packetSubjectSchema>;

export const packetCaseFieldsSchema = caseFieldsSchema.pick({
  id: true,
  number: true,
  title: true,
  program: true,
  status: true,
  risk: true,
  furthestStage: true,
  createdAt: true,
  updatedAt: true,
  nextReview: true,
  closedAt: true,
  closureReason: true,
});

export const packetReportSchema = reportSchema.extend({ reporterWithheld: z.boolean() });
export const packetEvidenceSchema = evidenceMetaSchema.extend({ file: z.string().nullable() });

export const packetCaseSchema = z
  .object({
    format: z.literal('offramp-packet-case'),
    version: z.literal(1),
    profile: packetProfileIdSchema,
    sections: z.array(packetSectionSchema),
    case: packetCaseFieldsSchema,
    subject: packetSubjectSchema,
    reports: z.array(packetReportSchema).max(10_000),
    indicators: z.array(indicatorSchema).max(10_000),
    analysis: z.array(analysisItemSchema).max(10_000),
    checklist: z.array(checklistEntrySchema).max(10_000),
    assessments: z.array(assessmentSchema).max(10_000),
    determinations: z.array(determinationSchema).max(10_000),
    strategies: z.array(strategySchema).max(10_000),
    actions: z.array(actionSchema).max(10_000),
    obligations: z.array(obligationSchema).max(10_000),
    reportingRecords: z.array(reportingRecordSchema).max(10_000),
    reviews: z.array(reviewSchema).max(10_000),
    evidence: z.array(packetEvidenceSchema).max(1_000),
    withheld: z
      .object({
        indicators: z.number().int().nonnegative(),
        confidentialSources: z.number().int().nonnegative(),
        evidenceFiles: z.number().int().nonnegative(),
      })
      .strict(),
  })
  .strict();
export type PacketCase = z.infer<typeof packetCaseSchema>;

/** `custody.json`: the custody log of the evidence files in the packet, up to the export. */
export const packetCustodySchema = z
  .object({
    format: z.literal('offramp-packet-custody'),
    version: z.literal(1),
    events: z.array(custodyEventSchema).max(100_000),
  })
  .strict();
export type PacketCustody = z.infer<typeof packetCustodySchema>;
