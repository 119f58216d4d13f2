import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/contract';

/**
 * The manifest of a backup folder (backup.json): what wrote it, the schema of
 * its database, every file's size and SHA-256, and a MAC over all of it keyed
 * from the database key. The hashes catch a damaged copy before anything is
 * decrypted; the MAC catches a manifest swapped or edited by someone without
 * the key (e.g. pairing an old database with a new manifest).
 */
export const BACKUP_FORMAT = 'offramp-backup';
export const MANIFEST_FILE = 'backup.json';
export const BACKUP_DB_FILE = 'offramp.db';
export const BACKUP_HEADER_FILE = 'keyslots.json';
/** The signed audit anchor of the backup's head (see vault/anchor.ts); backups before it have none. */
export const BACKUP_ANCHOR_FILE = 'anchor.json';
/** A manifest or keyslot file larger than this is not ours. */
export const MAX_SMALL_FILE = 4 * 1024 * 1024;

const fileEntrySchema = z.object({
  name: z.enum([BACKUP_DB_FILE, BACKUP_HEADER_FILE, BACKUP_ANCHOR_FILE]),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestBodySchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(1),
    vaultId: z.string().uuid(),
    createdAt: z.string().datetime({ offset: true }),
    createdBy: z.string(),
    appVersion: z.string().regex(/^\d+\.\d+\.\d+/),
    schemaVersion: z.number().int().positive(),
    cases: z.number().int().nonnegative(),
    /** The last audit event inside the backup: ties it to the live chain's 'vault.backup' event. */
    audit: z.object({ seq: z.number().int().nonnegative(), hash: z.string() }),
    files: z.array(fileEntrySchema).min(2).max(3),
  })
  .strict();
export type ManifestBody = z.infer<typeof manifestBodySchema>;

export const manifestSchema = manifestBodySchema.extend({ mac: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
export type Manifest = z.infer<typeof manifestSchema>;

function macKey(dbKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dbKey, Buffer.alloc(0), 'offramp-backup-manifest-v1', 32));
}

/** Fields in a fixed order, so the MAC does not depend on how JSON was formatted. */
function canonical(body: ManifestBody): string {
  return JSON.stringify([
    body.format,
    body.version,
    body.vaultId,
    body.createdAt,
    body.createdBy,
    body.appVersion,
    body.schemaVersion,
    body.cases,
    body.audit.seq,
    body.audit.hash,
    body.files.map((f) => [f.name, f.size, f.sha256]),
  ]);
}

export function sealManifest(body: ManifestBody, dbKey: Buffer): Manifest {
  return { ...body, mac: createHmac('sha256', macKey(dbKey)).update(canonical(body)).digest('hex') };
}

export function manifestMacValid(manifest: Manifest, dbKey: Buffer): boolean {
  const { mac, ...body } = manifest;
  const expected = createHmac('sha256', macKey(dbKey)).update(canonical(body)).digest();
  return timingSafeEqual(expected, Buffer.from(mac, 'hex'));
}

export function parseManifest(bytes: Buffer, where: string): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('integrity', `The backup at ${where} is damaged: its manifest is not valid JSON.`);
  }
  if (typeof parsed === 'object' && parsed !== null && (parsed as Record<string, unknown>)['format'] !== BACKUP_FORMAT) {
    throw new AppError('invalid_input', `${where} is not an Offramp backup.`);
  }
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) throw new AppError('integrity', `The backup at ${where} is damaged: its manifest does not have the expected fields.`);
  return result.data;
}

export function fileEntry(manifest: ManifestBody, name: typeof BACKUP_DB_FILE | typeof BACKUP_HEADER_FILE | typeof BACKUP_ANCHOR_FILE): z.infer<typeof fileEntrySchema> {
  const entry = manifest.files.find((f) => f.name === name);
  if (entry === undefined) throw new AppError('integrity', `The backup manifest does not list ${name}.`);
  return entry;
}

/** Compares dotted versions numerically (1.10.0 > 1.9.3); pre-release suffixes are ignored. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[-+]/)[0]?.split('.').map((n) => Number.parseInt(n, 10) || 0) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}
