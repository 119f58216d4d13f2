import { z } from 'zod';
import { recipientSchema } from '../domain/ids';
import { isoDateSchema } from '../model/caseRecord';
import { method } from './define';

const caseId = z.string().min(1);
const required = (max: number, what: string) => z.string().trim().min(1, `${what} is required`).max(max, `${what}: at most ${max} characters`);

/** What the analyst records for one obligation: reported (when, how, reference, by whom) or not required (why). */
export const reportingRecordInputSchema = z.discriminatedUnion('outcome', [
  z
    .object({
      caseId,
      recipient: recipientSchema,
      outcome: z.literal('reported'),
      reportedOn: isoDateSchema,
      method: required(200, 'Method'),
      reference: z.string().trim().max(200, 'Reference: at most 200 characters').default(''),
      reportedBy: required(200, 'Reported by'),
    })
    .strict(),
  z
    .object({
      caseId,
      recipient: recipientSchema,
      outcome: z.literal('not_required'),
      justification: z.string().trim().min(20, 'Justification: write at least 20 characters').max(5_000, 'Justification: at most 5000 characters'),
    })
    .strict(),
]);
export type ReportingRecordInput = z.output<typeof reportingRecordInputSchema>;

export const reportingContract = {
  'reporting.record': method({
    summary: 'Record that an obligation was reported (date, method, reference, by whom) or is not required (justification).',
    input: reportingRecordInputSchema,
    output: z.object({ id: z.string() }),
  }),
};
