import { AppError } from '../../../shared/contract';
import type { Db } from '../vault/database';
import { optimizeCaseIndex, refreshSearchCases } from './searchIndex';
import { optimizeSearchIndex } from './sqlcipher';

/*
 * Disposition's deletion, the embedded engine's way. It is synchronous on the
 * vault's connection, by necessity: it runs inside the caller's transaction
 * (a disposition's, or a restore's re-applying one), turns on SQLite's
 * secure_delete and deferred foreign keys, finds the tables from sqlite_master
 * and rewrites the FTS5 indexes, none of which a portable query can say.
 */

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
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'case_fts%' AND sql NOT LIKE 'CREATE VIRTUAL%'")
    .pluck()
    .all();
  const hasCaseId = db.prepare('SELECT count(*) FROM pragma_table_info(?) WHERE name = ?').pluck();
  return names
    .filter((name): name is string => typeof name === 'string')
    .filter((name) => !KEPT_TABLES.has(name) && name !== 'cases')
    .filter((name) => Number(hasCaseId.get(name, 'case_id')) > 0);
}

/** A text column of a row read through the driver (whose rows are untyped). */
function textOf(row: unknown, column: string): string | null {
  if (typeof row !== 'object' || row === null) return null;
  const value: unknown = Reflect.get(row, column);
  return typeof value === 'string' ? value : null;
}

export interface PurgedCase {
  number: string;
  rows: number;
}

export function purgeCase(db: Db, caseId: string): PurgedCase {
  if (db.pragma('secure_delete', { simple: true }) !== 1) db.pragma('secure_delete = ON');
  const found: unknown = db.prepare('SELECT number, subject_id FROM cases WHERE id = ?').get(caseId);
  const number = textOf(found, 'number');
  const subjectId = textOf(found, 'subject_id');
  if (number === null || subjectId === null) throw new AppError('not_found', 'There is no such case.');
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
  const others = Number(db.prepare('SELECT count(*) FROM cases WHERE subject_id = ?').pluck().get(subjectId));
  if (others === 0) rows += db.prepare('DELETE FROM subjects WHERE id = ?').run(subjectId).changes;
  for (const table of tables) {
    const left = Number(db.prepare(`SELECT count(*) FROM ${quoted(table)} WHERE case_id = ?`).pluck().get(caseId));
    if (left > 0) throw new AppError('internal', 'Disposition left rows of the case behind; nothing was deleted.');
  }
  return { number, rows };
}

/**
 * Moves every page out of the write-ahead log into the database file and
 * truncates the log, so no copy of a deleted page lingers in it. Returns false
 * when another connection kept the log busy (the deletion itself is committed).
 */
export function checkpointTruncate(db: Db): boolean {
  const result: unknown = db.pragma('wal_checkpoint(TRUNCATE)');
  const first: unknown = Array.isArray(result) ? result[0] : undefined;
  return typeof first === 'object' && first !== null && Reflect.get(first, 'busy') === 0;
}
