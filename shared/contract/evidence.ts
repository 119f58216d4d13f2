import { z } from 'zod';
import { evidenceMetaSchema, isoDateSchema } from '../model/caseRecord';
import { method } from './define';

/** The largest evidence file taken in through the app (decoded bytes). */
export const MAX_EVIDENCE_BYTES = 64 * 1024 * 1024;
const maxBase64 = Math.ceil(MAX_EVIDENCE_BYTES / 3) * 4;

const base64Schema = z
  .string()
  .max(maxBase64, `a file of at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MiB`)
  .refine((s) => s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s), 'standard base64 (A–Z, a–z, 0–9, +, /, = padding)');

export const evidenceAddSchema = z
  .object({
    caseId: z.string().min(1),
    name: z.string().trim().min(1, 'a file name is required').max(255),
    mediaType: z.string().trim().regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i, 'a media type such as application/pdf').max(127),
    receivedOn: isoDateSchema,
    source: z.string().trim().max(500).default(''),
    contentBase64: base64Schema,
  })
  .strict();
export type EvidenceAdd = z.input<typeof evidenceAddSchema>;

export const evidenceItemSchema = evidenceMetaSchema.extend({ createdBy: z.string(), createdAt: z.string() });
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const evidenceContract = {
  'evidence.add': method({
    summary: 'Take in an evidence file: stored in the vault, SHA-256 at intake, custody event "intake".',
    input: evidenceAddSchema,
    output: evidenceItemSchema,
  }),
  'evidence.list': method({
    summary: "A case's evidence items (metadata, sizes and SHA-256; never the content).",
    input: z.object({ caseId: z.string().min(1) }).strict(),
    output: z.array(evidenceItemSchema),
  }),
};
