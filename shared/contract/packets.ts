import { z } from 'zod';
import { recipientSchema } from '../domain/ids';
import { custodyEventSchema } from '../model/caseRecord';
import { packetCaseSchema } from '../packets/extract';
import { ageRecipientSchema, fingerprintSchema, manifestFileSchema, packetManifestSchema, sha256HexSchema } from '../packets/manifest';
import { packetPreviewSchema, packetSelectionSchema } from '../packets/minimize';
import { defaultPacketProfileId, packetProfileIdSchema, packetRecipientSchema, packetSectionSchema, subjectFieldSchema } from '../packets/profiles';
import { method } from './define';
import { passphraseSchema } from './vault';

/** Referral packets: profiles, preview, export to removable media, and the receiving side. */

const cancelled = z.object({ status: z.literal('cancelled') });

/** A packet key: an age identity (or a key file's whole text), or the packet passphrase. */
const packetKeyFields = {
  identity: z.string().min(1).max(10_000).optional(),
  passphrase: passphraseSchema.optional(),
};
const oneKey = (v: { identity?: string | undefined; passphrase?: string | undefined }) => (v.identity === undefined) !== (v.passphrase === undefined);
const oneKeyMessage = { message: 'give either an age identity or the packet passphrase, not both', path: ['identity'] };

export const packetOpenInputSchema = z
  .object({
    /** The packet file; when absent the app asks with the system's open dialog. */
    path: z.string().min(1).max(4096).optional(),
    ...packetKeyFields,
  })
  .strict()
  .refine(oneKey, oneKeyMessage);

export const packetVerificationSchema = z.object({
  packetId: z.string(),
  manifest: packetManifestSchema,
  manifestSha256: sha256HexSchema,
  packetSha256: sha256HexSchema,
  packetBytes: z.number().int().nonnegative(),
  signature: z.object({
    valid: z.literal(true),
    fingerprint: fingerprintSchema,
    /** Whether this vault has pinned the signer's key, and under which label. */
    pinned: z.boolean(),
    pinLabel: z.string().nullable(),
  }),
  files: z.array(manifestFileSchema),
  training: z.boolean(),
  decryptedWith: z.enum(['identity', 'passphrase']),
  /** For a packet encrypted to a public key: whether the manifest names the key it was opened with. */
  addressedToKey: z.boolean().nullable(),
});
export type PacketVerification = z.infer<typeof packetVerificationSchema>;

export const packetExportInputSchema = z
  .object({
    caseId: z.string().min(1),
    profile: packetProfileIdSchema.default(defaultPacketProfileId),
    selection: packetSelectionSchema.default({ sections: {}, includeConfidentialSources: false, evidenceIds: [] }),
    /** The receiving agency's age public key… */
    recipientKey: ageRecipientSchema.optional(),
    /** …or a passphrase agreed with it out of band. */
    passphrase: passphraseSchema.optional(),
    purpose: z.string().trim().min(1, 'say what the packet is for').max(500),
    /** A mounted removable volume; when absent the app asks with the system's folder dialog. */
    targetDir: z.string().min(1).max(4096).optional(),
    /** The printed case summary, as PDF bytes in base64. */
    summaryPdfBase64: z.string().max(90_000_000).optional(),
  })
  .strict()
  .refine((v) => (v.recipientKey === undefined) !== (v.passphrase === undefined), {
    message: 'give either the recipient’s age public key or a packet passphrase',
    path: ['recipientKey'],
  });
export type PacketExportInput = z.input<typeof packetExportInputSchema>;

export const packetExportResultSchema = z.object({
  status: z.literal('written'),
  packetId: z.string(),
  path: z.string(),
  fileName: z.string(),
  sha256: sha256HexSchema,
  bytes: z.number().int().positive(),
  manifestSha256: sha256HexSchema,
  /** When the packet was made, as its manifest says (for its cover sheet). */
  createdAt: z.string(),
  preview: packetPreviewSchema,
});
export type PacketExportResult = z.infer<typeof packetExportResultSchema>;

export const packetProgressSchema = z.object({
  active: z.boolean(),
  phase: z.enum(['idle', 'building', 'encrypting', 'writing', 'verifying', 'recording']),
  bytesWritten: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
});
export type PacketProgress = z.infer<typeof packetProgressSchema>;

export const pinnedKeySchema = z.object({ fingerprint: fingerprintSchema, label: z.string(), pinnedBy: z.string(), pinnedAt: z.string() });

export const packetRecordSchema = z.object({
  packetId: z.string(),
  direction: z.enum(['export', 'import']),
  caseId: z.string().nullable(),
  caseNumber: z.string(),
  recipient: packetRecipientSchema,
  profile: packetProfileIdSchema,
  training: z.boolean(),
  fileName: z.string(),
  packetSha256: sha256HexSchema,
  manifestSha256: sha256HexSchema,
  signerFingerprint: fingerprintSchema,
  /** The label the signer's key is pinned under in this vault ("This workstation" for its own), or null. */
  signerLabel: z.string().nullable(),
  purpose: z.string(),
  encryption: z.enum(['x25519', 'passphrase']),
  at: z.string(),
  actor: z.string(),
});

/** An entry of the program manager's address book of packet recipients. */
export const packetRecipientEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  agency: z.string(),
  ageKey: ageRecipientSchema,
  /** SHA-256 of the age public key, to read back with the recipient over a trusted channel. */
  fingerprint: fingerprintSchema,
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type PacketRecipientEntry = z.infer<typeof packetRecipientEntrySchema>;

export const packetRecipientInputSchema = z
  .object({
    /** Absent: a new entry; present: the entry to change. */
    id: z.string().min(1).max(100).optional(),
    name: z.string().trim().min(1, 'give the recipient’s name').max(200),
    agency: z.string().trim().min(1, 'give the recipient’s agency').max(200),
    /** Checked by the service with ageKeyProblem, which names what is wrong. */
    ageKey: z.string().max(500),
  })
  .strict();

export const packetsContract = {
  'packets.profiles': method({
    summary: 'The referral profiles: recipient, subject fields, sections and indicator rule each includes by default, and why.',
    public: true,
    input: z.object({}).strict(),
    output: z.array(
      z.object({
        id: packetProfileIdSchema,
        label: z.string(),
        recipient: packetRecipientSchema,
        obligationRecipient: recipientSchema.nullable(),
        subjectFields: z.array(subjectFieldSchema),
        sections: z.array(packetSectionSchema),
        indicators: z.array(z.object({ categories: z.array(z.string()).optional(), stages: z.array(z.string()).optional() })),
        rationale: z.string(),
        sources: z.array(z.string()),
        isDefault: z.boolean(),
      }),
    ),
  }),
  'packets.preview': method({
    summary: 'Exactly what a packet for this case, profile and selection would hold: sections with counts, identity fields, evidence files with sizes, warnings.',
    input: z.object({ caseId: z.string().min(1), profile: packetProfileIdSchema.default(defaultPacketProfileId), selection: packetSelectionSchema.optional() }).strict(),
    output: packetPreviewSchema,
  }),
  'packets.export': method({
    summary: 'Write a signed, encrypted referral packet to a folder (removable media), read it back and verify it; recorded in the audit and custody logs.',
    input: packetExportInputSchema,
    output: z.discriminatedUnion('status', [packetExportResultSchema, cancelled]),
  }),
  'packets.exportProgress': method({
    summary: 'Progress of the packet export under way (bytes written of the total).',
    input: z.object({}).strict(),
    output: packetProgressSchema,
  }),
  'packets.verify': method({
    summary: 'Decrypt a packet in memory and check it completely: archive, manifest, signature, every file. Changes nothing.',
    input: packetOpenInputSchema,
    output: z.discriminatedUnion('status', [z.object({ status: z.literal('verified'), path: z.string(), verification: packetVerificationSchema }), cancelled]),
  }),
  'packets.open': method({
    summary: 'Verify a packet, then show its case extract and custody log (nothing is imported).',
    input: packetOpenInputSchema,
    output: z.discriminatedUnion('status', [
      z.object({
        status: z.literal('opened'),
        verification: packetVerificationSchema,
        case: packetCaseSchema,
        custody: z.array(custodyEventSchema),
      }),
      cancelled,
    ]),
  }),
  'packets.import': method({
    summary: 'Import a verified packet from a pinned sender as a new case linked to the packet; once per packet.',
    input: packetOpenInputSchema,
    output: z.discriminatedUnion('status', [z.object({ status: z.literal('imported'), packetId: z.string(), caseId: z.string(), number: z.string() }), cancelled]),
  }),
  'packets.publicKey': method({
    summary: "This workstation's packet-signing public key (PEM) and its fingerprint, for recipients to pin.",
    input: z.object({}).strict(),
    output: z.object({ fingerprint: fingerprintSchema, publicKeyPem: z.string() }),
  }),
  'packets.pinKey': method({
    summary: "Pin a sending hub's signing key under a label (program manager).",
    input: z.object({ label: z.string().trim().min(1).max(200), publicKeyPem: z.string().min(1).max(4096) }).strict(),
    output: pinnedKeySchema,
  }),
  'packets.unpinKey': method({
    summary: 'Remove a pinned signing key (program manager).',
    input: z.object({ fingerprint: fingerprintSchema }).strict(),
    output: z.object({ removed: z.literal(true) }),
  }),
  'packets.pinnedKeys': method({
    summary: 'Signing keys this vault trusts, with their labels.',
    input: z.object({}).strict(),
    output: z.array(pinnedKeySchema),
  }),
  'packets.history': method({
    summary: 'Packets exported from and imported into this vault, newest first, optionally of one case.',
    input: z.object({ caseId: z.string().optional() }).strict(),
    output: z.array(packetRecordSchema),
  }),
  'packets.recipients': method({
    summary: "The address book of packet recipients (name, agency, age public key and its fingerprint), offered in the export dialog.",
    input: z.object({}).strict(),
    output: z.array(packetRecipientEntrySchema),
  }),
  'packets.saveRecipient': method({
    summary: 'Add a recipient to the address book, or change one (program manager); audited.',
    input: packetRecipientInputSchema,
    output: packetRecipientEntrySchema,
  }),
  'packets.removeRecipient': method({
    summary: 'Remove a recipient from the address book (program manager); audited.',
    input: z.object({ id: z.string().min(1).max(100) }).strict(),
    output: z.object({ removed: z.literal(true) }),
  }),
};
