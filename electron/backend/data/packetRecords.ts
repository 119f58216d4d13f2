import type { Selectable } from 'kysely';
import { AppError } from '../../../shared/contract';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * The vault's record of every packet it exported or imported (table packets,
 * migration 0002): which case, for whom, the packet's hashes and signer.
 */
export type PacketRow = Selectable<Database['packets']>;

export interface StoredPacket {
  packetId: string;
  direction: 'export' | 'import';
  caseId: string | null;
  caseNumber: string;
  recipient: string;
  profile: string;
  purpose: string;
  training: boolean;
  fileName: string;
  mediumPath: string | null;
  packetSha256: string;
  manifestSha256: string;
  signerFingerprint: string;
  encryption: 'x25519' | 'passphrase';
  at: string;
  actor: string;
}

/** A direction or an encryption Offramp does not know is an integrity error, never a guess. */
export function rowToPacket(r: PacketRow): StoredPacket {
  if (r.direction !== 'export' && r.direction !== 'import') throw new AppError('integrity', `Packet ${r.packet_id} in the vault has an unknown direction.`);
  if (r.encryption !== 'x25519' && r.encryption !== 'passphrase') throw new AppError('integrity', `Packet ${r.packet_id} in the vault has an unknown encryption.`);
  return {
    packetId: r.packet_id,
    direction: r.direction,
    caseId: r.case_id,
    caseNumber: r.case_number,
    recipient: r.recipient,
    profile: r.profile,
    purpose: r.purpose,
    training: r.training === 1,
    fileName: r.file_name,
    mediumPath: r.medium_path,
    packetSha256: r.packet_sha256,
    manifestSha256: r.manifest_sha256,
    signerFingerprint: r.signer_fingerprint,
    encryption: r.encryption,
    at: r.at,
    actor: r.actor,
  };
}

export function packetToRow(x: StoredPacket): PacketRow {
  return {
    packet_id: x.packetId,
    direction: x.direction,
    case_id: x.caseId,
    case_number: x.caseNumber,
    recipient: x.recipient,
    profile: x.profile,
    purpose: x.purpose,
    training: x.training ? 1 : 0,
    file_name: x.fileName,
    medium_path: x.mediumPath,
    packet_sha256: x.packetSha256,
    manifest_sha256: x.manifestSha256,
    signer_fingerprint: x.signerFingerprint,
    encryption: x.encryption,
    at: x.at,
    actor: x.actor,
  };
}

/** The vault's packets (of one case when `caseId` is given), newest first, then by packet id. */
export async function listPackets(q: Queries, caseId?: string): Promise<StoredPacket[]> {
  let query = q.selectFrom('packets').selectAll().orderBy('at', 'desc').orderBy('packet_id');
  if (caseId !== undefined) query = query.where('case_id', '=', caseId);
  const rows = await query.execute();
  return rows.map(rowToPacket);
}

export async function insertPacket(q: Queries, x: StoredPacket): Promise<void> {
  await q.insertInto('packets').values(packetToRow(x)).execute();
}

/**
 * The case number a packet of that id and direction was recorded under, and the
 * case it created or came from as it is now (null ids when that case has since
 * been disposed of); null when no such packet was recorded.
 */
export async function findPacketCase(q: Queries, packetId: string, direction: StoredPacket['direction']): Promise<{ caseNumber: string; caseId: string | null; currentNumber: string | null } | null> {
  const row = await q
    .selectFrom('packets as p')
    .leftJoin('cases as c', 'c.id', 'p.case_id')
    .select(['p.case_number', 'c.id', 'c.number'])
    .where('p.packet_id', '=', packetId)
    .where('p.direction', '=', direction)
    .executeTakeFirst();
  return row === undefined ? null : { caseNumber: row.case_number, caseId: row.id, currentNumber: row.number };
}
