import { z } from 'zod';
import { custodyEventSchema, evidenceMetaSchema, isoDateSchema } from '../model/caseRecord';
import { method } from './define';

/** The largest evidence file taken in through the app. */
export const MAX_EVIDENCE_BYTES = 64 * 1024 * 1024;

/**
 * Evidence is taken in by path: the backend reads the file itself (chosen in the
 * system's open dialog when no path is given, or dropped on the evidence tab), so
 * file content never crosses IPC on its way in.
 */
export const evidenceAddSchema = z
  .object({
    caseId: z.string().min(1),
    /** An absolute path to a regular file; when absent the app asks with the system's open dialog. */
    path: z.string().min(1).max(4096).refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'an absolute path to the file').optional(),
    /** The name the item is listed under; the file's own name when absent. */
    name: z.string().trim().min(1, 'a file name is required').max(255).optional(),
    receivedOn: isoDateSchema,
    source: z.string().trim().max(500).default(''),
  })
  .strict();
export type EvidenceAdd = z.input<typeof evidenceAddSchema>;

export const evidenceItemSchema = evidenceMetaSchema.extend({ createdBy: z.string(), createdAt: z.string() });
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const evidenceAddResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('added'), item: evidenceItemSchema }),
  z.object({ status: z.literal('cancelled') }),
]);

export const custodyKinds = ['received_from', 'transferred_to'] as const;
export const custodyAddSchema = z
  .object({
    caseId: z.string().min(1),
    evidenceId: z.string().min(1).max(64),
    kind: z.enum(custodyKinds),
    /** The person or office the item came from or went to. */
    party: z.string().trim().min(1, 'name the person or office').max(200),
    purpose: z.string().trim().min(1, 'say why the item changed hands').max(500),
    on: isoDateSchema,
  })
  .strict();
export type CustodyAdd = z.input<typeof custodyAddSchema>;

/** What the preview pane shows: never a file on disk, never an external viewer. */
export const evidencePreviewSchema = z.discriminatedUnion('kind', [
  /** Image bytes (at most MAX_PREVIEW_IMAGE_BYTES), decoded by the renderer into a canvas. */
  z.object({ kind: z.literal('image'), mediaType: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp']), base64: z.string() }),
  z.object({ kind: z.literal('text'), text: z.string(), truncated: z.boolean() }),
  /**
   * A PDF's facts read by the backend, and its bytes (null above MAX_PREVIEW_IMAGE_BYTES)
   * for pdf.js to draw page by page in the renderer's worker.
   */
  z.object({ kind: z.literal('pdf'), version: z.string(), pages: z.number().int().nonnegative(), title: z.string(), encrypted: z.boolean(), textExcerpt: z.string(), base64: z.string().nullable() }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);
export type EvidencePreview = z.infer<typeof evidencePreviewSchema>;
export const MAX_PREVIEW_IMAGE_BYTES = 12 * 1024 * 1024;

export const evidenceContract = {
  'evidence.add': method({
    summary: 'Take in an evidence file by path (or chosen in the open dialog): streamed into the vault in chunks, SHA-256 at intake, custody event "intake".',
    input: evidenceAddSchema,
    output: evidenceAddResultSchema,
  }),
  'evidence.list': method({
    summary: "A case's evidence items (metadata, sizes and SHA-256; never the content).",
    input: z.object({ caseId: z.string().min(1) }).strict(),
    output: z.array(evidenceItemSchema),
  }),
  'evidence.custodyAdd': method({
    summary: 'Record by hand that an evidence item was received from or transferred to someone, and why (custody log).',
    input: custodyAddSchema,
    output: custodyEventSchema,
  }),
  'evidence.preview': method({
    summary: 'An in-app preview of an evidence item (image, text, or PDF facts), checked against its intake hash; audited.',
    input: z.object({ caseId: z.string().min(1), evidenceId: z.string().min(1).max(64) }).strict(),
    output: evidencePreviewSchema,
  }),
};
