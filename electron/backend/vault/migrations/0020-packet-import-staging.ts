import type { Migration } from './types';

/**
 * Evidence of a packet being imported is written into the vault while the packet
 * is still being decrypted and checked, chunk by chunk, so a packet of any size
 * is imported in bounded memory. It waits here, under the import's own id, until
 * the whole packet has verified; the import's transaction then moves it into
 * evidence_chunks and deletes it (secure_delete overwrites it), and a refused or
 * interrupted import deletes it too. Nothing else reads this table.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'packet-import-staging',
  up: `
CREATE TABLE packet_import_chunks (
  import_id TEXT NOT NULL,
  file TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 0),
  data BLOB NOT NULL,
  PRIMARY KEY (import_id, file, seq)
) STRICT;
`,
};
