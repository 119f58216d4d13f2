import type { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { packetRecordSchema } from '../../../shared/contract/packets';
import { fingerprintOf, hubPublicKey, parseSignerPem, publicKeyPem } from '../packets/signing';
import { storeOf } from '../data';
import { deletePinnedSigner, findPinnedSigner, insertPinnedSigner, listPinnedSigners, type PinnedSigner } from '../data/pinnedSigners';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { requireManager } from '../vault/vault';

/**
 * Trust between hubs: this workstation's signing key, to hand to recipients, and
 * the keys of other hubs this vault accepts packets from ("pinned"). A pin is a
 * deliberate act of a program manager after comparing the fingerprint over a
 * trusted channel, and it is audited.
 */

export interface PinnedKey {
  fingerprint: string;
  label: string;
  pinnedBy: string;
  pinnedAt: string;
}

export function ownPublicKey(db: Db): { fingerprint: string; publicKeyPem: string } {
  return hubPublicKey(db);
}

export async function pinKey(session: VaultSession, label: string, pem: string, now: Date): Promise<PinnedKey> {
  requireManager(session);
  const key = parseSignerPem(pem);
  if (key === null) throw new AppError('invalid_input', 'That is not an Ed25519 public key in PEM form (-----BEGIN PUBLIC KEY-----).');
  const fingerprint = fingerprintOf(key);
  const pin = { fingerprint, label, publicKeyPem: publicKeyPem(key), pinnedBy: session.user.name, pinnedAt: now.toISOString() };
  await storeOf(session).transaction(async (tx) => {
    const existing = await findPinnedSigner(tx, fingerprint);
    if (existing !== null) throw new AppError('conflict', `That key is already pinned as "${existing.label}".`);
    await insertPinnedSigner(tx, pin);
    appendAudit(session.db, { actor: session.user.name, action: 'packet.pin_key', detail: { fingerprint } }, now);
  });
  return pinnedKey(pin);
}

export async function unpinKey(session: VaultSession, fingerprint: string, now: Date): Promise<void> {
  requireManager(session);
  await storeOf(session).transaction(async (tx) => {
    if (!(await deletePinnedSigner(tx, fingerprint))) throw new AppError('not_found', 'No pinned key has that fingerprint.');
    appendAudit(session.db, { actor: session.user.name, action: 'packet.unpin_key', detail: { fingerprint } }, now);
  });
}

const pinnedKey = (pin: PinnedSigner): PinnedKey => ({ fingerprint: pin.fingerprint, label: pin.label, pinnedBy: pin.pinnedBy, pinnedAt: pin.pinnedAt });

export async function pinnedKeys(session: Pick<VaultSession, 'db'>): Promise<PinnedKey[]> {
  return (await listPinnedSigners(storeOf(session).q)).map(pinnedKey);
}

/** The label a signer is pinned under; this vault's own key counts as pinned. */
export function pinLabel(db: Db, fingerprint: string): string | null {
  const row = db.prepare('SELECT label FROM pinned_signers WHERE fingerprint = ?').get(fingerprint) as { label: string } | undefined;
  if (row !== undefined) return row.label;
  return hubPublicKey(db).fingerprint === fingerprint ? 'This workstation' : null;
}

export type PacketRecord = z.infer<typeof packetRecordSchema>;

export function packetHistory(db: Db, caseId?: string): PacketRecord[] {
  const rows = db
    .prepare(
      `SELECT packet_id, direction, case_id, case_number, recipient, profile, purpose, training, file_name, packet_sha256, manifest_sha256, signer_fingerprint, encryption, at, actor
       FROM packets WHERE (@caseId IS NULL OR case_id = @caseId) ORDER BY at DESC, packet_id`,
    )
    .all({ caseId: caseId ?? null }) as Record<string, string | number | null>[];
  return rows.map((r) =>
    packetRecordSchema.parse({
      packetId: String(r['packet_id']),
      direction: r['direction'] === 'import' ? 'import' : 'export',
      caseId: r['case_id'] === null ? null : String(r['case_id']),
      caseNumber: String(r['case_number']),
      recipient: String(r['recipient']),
      profile: String(r['profile']),
      training: r['training'] === 1,
      fileName: String(r['file_name']),
      packetSha256: String(r['packet_sha256']),
      manifestSha256: String(r['manifest_sha256']),
      signerFingerprint: String(r['signer_fingerprint']),
      signerLabel: pinLabel(db, String(r['signer_fingerprint'])),
      purpose: String(r['purpose']),
      encryption: r['encryption'] === 'passphrase' ? 'passphrase' : 'x25519',
      at: String(r['at']),
      actor: String(r['actor']),
    }),
  );
}
