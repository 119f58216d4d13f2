import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { evidenceOfCase, evidenceToRow, findEvidence, insertEvidence, rowToEvidence, setEvidenceContentFacts, type Evidence } from './evidence';
import { CHUNK_BYTES, deleteStagedImport, evidenceChunk, evidenceChunkWriter, insertStagedChunk, moveStagedChunks, readEvidenceChunkNow } from './evidenceBlobs';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-evidence-');
const item = (id: string, caseId: string, createdAt = '2026-01-01T00:00:00.000Z'): Evidence => ({
  id,
  caseId,
  name: `${id}.bin`,
  mediaType: '',
  size: 0,
  sha256: '',
  receivedOn: '2026-01-01',
  source: 'Security office',
  createdBy: 'ana',
  createdAt,
});

describe('evidence items in the data layer', () => {
  it('maps an item to its row and back unchanged', () => {
    const x = { ...item('e1', 'c1'), mediaType: 'image/png', size: 3, sha256: 'a'.repeat(64) };
    expect(rowToEvidence(evidenceToRow(x))).toEqual(x);
  });

  it('stores an item, records what intake found, lists a case’s in intake order and finds one only on its case', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1');
    await insertBareCase(q, 'c2');
    await insertEvidence(q, item('e2', 'c1', '2026-01-02T00:00:00.000Z'));
    await insertEvidence(q, item('e1', 'c1', '2026-01-02T00:00:00.000Z'));
    await insertEvidence(q, item('e0', 'c1'));
    await insertEvidence(q, item('e9', 'c2'));
    await setEvidenceContentFacts(q, 'e1', { mediaType: 'text/plain', size: 5, sha256: 'b'.repeat(64) });
    expect((await evidenceOfCase(q, 'c1')).map((e) => e.id)).toEqual(['e0', 'e1', 'e2']);
    expect(await findEvidence(q, 'c1', 'e1')).toEqual({ ...item('e1', 'c1', '2026-01-02T00:00:00.000Z'), mediaType: 'text/plain', size: 5, sha256: 'b'.repeat(64) });
    expect(await findEvidence(q, 'c1', 'e9')).toBeNull();
    expect(await findEvidence(q, 'c2', 'e9')).not.toBeNull();
    await expect(insertEvidence(q, item('e3', 'none'))).rejects.toThrow(/FOREIGN KEY/);
  });

  it('writes and reads an item’s chunks, and moves a staged file’s chunks into place in order', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1');
    await insertEvidence(q, item('e1', 'c1'));
    await insertEvidence(q, item('e2', 'c1'));
    const write = evidenceChunkWriter(db);
    write('e1', 0, Buffer.from('first'));
    write('e1', 1, Buffer.from('second'));
    expect(readEvidenceChunkNow(db, 'e1', 1)).toEqual(Buffer.from('second'));
    expect(readEvidenceChunkNow(db, 'e1', 2)).toBeNull();
    expect(await evidenceChunk(q, 'e1', 0)).toEqual(Buffer.from('first'));
    expect(await evidenceChunk(q, 'e1', 2)).toBeNull();

    await insertStagedChunk(q, 'i1', 'evidence/a.bin', 1, new Uint8Array([3, 4]));
    await insertStagedChunk(q, 'i1', 'evidence/a.bin', 0, Buffer.alloc(CHUNK_BYTES, 1).subarray(0, 2));
    await insertStagedChunk(q, 'i1', 'evidence/b.bin', 0, new Uint8Array([9]));
    expect(await moveStagedChunks(q, 'i1', 'evidence/a.bin', 'e2')).toBe(2);
    expect(await evidenceChunk(q, 'e2', 0)).toEqual(Buffer.from([1, 1]));
    expect(await evidenceChunk(q, 'e2', 1)).toEqual(Buffer.from([3, 4]));
    expect(await moveStagedChunks(q, 'i1', 'evidence/none.bin', 'e2')).toBe(0);
    await deleteStagedImport(q, 'i1');
    expect(await q.selectFrom('packet_import_chunks').selectAll().execute()).toEqual([]);
  });
});
