import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import type { PacketRecipientEntry } from '../../../shared/contract/packets';
import { ageKeyProblem } from '../../../shared/packets/manifest';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
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

interface Row {
  id: string;
  name: string;
  agency: string;
  age_key: string;
  fingerprint: string;
  updated_by: string;
  updated_at: string;
}

const entry = (r: Row): PacketRecipientEntry => ({ id: r.id, name: r.name, agency: r.agency, ageKey: r.age_key, fingerprint: r.fingerprint, updatedBy: r.updated_by, updatedAt: r.updated_at });

export function listRecipients(db: Db): PacketRecipientEntry[] {
  return (db.prepare('SELECT id, name, agency, age_key, fingerprint, updated_by, updated_at FROM packet_recipients ORDER BY agency COLLATE NOCASE, name COLLATE NOCASE').all() as Row[]).map(entry);
}

export function saveRecipient(session: VaultSession, input: RecipientInput, now: Date): PacketRecipientEntry {
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
  return db.transaction(() => {
    const holder = db.prepare('SELECT id, name, agency FROM packet_recipients WHERE age_key = ?').get(ageKey) as { id: string; name: string; agency: string } | undefined;
    if (holder !== undefined && holder.id !== input.id) throw new AppError('conflict', `That age key is already in the address book for ${holder.name} (${holder.agency}). Nothing was changed.`);
    if (input.id === undefined) {
      const id = newId();
      db.prepare('INSERT INTO packet_recipients (id, name, agency, age_key, fingerprint, added_by, added_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(id, name, agency, ageKey, fingerprint, user.name, at, user.name, at);
      appendAudit(db, { actor: user.name, action: 'packet.recipient_add', detail: { recipientId: id, fingerprint } }, now);
      return { id, name, agency, ageKey, fingerprint, updatedBy: user.name, updatedAt: at };
    }
    const before = db.prepare('SELECT fingerprint FROM packet_recipients WHERE id = ?').get(input.id) as { fingerprint: string } | undefined;
    if (before === undefined) throw new AppError('not_found', 'That recipient is no longer in the address book. Nothing was changed.');
    db.prepare('UPDATE packet_recipients SET name = ?, agency = ?, age_key = ?, fingerprint = ?, updated_by = ?, updated_at = ? WHERE id = ?').run(name, agency, ageKey, fingerprint, user.name, at, input.id);
    appendAudit(db, { actor: user.name, action: 'packet.recipient_change', detail: { recipientId: input.id, fingerprint, previousFingerprint: before.fingerprint } }, now);
    return { id: input.id, name, agency, ageKey, fingerprint, updatedBy: user.name, updatedAt: at };
  })();
}

export function removeRecipient(session: VaultSession, id: string, now: Date): void {
  requireManager(session, 'packets.removeRecipient');
  const { db, user } = session;
  db.transaction(() => {
    const row = db.prepare('SELECT fingerprint FROM packet_recipients WHERE id = ?').get(id) as { fingerprint: string } | undefined;
    if (row === undefined) throw new AppError('not_found', 'That recipient is no longer in the address book. Nothing was changed.');
    db.prepare('DELETE FROM packet_recipients WHERE id = ?').run(id);
    appendAudit(db, { actor: user.name, action: 'packet.recipient_remove', detail: { recipientId: id, fingerprint: row.fingerprint } }, now);
  })();
}
