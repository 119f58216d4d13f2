import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type { PacketProgress } from '../../../shared/contract/packets';
import type { PacketCustody } from '../../../shared/packets/extract';
import { packetFileName, type PacketEncryption } from '../../../shared/packets/manifest';
import { minimizeCase, type PacketPreview, type PacketSelectionInput } from '../../../shared/packets/minimize';
import { CASE_FILE, CUSTODY_FILE, SUMMARY_FILE } from '../../../shared/packets/names';
import { packetProfile, type PacketProfileId } from '../../../shared/packets/profiles';
import { assessPassphrase } from '../../../shared/security/passphrase';
import { DEFAULT_SCRYPT_LOG_N, encryptPacketStream, type PacketKey } from '../packets/ageLayer';
import { inspectParts } from '../packets/inspect';
import { defaultPacketLimits, type PacketLimits } from '../packets/limits';
import { nodeMediaFs, writeStreamAtomically, type MediaFs } from '../packets/media';
import { sealArchiveStream, sha256Hex, type PacketFile, type StreamedPacketFile } from '../packets/seal';
import { storeOf } from '../data';
import { insertCustodyEvent } from '../data/custodyEvents';
import { insertPacket } from '../data/packetRecords';
import { packetSigningKey } from '../vault/vault';
import { appendAudit } from '../vault/audit';
import { auditHead } from '../vault/anchor';
import type { VaultSession } from '../vault/session';
import { requireCaseOp } from './access';
import { requireCase, touchCase } from './cases';
import { evidenceChunks } from './evidenceStore';

/**
 * Exporting a referral packet: minimize the case for the recipient, seal and sign
 * the archive, check it with the same reader a recipient uses, encrypt it, write
 * it atomically to the chosen medium, read it back, and only then record the
 * export in the audit log and the case's custody log.
 */

export interface ExportRequest {
  caseId: string;
  profile: PacketProfileId;
  selection: PacketSelectionInput;
  key: PacketKey;
  purpose: string;
  targetDir: string;
  summaryPdf?: Uint8Array | null;
}

export interface ExportOptions {
  now: Date;
  fs?: MediaFs;
  onProgress?: (progress: PacketProgress) => void;
  /** scrypt work factor for passphrase packets (2^n); tests lower it. */
  scryptLogN?: number;
  limits?: PacketLimits;
}

export interface ExportResult {
  packetId: string;
  path: string;
  fileName: string;
  sha256: string;
  bytes: number;
  manifestSha256: string;
  createdAt: string;
  preview: PacketPreview;
}

/** The permission map's 'case.packet': the program manager, the case's lead and members (refusals audited). */
function requireExporter(session: VaultSession, caseId: string, now: Date = new Date()) {
  const record = requireCase(session.db, caseId);
  requireCaseOp(session.db, session.user, 'case.packet', caseId, now);
  return record;
}

/**
 * What a packet would hold: counts, identity fields, evidence names and sizes, no
 * case text. The export dialog asks again at every change, so it is not audited
 * (the case view that led there and the export itself are).
 */
export function previewPacket(session: VaultSession, caseId: string, profile: PacketProfileId, selection: PacketSelectionInput): PacketPreview {
  return minimizeCase(requireExporter(session, caseId), profile, selection).preview;
}

const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

export async function exportPacket(session: VaultSession, request: ExportRequest, options: ExportOptions): Promise<ExportResult> {
  const { db, user } = session;
  const limits = options.limits ?? defaultPacketLimits;
  const progress = (phase: PacketProgress['phase'], bytesWritten = 0, totalBytes = 0) => options.onProgress?.({ active: phase !== 'idle', phase, bytesWritten, totalBytes });
  progress('building');
  const record = requireExporter(session, request.caseId, options.now);
  const profile = packetProfile(request.profile);
  const { preview, extract, evidenceFiles } = minimizeCase(record, request.profile, request.selection);
  if (request.key.kind === 'passphrase') {
    const strength = assessPassphrase(request.key.passphrase);
    if (!strength.ok) throw new AppError('invalid_input', `The packet passphrase is too weak: ${strength.problems.join(' ')}`);
  }
  const summary = request.summaryPdf ?? null;
  if (summary !== null && Buffer.from(summary.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new AppError('invalid_input', 'The case summary is not a PDF.');

  const chosen = new Set(evidenceFiles.map((f) => f.id));
  const custody: PacketCustody = { format: 'offramp-packet-custody', version: 1, events: record.custody.filter((e) => e.evidenceId !== null && chosen.has(e.evidenceId)) };
  const files: (PacketFile | StreamedPacketFile)[] = [
    { name: CASE_FILE, mediaType: 'application/json', data: json(extract) },
    { name: CUSTODY_FILE, mediaType: 'application/json', data: json(custody) },
  ];
  if (summary !== null) files.push({ name: SUMMARY_FILE, mediaType: 'application/pdf', data: summary });
  for (const f of evidenceFiles) {
    const meta = record.evidence.find((e) => e.id === f.id);
    if (meta === undefined) throw new AppError('not_found', `The case has no evidence item ${f.id}.`);
    // Listed by the size and hash taken at intake, read from the vault chunk by
    // chunk only while the packet is written (and checked again on the way).
    files.push({ name: f.file, mediaType: meta.mediaType || 'application/octet-stream', size: meta.size, sha256: meta.sha256, chunks: () => evidenceChunks(db, f.id, { size: meta.size, sha256: meta.sha256 }) });
  }

  const packetId = randomUUID();
  const encryption: PacketEncryption = request.key.kind === 'recipient' ? { method: 'x25519', recipient: request.key.recipient } : { method: 'passphrase' };
  const key = packetSigningKey(session);
  const sealed = sealArchiveStream(
    {
      packetId,
      createdAt: options.now.toISOString(),
      createdBy: user.name,
      case: { id: record.case.id, number: record.case.number },
      recipient: profile.recipient,
      profile: profile.id,
      purpose: request.purpose,
      training: session.training,
      // The audit head the packet was made at: the recipient can hold the sender to it (vault/anchor.ts).
      audit: (({ events, hash }) => ({ events, headHash: hash }))(auditHead(db)),
      encryption,
    },
    files,
    key,
  );
  if (sealed.archiveBytes > limits.maxTotalBytes + 1024 * 1024) {
    throw new AppError('invalid_input', `The packet would hold ${Math.ceil(sealed.archiveBytes / 1024 / 1024)} MiB, more than a recipient accepts (${limits.maxTotalBytes / 1024 / 1024} MiB); choose fewer evidence files.`);
  }
  // The same checks the recipient runs (signature, manifest, case extract, custody,
  // evidence against intake): a packet we could not open ourselves never leaves.
  // The evidence bytes themselves are checked against their hashes as they stream.
  inspectParts(
    {
      manifest: sealed.manifestBytes,
      signature: sealed.signature,
      signer: Buffer.from(sealed.signerPem, 'utf8'),
      listed: files.map((f) => ('data' in f ? { name: f.name, size: f.data.length, sha256: sha256Hex(f.data), data: f.data } : { name: f.name, size: f.size, sha256: f.sha256 })),
    },
    limits,
  );

  // Streamed: vault chunks → tar → age → medium, hashed on the way; no step holds the packet.
  progress('encrypting');
  const { ciphertext, bytes } = await encryptPacketStream(sealed.pieces(), sealed.archiveBytes, request.key, options.scryptLogN ?? DEFAULT_SCRYPT_LOG_N);
  const fileName = packetFileName(record.case.number, profile.recipient, packetId);
  const fs = options.fs ?? nodeMediaFs;
  progress('writing', 0, bytes);
  const written = await writeStreamAtomically(request.targetDir, fileName, ciphertext, bytes, {
    fs,
    onProgress: (p) => progress('writing', p.bytesWritten, p.totalBytes),
    onVerify: () => progress('verifying', bytes, bytes),
  });

  progress('recording', bytes, bytes);
  const at = options.now.toISOString();
  try {
    await storeOf(session).transaction(async (tx) => {
      await insertPacket(tx, {
        packetId,
        direction: 'export',
        caseId: record.case.id,
        caseNumber: record.case.number,
        recipient: profile.recipient,
        profile: profile.id,
        purpose: request.purpose,
        training: session.training,
        fileName,
        mediumPath: request.targetDir,
        packetSha256: written.sha256,
        manifestSha256: sealed.manifestSha256,
        signerFingerprint: key.vouch?.hub ?? key.fingerprint,
        encryption: encryption.method,
        at,
        actor: user.name,
      });
      const custodyEvent = (evidenceId: string | null, action: string, detail: Record<string, unknown>) => insertCustodyEvent(tx, { caseId: record.case.id, evidenceId, at, actor: user.name, action, detail });
      await custodyEvent(null, 'packet_export', { packetId, recipient: profile.recipient, profile: profile.id, medium: request.targetDir, fileName, packetSha256: written.sha256, manifestSha256: sealed.manifestSha256, evidenceIds: [...chosen] });
      // Per item, the custody log names the packet, not the recipient: the item's
      // log travels in later packets, and one recipient need not learn of another.
      for (const f of evidenceFiles) {
        const sha256 = sealed.manifest.files.find((m) => m.name === f.file)?.sha256 ?? '';
        await custodyEvent(f.id, 'copied_to_packet', { packetId, manifestSha256: sealed.manifestSha256, sha256 });
      }
      // Not yet on the data layer: both write on the same connection, inside this transaction.
      touchCase(db, record.case.id, options.now);
      appendAudit(
        db,
        {
          actor: user.name,
          action: 'packet.export',
          caseId: record.case.id,
          detail: { packetId, recipient: profile.recipient, profile: profile.id, packetSha256: written.sha256, manifestSha256: sealed.manifestSha256, evidence: evidenceFiles.length, encryption: encryption.method },
        },
        options.now,
      );
    });
  } catch (error) {
    // Unrecorded, the packet must not exist: take it off the medium again.
    await fs.unlink(written.path).catch(() => undefined);
    throw error;
  } finally {
    progress('idle');
  }
  return { packetId, path: written.path, fileName, sha256: written.sha256, bytes, manifestSha256: sealed.manifestSha256, createdAt: sealed.manifest.createdAt, preview };
}
