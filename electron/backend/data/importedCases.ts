import type { Queries } from './store';

/**
 * The case reads of packet import (table cases, its source_packet_id,
 * unique since migration 0002): which case, if any, was created from a packet. The
 * imported case is written by data/sqlcipher/caseRecord.ts.
 */

/** The id of the case imported from that packet, or null when none was. */
export async function caseImportedFrom(q: Queries, packetId: string): Promise<string | null> {
  const row = await q.selectFrom('cases').select('id').where('source_packet_id', '=', packetId).executeTakeFirst();
  return row?.id ?? null;
}
