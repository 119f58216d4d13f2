import type { z } from 'zod';
import { AppError } from '../../../shared/contract';
import { packetRecordSchema } from '../../../shared/contract/packets';
import { fingerprintOf, hubPublicKey, parseSignerPem, publicKeyPem } from '../packets/signing';
import { storeOf, type Queries } from '../data';
import { listPackets } from '../data/packetRecords';
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

/**
 * The label a signer is pinned under; this vault's own key counts as pinned.
 * `q` is the store's queries or, inside the import's transaction, its own.
 */
export async function pinLabel(session: Pick<VaultSession, 'db'>, fingerprint: string, q: Queries = storeOf(session).q): Promise<string | null> {
  const pin = await findPinnedSigner(q, fingerprint);
  return signerLabel(session.db, pin?.label ?? null, fingerprint);
}

function signerLabel(db: Db, pinnedAs: string | null, fingerprint: string): string | null {
  if (pinnedAs !== null) return pinnedAs;
  return hubPublicKey(db).fingerprint === fingerprint ? 'This workstation' : null;
}

export type PacketRecord = z.infer<typeof packetRecordSchema>;

/** The vault's packet record (of one case when `caseId` is given), newest first, each with the label its signer is pinned under. */
export async function packetHistory(session: Pick<VaultSession, 'db'>, caseId?: string): Promise<PacketRecord[]> {
  const { q } = storeOf(session);
  const packets = await listPackets(q, caseId);
  const pinned = new Map((await listPinnedSigners(q)).map((p) => [p.fingerprint, p.label]));
  return packets.map((p) =>
    packetRecordSchema.parse({
      packetId: p.packetId,
      direction: p.direction,
      caseId: p.caseId,
      caseNumber: p.caseNumber,
      recipient: p.recipient,
      profile: p.profile,
      training: p.training,
      fileName: p.fileName,
      packetSha256: p.packetSha256,
      manifestSha256: p.manifestSha256,
      signerFingerprint: p.signerFingerprint,
      signerLabel: signerLabel(session.db, pinned.get(p.signerFingerprint) ?? null, p.signerFingerprint),
      purpose: p.purpose,
      encryption: p.encryption,
      at: p.at,
      actor: p.actor,
    }),
  );
}
