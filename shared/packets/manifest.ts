import { z } from 'zod';
import { caseFieldsSchema, timestampSchema } from '../model/caseRecord';
import { CASE_FILE, CUSTODY_FILE, isListableName, nameKey } from './names';
import { packetProfileIdSchema, packetRecipientSchema } from './profiles';

/**
 * The manifest of a referral packet (`manifest.json`): what the packet is, for whom,
 * from whom, and every file it holds with its size and SHA-256. The workstation
 * signs the manifest's exact bytes (`manifest.sig`), so the signature covers every
 * file through its hash. See electron/backend/packets/FORMAT.md.
 */

export const PACKET_FORMAT = 'offramp-packet';
export const PACKET_FORMAT_VERSION = 1;

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex digits');
/** A signing key's fingerprint: the SHA-256 of its DER SubjectPublicKeyInfo, in hex. */
export const fingerprintSchema = sha256HexSchema;
/** An age X25519 recipient (public key). */
export const ageRecipientSchema = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/, 'an age public key (age1… , 62 characters)');

/** What is wrong with a typed age public key (after trimming), in words for the form; null when it is one. */
export function ageKeyProblem(text: string): string | null {
  const key = text.trim();
  if (key === '') return 'Paste the recipient’s age public key (age1…, 62 characters).';
  if (ageRecipientSchema.safeParse(key).success) return null;
  if (!key.startsWith('age1')) return 'The age public key is not valid: it starts with age1.';
  if (key.length !== 62) return `The age public key is not valid: it has ${key.length} characters, not 62.`;
  return 'The age public key is not valid: it holds characters an age key never has (capitals, b, i, o or 1 after the prefix).';
}

export const manifestFileSchema = z
  .object({
    name: z.string().refine(isListableName, 'not a name a packet may list'),
    size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    sha256: sha256HexSchema,
    mediaType: z.string().min(1).max(127),
  })
  .strict();
export type ManifestFile = z.infer<typeof manifestFileSchema>;

export const packetEncryptionSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('x25519'), recipient: ageRecipientSchema }).strict(),
  z.object({ method: z.literal('passphrase') }).strict(),
]);
export type PacketEncryption = z.infer<typeof packetEncryptionSchema>;

export const packetManifestSchema = z
  .object({
    format: z.literal(PACKET_FORMAT),
    version: z.literal(PACKET_FORMAT_VERSION),
    packetId: z.string().uuid(),
    createdAt: timestampSchema,
    createdBy: z.string().min(1).max(64),
    signer: z
      .object({
        fingerprint: fingerprintSchema,
        /** When a user's own key signed: the hub key's vouch for it (the hub's fingerprint is what a recipient pins). */
        vouch: z
          .object({ hub: fingerprintSchema, hubKey: z.string().max(1000), user: z.string().min(1).max(64), signature: z.string().max(200) })
          .strict()
          .optional(),
      })
      .strict(),
    case: z.object({ id: z.string().min(1).max(64), number: caseFieldsSchema.shape.number }).strict(),
    recipient: packetRecipientSchema,
    profile: packetProfileIdSchema,
    purpose: z.string().trim().min(1).max(500),
    training: z.boolean(),
    /** The sending vault's audit head when the packet was made; packets from before audit anchors have none. */
    audit: z
      .object({ events: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER), headHash: z.union([sha256HexSchema, z.literal('')]) })
      .strict()
      .optional(),
    encryption: packetEncryptionSchema,
    files: z.array(manifestFileSchema).min(2).max(1000),
  })
  .strict()
  .superRefine((m, ctx) => {
    const seen = new Set<string>();
    for (const f of m.files) {
      const key = nameKey(f.name);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['files'], message: `${f.name} is listed twice` });
      seen.add(key);
    }
    for (const required of [CASE_FILE, CUSTODY_FILE]) {
      if (!m.files.some((f) => f.name === required)) ctx.addIssue({ code: 'custom', path: ['files'], message: `${required} is not listed` });
    }
  });
export type PacketManifest = z.infer<typeof packetManifestSchema>;

/** The manifest as written: fixed key order, two-space indent, one trailing newline. */
export function manifestText(manifest: PacketManifest): string {
  const ordered: PacketManifest = {
    format: manifest.format,
    version: manifest.version,
    packetId: manifest.packetId,
    createdAt: manifest.createdAt,
    createdBy: manifest.createdBy,
    signer: {
      fingerprint: manifest.signer.fingerprint,
      ...(manifest.signer.vouch === undefined
        ? {}
        : { vouch: { hub: manifest.signer.vouch.hub, hubKey: manifest.signer.vouch.hubKey, user: manifest.signer.vouch.user, signature: manifest.signer.vouch.signature } }),
    },
    case: { id: manifest.case.id, number: manifest.case.number },
    recipient: manifest.recipient,
    profile: manifest.profile,
    purpose: manifest.purpose,
    training: manifest.training,
    ...(manifest.audit === undefined ? {} : { audit: { events: manifest.audit.events, headHash: manifest.audit.headHash } }),
    encryption: manifest.encryption.method === 'x25519' ? { method: 'x25519', recipient: manifest.encryption.recipient } : { method: 'passphrase' },
    files: manifest.files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256, mediaType: f.mediaType })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The packet's file name: `<case number>-<recipient>-<packet id>.offramp-packet`. */
export function packetFileName(caseNumber: string, recipient: string, packetId: string): string {
  return `${caseNumber}-${recipient}-${packetId}.offramp-packet`;
}
