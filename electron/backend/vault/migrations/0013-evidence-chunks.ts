import type { Migration } from './types';

/**
 * Evidence content moves out of one BLOB per item into numbered chunks of
 * 256 KiB (evidence_chunks), so a file streams into the vault at intake and out
 * of it into a packet without the whole file ever being held in memory. The
 * existing bodies are cut into chunks here, in SQL, and the old column is
 * emptied (it stays, as a zero-length BLOB, because evidence rows are referenced
 * by the custody log and SQLite cannot drop a column that is NOT NULL without a
 * table rebuild). The chunk size is fixed for the vault: services/evidenceStore.ts
 * uses the same number.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'evidence-chunks',
  up: `
CREATE TABLE evidence_chunks (
  evidence_id TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL CHECK (seq >= 0),
  data BLOB NOT NULL,
  PRIMARY KEY (evidence_id, seq)
) STRICT;

WITH RECURSIVE pieces(id, seq) AS (
  SELECT id, 0 FROM evidence WHERE length(content) > 0
  UNION ALL
  SELECT p.id, p.seq + 1 FROM pieces p JOIN evidence e ON e.id = p.id WHERE (p.seq + 1) * 262144 < length(e.content)
)
INSERT INTO evidence_chunks (evidence_id, seq, data)
  SELECT p.id, p.seq, substr(e.content, p.seq * 262144 + 1, 262144) FROM pieces p JOIN evidence e ON e.id = p.id;

UPDATE evidence SET content = X'' WHERE length(content) > 0;
`,
};
