import type { Selectable } from 'kysely';
import type { EvidenceItem } from '../../../shared/contract/evidence';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * The evidence items of a case (table evidence, migration 0001): name, type,
 * size and the SHA-256 taken at intake. The content is not in this table's
 * `content` column (empty since migration 0013) but in numbered chunks, see
 * evidenceBlobs.ts.
 */
export type EvidenceRow = Omit<Selectable<Database['evidence']>, 'content'>;

export interface Evidence extends EvidenceItem {
  caseId: string;
}

export function rowToEvidence(r: EvidenceRow): Evidence {
  return {
    id: r.id,
    caseId: r.case_id,
    name: r.name,
    mediaType: r.media_type,
    size: r.size,
    sha256: r.sha256,
    receivedOn: r.received_on,
    source: r.source,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export function evidenceToRow(x: Evidence): EvidenceRow {
  return {
    id: x.id,
    case_id: x.caseId,
    name: x.name,
    media_type: x.mediaType,
    size: x.size,
    sha256: x.sha256,
    received_on: x.receivedOn,
    source: x.source,
    created_by: x.createdBy,
    created_at: x.createdAt,
  };
}

const columns = ['id', 'case_id', 'name', 'media_type', 'size', 'sha256', 'received_on', 'source', 'created_by', 'created_at'] as const;

/** The item's row (its chunks reference it), its content column left empty. */
export async function insertEvidence(q: Queries, x: Evidence): Promise<void> {
  await q
    .insertInto('evidence')
    .values({ ...evidenceToRow(x), content: Buffer.alloc(0) })
    .execute();
}

/** Records what intake found once the content is stored: its type, size and SHA-256. */
export async function setEvidenceContentFacts(q: Queries, id: string, facts: { mediaType: string; size: number; sha256: string }): Promise<void> {
  await q.updateTable('evidence').set({ media_type: facts.mediaType, size: facts.size, sha256: facts.sha256 }).where('id', '=', id).execute();
}

/** A case's items in the order they were taken in. */
export async function evidenceOfCase(q: Queries, caseId: string): Promise<Evidence[]> {
  const rows = await q.selectFrom('evidence').select(columns).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
  return rows.map(rowToEvidence);
}

/** The item of that id on that case, or null (an item of another case is not found). */
export async function findEvidence(q: Queries, caseId: string, id: string): Promise<Evidence | null> {
  const row = await q.selectFrom('evidence').select(columns).where('id', '=', id).where('case_id', '=', caseId).executeTakeFirst();
  return row === undefined ? null : rowToEvidence(row);
}
