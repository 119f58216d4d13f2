import { AppError } from '../../../shared/contract';
import { optimizeSearchIndex } from '../data/sqlcipher';
import type { Db } from '../vault/database';
import { optimizeCaseIndex, refreshSearchCases } from '../data/searchIndex';

/**
 * Deletes every row of a case: the case and its subject, and every row of every
 * table that has a case_id column (so tables added by later migrations are
 * covered without changes here), the indicator history, and the case's row in
 * the full-text index. The audit log is the one table left alone.
 *
 * secure_delete must be on so freed cells and pages are zeroed. The case's
 * search rows go with its rows (search_items has a case_id, and triggers delete
 * the index row of every deleted item; migration 0012). Then the index is
 * optimized: FTS5 leaves deleted entries (these rows and every earlier version
 * of them) in its segments until they are merged, and the optimize merges every
 * segment into one that holds no deleted entry. Its cost
 * grows with the index (about a second per 10,000 cases), paid once per
 * disposition instead of on every edit (migration 0006). Call inside a transaction.
 */
const KEPT_TABLES = new Set(['audit_events']);
const identifier = /^[A-Za-z_][A-Za-z0-9_]*$/;

function quoted(name: string): string {
  if (!identifier.test(name)) throw new AppError('internal', 'A table name in the vault is not a plain identifier.');
  return `"${name}"`;
}

/** Ordinary tables (not FTS shadow tables, not SQLite's) that have a case_id column. */
function tablesWithCaseId(db: Db): string[] {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_fts%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    .all() as { name: string }[];
  return tables
    .map((t) => t.name)
    .filter((name) => !KEPT_TABLES.has(name) && name !== 'cases')
    .filter((name) => (db.prepare('SELECT count(*) AS n FROM pragma_table_info(?) WHERE name = ?').get(name, 'case_id') as { n: number }).n > 0);
}

export interface PurgedCase {
  number: string;
  rows: number;
}

export function purgeCase(db: Db, caseId: string): PurgedCase {
  if (db.pragma('secure_delete', { simple: true }) !== 1) db.pragma('secure_delete = ON');
  const row = db.prepare('SELECT number, subject_id FROM cases WHERE id = ?').get(caseId) as { number: string; subject_id: string } | undefined;
  if (row === undefined) throw new AppError('not_found', 'There is no such case.');
  let rows = 0;
  rows += db.prepare('DELETE FROM indicator_history WHERE indicator_id IN (SELECT id FROM indicators WHERE case_id = ?)').run(caseId).changes;
  const tables = tablesWithCaseId(db);
  // Foreign keys between the case's tables are checked at commit, when all of
  // them are empty of the case, so the order in which they are emptied is free.
  db.pragma('defer_foreign_keys = ON');
  for (const table of tables) rows += db.prepare(`DELETE FROM ${quoted(table)} WHERE case_id = ?`).run(caseId).changes;
  rows += db.prepare('DELETE FROM cases WHERE id = ?').run(caseId).changes;
  optimizeSearchIndex(db);
  // The case's row of the case index goes too, and the index is rewritten without it.
  refreshSearchCases(db);
  optimizeCaseIndex(db);
  // A subject belongs to one case (imports refuse a shared display id).
  const others = db.prepare('SELECT count(*) AS n FROM cases WHERE subject_id = ?').get(row.subject_id) as { n: number };
  if (others.n === 0) rows += db.prepare('DELETE FROM subjects WHERE id = ?').run(row.subject_id).changes;
  for (const table of tables) {
    const left = db.prepare(`SELECT count(*) AS n FROM ${quoted(table)} WHERE case_id = ?`).get(caseId) as { n: number };
    if (left.n > 0) throw new AppError('internal', 'Disposition left rows of the case behind; nothing was deleted.');
  }
  return { number: row.number, rows };
}

/**
 * Moves every page out of the write-ahead log into the database file and
 * truncates the log, so no copy of a deleted page lingers in it. Returns false
 * when another connection kept the log busy (the deletion itself is committed).
 */
export function checkpointTruncate(db: Db): boolean {
  const result = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  const first = result[0];
  return first !== undefined && first.busy === 0;
}
