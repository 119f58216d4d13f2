import type { CaseRecord } from '../../../shared/model/caseRecord';
import { insertCaseRecordNow, readCaseRecordNow } from '../data/sqlcipher/caseRecord';
import type { Db } from '../vault/database';
import { writeEvidenceChunks } from './evidenceStore';

/**
 * Reads and writes whole case records (the export/import shape) synchronously
 * on the vault's connection, for the services that open, take in and import
 * cases inside their own synchronous work. The rows and their mapping to the
 * record are the data layer's (data/caseRecord.ts, data/sqlcipher/caseRecord.ts).
 */

export function readCaseRecord(db: Db, caseId: string): CaseRecord | null {
  return readCaseRecordNow(db, caseId);
}

/**
 * Inserts a whole record (import, intake). Evidence content is not part of the
 * record; imported evidence rows get only their metadata and an empty body
 * unless `evidenceContent` supplies the bytes.
 */
export function insertCaseRecord(db: Db, record: CaseRecord, evidenceContent: Map<string, Buffer> = new Map()): void {
  insertCaseRecordNow(db, record);
  for (const e of record.evidence) {
    const content = evidenceContent.get(e.id);
    if (content !== undefined) writeEvidenceChunks(db, e.id, content);
  }
}
