import type { Db } from '../vault/database';
import { wholeCaseText } from '../vault/migrations/0022-search-by-case';

/**
 * The index of cases (search_case_fts, migration 0022): one row per case,
 * numbered by its search key, with the words of all its items. Changes only
 * mark a case stale; its row is rebuilt here. The search path is synchronous
 * (it runs inside the case list's statements), so these are plain statements
 * on the vault's connection, not the asynchronous store.
 */

/** At most this many stale cases are rebuilt inside a search; above it the search answers from the item index. */
export const REFRESH_IN_SEARCH_AT_MOST = 500;

/** How many cases' rows of the case index are out of date. */
export function staleSearchCases(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM search_case_stale').get()?.n ?? 0;
}

/**
 * Rebuilds the rows of up to `limit` stale cases (all of them by default), in
 * one transaction; a case that no longer exists only loses its row. Returns how
 * many cases are still stale.
 */
export function refreshSearchCases(db: Db, limit = Number.MAX_SAFE_INTEGER): number {
  const keys = db
    .prepare<[number], { search_key: number }>('SELECT search_key FROM search_case_stale ORDER BY search_key LIMIT ?')
    .all(limit)
    .map((r) => r.search_key);
  if (keys.length === 0) return 0;
  const drop = db.prepare('DELETE FROM search_case_fts WHERE rowid = ?');
  const build = db.prepare(`INSERT INTO search_case_fts (rowid, body) SELECT c.search_key, ${wholeCaseText} FROM cases c WHERE c.search_key = ?`);
  const done = db.prepare('DELETE FROM search_case_stale WHERE search_key = ?');
  db.transaction(() => {
    for (const key of keys) {
      drop.run(key);
      build.run(key);
      done.run(key);
    }
  })();
  return staleSearchCases(db);
}

/**
 * Whether the case index can answer a search now: nothing stale, or few enough
 * stale cases that they are rebuilt first (never on a read-only connection).
 */
export function caseIndexReady(db: Db): boolean {
  const stale = staleSearchCases(db);
  if (stale === 0) return true;
  if (db.readonly || stale > REFRESH_IN_SEARCH_AT_MOST) return false;
  return refreshSearchCases(db) === 0;
}

/** The cases holding every word of the FTS query `param` (an SQL term over the case row `c`); only while caseIndexReady. */
export function casesHoldingAll(param: string): string {
  return `c.search_key IN (SELECT rowid FROM search_case_fts WHERE search_case_fts MATCH ${param})`;
}

/** Whether this database has the index of cases (a vault before migration 0022 has none). */
export function hasCaseIndex(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_case_fts'").get() !== undefined;
}

/** Merges some segments of the case index (idle-time work). */
export function mergeCaseIndex(db: Db, pages: number): void {
  db.prepare("INSERT INTO search_case_fts (search_case_fts, rank) VALUES ('merge', ?)").run(pages);
}

/** Rewrites the case index as one segment holding no deleted entry (after a purge). */
export function optimizeCaseIndex(db: Db): void {
  db.exec("INSERT INTO search_case_fts (search_case_fts) VALUES ('optimize')");
}
