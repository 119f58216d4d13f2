import { AppError } from '../../../shared/contract';
import type { Db } from '../vault/database';
import type { Queries } from './store';

/**
 * Evidence content in the vault: numbered chunks of CHUNK_BYTES (table
 * evidence_chunks, migration 0013), and the chunks of a packet being imported,
 * staged until the import's transaction moves them into place (table
 * packet_import_chunks, migration 0020).
 *
 * Most of it is queries like any other (Promises, through `Queries`). Three
 * pieces stay synchronous on the vault's connection, because their callers are
 * synchronous and must stay so:
 * - the chunk reader of a packet export (`readEvidenceChunkNow`): the packet is
 *   produced by a chain of synchronous iterators (packets/seal.ts, then
 *   packets/ageLayer.ts sealing into one reused buffer) that pulls each chunk
 *   only as the medium takes the bytes before it;
 * - the chunk writer of intake (`evidenceChunkWriter`): the file is read with
 *   synchronous reads inside the intake's transaction (a refused or failed file
 *   leaves nothing), and no file I/O may be awaited inside a transaction
 *   (store.ts), so its chunks are written as each piece is read;
 * - the same writer for bytes in memory, used by the case record's writer
 *   (services/caseStore.ts, synchronous inside its own transactions).
 * They use the same connection as the embedded store and run in the transaction
 * in progress on it.
 */

/** Must match migration 0013, which cut the older one-BLOB bodies into chunks of this size. */
export const CHUNK_BYTES = 256 * 1024;

/** A writer of one item's chunks at a time, prepared once for all of them (synchronous, see above). */
export function evidenceChunkWriter(db: Db): (evidenceId: string, seq: number, data: Uint8Array) => void {
  const insert = db.prepare('INSERT INTO evidence_chunks (evidence_id, seq, data) VALUES (?, ?, ?)');
  return (evidenceId, seq, data) => {
    insert.run(evidenceId, seq, data);
  };
}

/** Chunk `seq` of an item, or null past its last one (synchronous, see above). */
export function readEvidenceChunkNow(db: Db, evidenceId: string, seq: number): Buffer | null {
  const data: unknown = db.prepare('SELECT data FROM evidence_chunks WHERE evidence_id = ? AND seq = ?').pluck().get(evidenceId, seq);
  if (data === undefined) return null;
  if (!Buffer.isBuffer(data)) throw new AppError('integrity', `A stored chunk of evidence item ${evidenceId} is not binary content.`);
  return data;
}

/** Chunk `seq` of an item, or null past its last one. */
export async function evidenceChunk(q: Queries, evidenceId: string, seq: number): Promise<Buffer | null> {
  const row = await q.selectFrom('evidence_chunks').select('data').where('evidence_id', '=', evidenceId).where('seq', '=', seq).executeTakeFirst();
  return row?.data ?? null;
}

/** Stores one chunk of a file being imported (each commits on its own). */
export async function insertStagedChunk(q: Queries, importId: string, file: string, seq: number, data: Uint8Array): Promise<void> {
  await q.insertInto('packet_import_chunks').values({ import_id: importId, file, seq, data: Buffer.from(data.buffer, data.byteOffset, data.length) }).execute();
}

/** Copies a staged file's chunks, in order, to be the chunks of an evidence item; returns how many there were. */
export async function moveStagedChunks(q: Queries, importId: string, file: string, evidenceId: string): Promise<number> {
  const result = await q
    .insertInto('evidence_chunks')
    .columns(['evidence_id', 'seq', 'data'])
    .expression((eb) =>
      eb
        .selectFrom('packet_import_chunks')
        .select((s) => [s.val(evidenceId).as('evidence_id'), 'seq', 'data'])
        .where('import_id', '=', importId)
        .where('file', '=', file)
        .orderBy('seq'),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

/** Removes every chunk an import staged. */
export async function deleteStagedImport(q: Queries, importId: string): Promise<void> {
  await q.deleteFrom('packet_import_chunks').where('import_id', '=', importId).execute();
}
