import type { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { packetRecordSchema } from '../../../shared/contract/packets';
import { fingerprintOf, hubPublicKey, parseSignerPem, publicKeyPem } from '../packets/signing';
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

export function pinKey(session: VaultSession, label: string, pem: string, now: Date): PinnedKey {
  requireManager(session);
  const key = parseSignerPem(pem);
  if (key === null) throw new AppError('invalid_input', 'That is not an Ed25519 public key in PEM form (-----BEGIN PUBLIC KEY-----).');
  const fingerprint = fingerprintOf(key);
  const existing = session.db.prepare('SELECT label FROM pinned_signers WHERE fingerprint = ?').get(fingerprint) as { label: string } | undefined;
  if (existing !== undefined) throw new AppError('conflict', `That key is already pinned as "${existing.label}".`);
  const pinnedAt = now.toISOString();
  session.db.transaction(() => {
    session.db
      .prepare('INSERT INTO pinned_signers (fingerprint, label, public_key, pinned_by, pinned_at) VALUES (?, ?, ?, ?, ?)')
      .run(fingerprint, label, publicKeyPem(key), session.user.name, pinnedAt);
    appendAudit(session.db, { actor: session.user.name, action: 'packet.pin_key', detail: { fingerprint } }, now);
  })();
  return { fingerprint, label, pinnedBy: session.user.name, pinnedAt };
}

export function unpinKey(session: VaultSession, fingerprint: string, now: Date): void {
  requireManager(session);
  session.db.transaction(() => {
    const removed = session.db.prepare('DELETE FROM pinned_signers WHERE fingerprint = ?').run(fingerprint);
    if (removed.changes === 0) throw new AppError('not_found', 'No pinned key has that fingerprint.');
    appendAudit(session.db, { actor: session.user.name, action: 'packet.unpin_key', detail: { fingerprint } }, now);
  })();
}

export function pinnedKeys(db: Db): PinnedKey[] {
  const rows = db.prepare('SELECT fingerprint, label, pinned_by, pinned_at FROM pinned_signers ORDER BY label COLLATE NOCASE').all() as {
    fingerprint: string;
    label: string;
    pinned_by: string;
    pinned_at: string;
  }[];
  return rows.map((r) => ({ fingerprint: r.fingerprint, label: r.label, pinnedBy: r.pinned_by, pinnedAt: r.pinned_at }));
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
