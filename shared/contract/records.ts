import { z } from 'zod';
import { isoDateSchema, timestampSchema } from '../model/caseRecord';
import { dispositionCertificateSchema, dispositionDueSchema, retentionRulesSchema, storedRetentionRuleSchema } from '../model/retention';
import { MIN_DECISION_REASON } from '../security/separation';
import { method } from './define';
import { passphraseSchema, userNameSchema } from './vault';

/**
 * Records management: backups of the whole vault to removable media and their
 * restore, retention rules, legal holds and disposition of cases whose retention
 * has run out.
 */

export const backupResultSchema = z.object({
  /** Absolute path of the backup folder that was written and verified. */
  path: z.string(),
  name: z.string(),
  bytes: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  schemaVersion: z.number().int(),
  cases: z.number().int(),
  auditSeq: z.number().int(),
  verifiedAt: timestampSchema,
});
export type BackupResult = z.infer<typeof backupResultSchema>;

export const backupStatusSchema = z.object({
  lastVerifiedAt: timestampSchema.nullable(),
  lastBackupName: z.string().nullable(),
  reminderDays: z.number().int(),
  /** True when there is no verified backup, or the last one is older than reminderDays. */
  due: z.boolean(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const anchorStatusSchema = z.object({
  /** When an audit anchor last left the vault: exported, or inside a verified backup. */
  lastAnchorAt: timestampSchema.nullable(),
  /** The same interval as the backup reminder. */
  reminderDays: z.number().int(),
  /** True when no anchor left the vault within reminderDays. */
  due: z.boolean(),
});
export type AnchorStatus = z.infer<typeof anchorStatusSchema>;

export const anchorExportResultSchema = z.object({
  path: z.string(),
  name: z.string(),
  events: z.number().int(),
  headHash: z.string(),
});
export type AnchorExportResult = z.infer<typeof anchorExportResultSchema>;

/** Either the passphrase of a user in the backup's keyslots, or the recovery key of the backup's database. */
export const restoreCredentialsSchema = z.union([
  z.object({ userName: userNameSchema.optional(), passphrase: passphraseSchema }).strict(),
  z.object({ recoveryKey: z.string().min(1).max(200) }).strict(),
]);
export type RestoreCredentials = z.infer<typeof restoreCredentialsSchema>;

export const restoreResultSchema = z.object({
  vaultDir: z.string(),
  backupName: z.string(),
  backupCreatedAt: timestampSchema,
  schemaFrom: z.number().int(),
  schemaTo: z.number().int(),
  cases: z.number().int(),
  /** Whether the vault that was replaced could be read to carry its later dispositions forward. */
  dispositionsChecked: z.boolean(),
  /** Cases disposed of after the backup was made, disposed of again in the restored vault. */
  dispositionsReapplied: z.number().int(),
  replaced: z.boolean(),
});
export type RestoreResult = z.infer<typeof restoreResultSchema>;

export const legalHoldSchema = z.object({
  caseId: z.string(),
  legalHold: z.boolean(),
  reference: z.string(),
  placedBy: z.string().nullable(),
  placedAt: timestampSchema.nullable(),
});

export const recordsContract = {
  'backup.run': method({
    summary: 'Back up the whole vault to a folder (asks for one when none is given); written, read back and verified before it answers (program manager).',
    input: z.object({ targetDir: z.string().min(1).max(4096).optional() }).strict(),
    output: backupResultSchema,
  }),
  'backup.status': method({
    summary: 'The last verified backup, the reminder interval, and whether a backup is due.',
    input: z.object({}).strict(),
    output: backupStatusSchema,
  }),
  'backup.setReminder': method({
    summary: 'Days after which the home screen reminds that a backup is due (program manager).',
    input: z.object({ days: z.number().int().min(1).max(365) }).strict(),
    output: backupStatusSchema,
  }),
  'backup.restore': method({
    summary:
      'Restore a verified backup: into a new folder, or over this workstation’s vault (no vault yet, or a signed-in program manager who confirms and gives a reason). The vault is left locked.',
    public: true,
    input: z
      .object({
        from: z.string().min(1).max(4096).optional(),
        mode: z.enum(['replace', 'new']),
        targetDir: z.string().min(1).max(4096).optional(),
        credentials: restoreCredentialsSchema,
        confirmReplace: z.boolean().default(false),
        /** Why this workstation's vault is replaced (needed to replace it; kept on the restore's audit event). */
        reason: z.string().trim().max(2_000, 'Reason: at most 2000 characters').optional(),
      })
      .strict(),
    output: restoreResultSchema,
  }),
  'anchor.export': method({
    summary:
      'Write a signed audit anchor (the log’s head, signed with the program manager’s own key) as a new file into a folder, e.g. removable media (asks for one when none is given; program manager).',
    input: z.object({ targetDir: z.string().min(1).max(4096).optional() }).strict(),
    output: anchorExportResultSchema,
  }),
  'anchor.status': method({
    summary: 'When an audit anchor last left the vault, and whether one is due (the backup reminder’s interval).',
    input: z.object({}).strict(),
    output: anchorStatusSchema,
  }),
  'retention.rules': method({
    summary: 'The retention rules: how long cases of each status and program are kept.',
    input: z.object({}).strict(),
    output: z.object({ rules: z.array(storedRetentionRuleSchema) }),
  }),
  'retention.setRules': method({
    summary: 'Replace the retention rules (program manager).',
    input: z.object({ rules: retentionRulesSchema }).strict(),
    output: z.object({ rules: z.array(storedRetentionRuleSchema) }),
  }),
  'retention.due': method({
    summary: 'Cases whose retention has run out on a date (default today), with any legal hold that blocks disposition.',
    input: z.object({ asOf: isoDateSchema.optional() }).strict(),
    output: z.object({ asOf: isoDateSchema, cases: z.array(dispositionDueSchema) }),
  }),
  'cases.setLegalHold': method({
    summary: 'Place or clear a legal hold on a case (program manager or legal); a held case cannot be disposed of.',
    input: z.object({ caseId: z.string().min(1), hold: z.boolean(), reference: z.string().trim().max(200).default('') }).strict(),
    output: legalHoldSchema,
  }),
  'cases.legalHold': method({
    summary: 'Whether a case is on legal hold, with the reference given and who placed it.',
    input: z.object({ caseId: z.string().min(1) }).strict(),
    output: legalHoldSchema,
  }),
  'retention.dispose': method({
    summary:
      'Dispose of a case whose retention has run out (program manager, who types the case number and gives a reason): deletes all of its data, keeps the audit entry with the reason.',
    input: z
      .object({
        caseId: z.string().min(1),
        confirmNumber: z.string().trim().min(1).max(40),
        reason: z.string().trim().min(MIN_DECISION_REASON, `Reason: write at least ${MIN_DECISION_REASON} characters saying why`).max(2_000, 'Reason: at most 2000 characters'),
      })
      .strict(),
    output: dispositionCertificateSchema,
  }),
  'retention.certificate': method({
    summary: 'The disposition certificate of a disposed case, rebuilt from its audit entry.',
    input: z.object({ caseId: z.string().min(1) }).strict(),
    output: dispositionCertificateSchema,
  }),
};
