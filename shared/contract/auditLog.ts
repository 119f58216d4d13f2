import { z } from 'zod';
import { method } from './define';

/** Kinds of audit event, for filtering the audit log. */
export const auditEventKinds = ['access', 'reads', 'lookups', 'refusals', 'team', 'casework', 'vault'] as const;
export type AuditEventKind = (typeof auditEventKinds)[number];

/** One audit event in words: when, who, what, and which case by number (never case text). */
export const auditLogLineSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  text: z.string(),
  /** The case's number; null when the event concerns no case. */
  caseNumber: z.string().nullable(),
  /** The event concerned a case since disposed of. */
  disposedCase: z.boolean(),
});

export const auditLogContract = {
  'audit.log': method({
    summary: "The vault's audit log in words, newest first, a page at a time, by user and kind of event (program manager; each page is itself audited).",
    input: z
      .object({
        user: z.string().trim().min(1).max(200).optional(),
        kind: z.enum(auditEventKinds).optional(),
        limit: z.number().int().min(1).max(200).default(50),
        beforeSeq: z.number().int().positive().optional(),
      })
      .strict(),
    output: z.object({
      events: z.array(auditLogLineSchema),
      /** Everyone who appears in the log, for the filter. */
      users: z.array(z.string()),
      /** Where the next (older) page starts; null on the last page. */
      nextBeforeSeq: z.number().int().nullable(),
    }),
  }),
};
