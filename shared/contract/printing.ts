import { z } from 'zod';
import { markingsSchema } from '../model/markings';
import { method } from './define';

/**
 * Markings (configured once by the program manager) and printing: the renderer
 * lays out a print view, then asks the backend to print or save the window's
 * current page; the backend asks the host and records what left the vault.
 */

/** The sections of a printed case summary, in the order they are printed. */
export const printSections = ['header', 'overview', 'indicators', 'analysis', 'assessment', 'mitigation', 'reporting', 'reviews', 'evidence'] as const;
export const printSectionSchema = z.enum(printSections);
export type PrintSection = z.infer<typeof printSectionSchema>;

export const pageSizeSchema = z.enum(['A4', 'Letter']);
export const printModeSchema = z.enum(['print', 'pdf']);

/** The referral packet a cover sheet goes with; a plain object, so any packet writer can fill it. */
export const coverSheetPacketSchema = z
  .object({
    caseNumber: z.string().trim().min(1).max(32),
    recipient: z.string().trim().min(1, 'name the recipient').max(200),
    packetId: z.string().trim().min(1, 'give the packet id').max(80),
    manifestSha256: z.string().regex(/^[0-9a-f]{64}$/, 'the manifest hash is 64 lower-case hexadecimal digits'),
    createdAt: z.string().datetime({ offset: true }),
    createdBy: z.string().trim().min(1).max(64),
  })
  .strict();
export type CoverSheetPacket = z.infer<typeof coverSheetPacketSchema>;

const printResultSchema = z.object({
  /** False when the user cancelled the print or save dialog: nothing left the vault. */
  done: z.boolean(),
  /** Where the PDF was saved ('pdf' mode only). */
  path: z.string().nullable(),
  /** SHA-256 of the saved PDF, as recorded in the audit log ('pdf' mode only). */
  sha256: z.string().nullable(),
});

export const printingContract = {
  'settings.markings': method({
    summary: 'The markings printed on every page (banner, designation block, portion marks, watermark).',
    input: z.object({}).strict(),
    output: markingsSchema,
  }),
  'settings.setMarkings': method({
    summary: 'Set the markings printed on every page (program manager; audited).',
    input: markingsSchema,
    output: markingsSchema,
  }),
  'print.auditHead': method({
    summary: "The vault's audit head (event count, hash of the last event) that printouts carry in their footer.",
    input: z.object({}).strict(),
    output: z.object({ events: z.number().int().nonnegative(), hash: z.string(), short: z.string() }).strict(),
  }),
  'print.case': method({
    summary: "Print the window's case summary through the system dialog, or save it as PDF to a chosen path; audited with the sections printed.",
    input: z
      .object({
        caseId: z.string().min(1),
        sections: z.array(printSectionSchema).min(1, 'choose at least one section').max(printSections.length),
        pageSize: pageSizeSchema,
        mode: printModeSchema,
        /** Whether the page shows the subject's real name (revealed, with a reason, through cases.reveal). */
        revealed: z.boolean(),
      })
      .strict()
      .refine((v) => new Set(v.sections).size === v.sections.length, { message: 'a section is listed twice', path: ['sections'] }),
    output: printResultSchema,
  }),
  'print.coverSheet': method({
    summary: "Print the window's referral cover sheet, or save it as PDF; audited with the packet id.",
    input: z.object({ packet: coverSheetPacketSchema, pageSize: pageSizeSchema, mode: printModeSchema }).strict(),
    output: printResultSchema,
  }),
  'print.dispositionCertificate': method({
    summary: "Print the window's disposition certificate of a disposed case, or save it as PDF; audited with the disposition's audit event.",
    input: z.object({ caseId: z.string().min(1), pageSize: pageSizeSchema, mode: printModeSchema }).strict(),
    output: printResultSchema,
  }),
};
