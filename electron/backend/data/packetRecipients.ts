import type { Selectable } from 'kysely';
import type { PacketRecipientEntry } from '../../../shared/contract/packets';
import type { Database } from './schema';
import type { Queries } from './store';

/** The address book of packet recipients (table packet_recipients, migration 0017). */
export type PacketRecipientRow = Selectable<Database['packet_recipients']>;

export interface PacketRecipient extends PacketRecipientEntry {
  addedBy: string;
  addedAt: string;
}

export function rowToPacketRecipient(r: PacketRecipientRow): PacketRecipient {
  return { id: r.id, name: r.name, agency: r.agency, ageKey: r.age_key, fingerprint: r.fingerprint, addedBy: r.added_by, addedAt: r.added_at, updatedBy: r.updated_by, updatedAt: r.updated_at };
}

export function packetRecipientToRow(x: PacketRecipient): PacketRecipientRow {
  return { id: x.id, name: x.name, agency: x.agency, age_key: x.ageKey, fingerprint: x.fingerprint, added_by: x.addedBy, added_at: x.addedAt, updated_by: x.updatedBy, updated_at: x.updatedAt };
}

export async function listPacketRecipients(q: Queries): Promise<PacketRecipient[]> {
  const rows = await q.selectFrom('packet_recipients').selectAll().orderBy((eb) => eb.fn('lower', ['agency'])).orderBy((eb) => eb.fn('lower', ['name'])).execute();
  return rows.map(rowToPacketRecipient);
}

export async function findPacketRecipient(q: Queries, id: string): Promise<PacketRecipient | null> {
  const row = await q.selectFrom('packet_recipients').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : rowToPacketRecipient(row);
}

export async function findPacketRecipientByKey(q: Queries, ageKey: string): Promise<PacketRecipient | null> {
  const row = await q.selectFrom('packet_recipients').selectAll().where('age_key', '=', ageKey).executeTakeFirst();
  return row === undefined ? null : rowToPacketRecipient(row);
}

export async function insertPacketRecipient(q: Queries, x: PacketRecipient): Promise<void> {
  await q.insertInto('packet_recipients').values(packetRecipientToRow(x)).execute();
}

/** Replaces name, agency, key and who changed it; the first adder stays. */
export async function updatePacketRecipient(q: Queries, x: PacketRecipient): Promise<void> {
  const { id: _id, added_by: _by, added_at: _at, ...changed } = packetRecipientToRow(x);
  await q.updateTable('packet_recipients').set(changed).where('id', '=', x.id).execute();
}

export async function deletePacketRecipient(q: Queries, id: string): Promise<void> {
  await q.deleteFrom('packet_recipients').where('id', '=', id).execute();
}
