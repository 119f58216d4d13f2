import type { Migration } from './types';

/**
 * FTS5's secure-delete option (switched on by migration 0003) makes every
 * rewrite of a case's search row erase each old token from the index segments
 * at once: about a hundred times the cost of an ordinary rewrite, paid on every
 * indicator, report or note added. Routine rewrites now leave the old tokens
 * to FTS5's merges; disposition, the one place where a case's text must leave
 * no trace, optimizes the index after its delete, which rewrites it without any
 * deleted entry (services/purge.ts).
 */
export const migration0006: Migration = {
  version: 6,
  name: 'fts-routine-deletes',
  up: `
INSERT INTO case_fts (case_fts, rank) VALUES ('secure-delete', 0);
`,
};
