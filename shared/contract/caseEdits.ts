import { z } from 'zod';
import { programTypeSchema } from '../domain/ids';
import { intakeSchema, newReportSchema } from './cases';
import { method } from './define';

/** Why an edit was made: required, kept with the edit, shown in the case's history. */
export const editReasonSchema = z.string().trim().min(1, 'Give a reason for the change').max(1_000, 'The reason: at most 1000 characters');

const caseId = z.string().min(1);
const atLeastOne = (changes: Record<string, unknown>) => Object.values(changes).some((v) => v !== undefined);
const nothingToChange = { message: 'Change at least one field' };

/** The case's own details that can be corrected after intake. */
export const caseDetailsChangesSchema = z.object({ title: intakeSchema.shape.title.optional(), program: programTypeSchema.optional() }).strict().refine(atLeastOne, nothingToChange);

/** An intake field as an edit takes it: optional, and without the intake's default (an absent field is left as it is). */
const left = <T extends z.ZodType>(field: T | z.ZodDefault<T>) => (field instanceof z.ZodDefault ? field.unwrap() : field).optional();

const subject = intakeSchema.shape.subject.shape;
/** The subject's details (the same limits as at intake). */
export const subjectChangesSchema = z
  .object({
    realName: left(subject.realName),
    employeeId: left(subject.employeeId),
    orgUnit: left(subject.orgUnit),
    position: left(subject.position),
    clearance: left(subject.clearance),
    facilityAccess: left(subject.facilityAccess),
    systemAccess: left(subject.systemAccess),
  })
  .strict()
  .refine(atLeastOne, nothingToChange);

const report = newReportSchema.shape;
/** A report's fields (the same limits as when it was added). */
export const reportChangesSchema = z
  .object({
    receivedOn: left(report.receivedOn),
    howReceived: left(report.howReceived),
    reporter: left(report.reporter),
    reporterConfidential: left(report.reporterConfidential),
    narrative: left(report.narrative),
  })
  .strict()
  .refine(atLeastOne, nothingToChange);

export const editTargets = ['case', 'subject', 'report', 'indicator'] as const;

/** One field of one edit, in words: before and after (null where the value is not shown, as for the subject's name). */
export const editChangeSchema = z.object({ field: z.string(), label: z.string(), before: z.string().nullable(), after: z.string().nullable() });

/** One entry of a case's edit history: what changed, by whom, when and why. */
export const caseHistoryEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  target: z.enum(editTargets),
  /** What was edited, in words ("Case details", "Report received 2026-11-10", "Indicator: …"). */
  what: z.string(),
  /** Null for an indicator version (indicator changes carry no reason). */
  reason: z.string().nullable(),
  changes: z.array(editChangeSchema),
});
export type CaseHistoryEntry = z.infer<typeof caseHistoryEntrySchema>;

const editResult = z.object({ editId: z.string(), changed: z.array(z.string()) });

export const caseEditsContract = {
  'cases.edit': method({
    summary: "Correct a case's title or program, with a reason; the previous values are kept in its history.",
    input: z.object({ caseId, changes: caseDetailsChangesSchema, reason: editReasonSchema }).strict(),
    output: editResult,
  }),
  'subjects.edit': method({
    summary: "Correct the subject's details, with a reason; the previous values are kept in the case's history.",
    input: z.object({ caseId, changes: subjectChangesSchema, reason: editReasonSchema }).strict(),
    output: editResult,
  }),
  'reports.edit': method({
    summary: 'Correct a report, with a reason; the previous values are kept in the case’s history.',
    input: z.object({ caseId, id: z.string().min(1), changes: reportChangesSchema, reason: editReasonSchema }).strict(),
    output: editResult,
  }),
  'cases.history': method({
    summary: "A case's edit history, newest first: what changed (before and after), by whom, when and why, with each indicator version.",
    input: z.object({ caseId }).strict(),
    output: z.object({ entries: z.array(caseHistoryEntrySchema) }),
  }),
};
