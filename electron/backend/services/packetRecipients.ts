import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type { PacketRecipientEntry } from '../../../shared/contract/packets';
import { ageKeyProblem } from '../../../shared/packets/manifest';
import { appendAudit } from '../vault/audit';
import { storeOf } from '../data';
import { deletePacketRecipient, findPacketRecipient, findPacketRecipientByKey, insertPacketRecipient, listPacketRecipients, updatePacketRecipient, type PacketRecipient } from '../data/packetRecipients';
import type { VaultSession } from '../vault/session';
import { requireManager } from '../vault/vault';
import { newId } from './ids';

/**
 * The address book of packet recipients: the receiving agencies' contacts and
 * their age public keys, kept by the program manager so that no one pastes a key
 * from an e-mail at export time. Each key carries its SHA-256 fingerprint, read
 * back with the recipient over a trusted channel before it is relied on. Every
 * change is audited (ids and fingerprints only).
 */

export interface RecipientInput {
  id?: string | undefined;
  name: string;
  agency: string;
  ageKey: string;
}

/** SHA-256 of an age public key as written (lowercase, 62 characters). */
export function ageKeyFingerprint(ageKey: string): string {
  return createHash('sha256').update(ageKey, 'utf8').digest('hex');
}

/** The address book as the screens show it. */
const entry = ({ addedBy: _by, addedAt: _at, ...shown }: PacketRecipient): PacketRecipientEntry => shown;

export async function listRecipients(session: Pick<VaultSession, 'db'>): Promise<PacketRecipientEntry[]> {
  return (await listPacketRecipients(storeOf(session).q)).map(entry);
}

export async function saveRecipient(session: VaultSession, input: RecipientInput, now: Date): Promise<PacketRecipientEntry> {
  requireManager(session, 'packets.saveRecipient');
  const name = input.name.trim();
  const agency = input.agency.trim();
  const keyProblem = ageKeyProblem(input.ageKey);
  if (name === '') throw new AppError('invalid_input', 'Give the recipient’s name. Nothing was changed.');
  if (agency === '') throw new AppError('invalid_input', 'Give the recipient’s agency. Nothing was changed.');
  if (keyProblem !== null) throw new AppError('invalid_input', `${keyProblem} Nothing was changed.`);
  const ageKey = input.ageKey.trim();
  const fingerprint = ageKeyFingerprint(ageKey);
  const { db, user } = session;
  const at = now.toISOString();
  return storeOf(session).transaction(async (tx) => {
    const holder = await findPacketRecipientByKey(tx, ageKey);
    if (holder !== null && holder.id !== input.id) throw new AppError('conflict', `That age key is already in the address book for ${holder.name} (${holder.agency}). Nothing was changed.`);
    if (input.id === undefined) {
      const added: PacketRecipient = { id: newId(), name, agency, ageKey, fingerprint, addedBy: user.name, addedAt: at, updatedBy: user.name, updatedAt: at };
      await insertPacketRecipient(tx, added);
      appendAudit(db, { actor: user.name, action: 'packet.recipient_add', detail: { recipientId: added.id, fingerprint } }, now);
      return entry(added);
    }
    const before = await findPacketRecipient(tx, input.id);
    if (before === null) throw new AppError('not_found', 'That recipient is no longer in the address book. Nothing was changed.');
    const changed: PacketRecipient = { ...before, name, agency, ageKey, fingerprint, updatedBy: user.name, updatedAt: at };
    await updatePacketRecipient(tx, changed);
    appendAudit(db, { actor: user.name, action: 'packet.recipient_change', detail: { recipientId: input.id, fingerprint, previousFingerprint: before.fingerprint } }, now);
    return entry(changed);
  });
}

export async function removeRecipient(session: VaultSession, id: string, now: Date): Promise<void> {
  requireManager(session, 'packets.removeRecipient');
  const { db, user } = session;
  await storeOf(session).transaction(async (tx) => {
    const row = await findPacketRecipient(tx, id);
    if (row === null) throw new AppError('not_found', 'That recipient is no longer in the address book. Nothing was changed.');
    await deletePacketRecipient(tx, id);
    appendAudit(db, { actor: user.name, action: 'packet.recipient_remove', detail: { recipientId: id, fingerprint: row.fingerprint } }, now);
  });
}
