import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import { AppError } from '../../../shared/contract';
import type { Db } from './sqlcipher/connection';
import type { Database } from './schema';
import type { DataStore, Queries } from './store';

/**
 * The embedded engine: the vault's one SQLCipher connection (opened, keyed and
 * configured by `sqlcipher/connection.ts`) behind the data layer's interface.
 * The folder `sqlcipher/` beside this file holds the engine's synchronous
 * modules: the connection, and the vault's own tables that unlock and other
 * code's transactions read and write at once on it.
 *
 * Kysely's SQLite driver holds the single connection behind a mutex: a
 * transaction keeps it from BEGIN to COMMIT or ROLLBACK, and every other query
 * or transaction of this store waits for it. There is one store per connection
 * (kept here), so every caller shares that mutex.
 *
 * During the move to the data layer, code not yet converted keeps using the
 * same connection synchronously (`session.db`). The rule that keeps the two
 * from mixing: a transaction's body awaits only the data layer (no file I/O,
 * dialogs or timers; do those before or after), so it runs to its end within
 * one turn of the event loop and no other call's synchronous code can run
 * inside it. Synchronous helpers called from inside the body on the same
 * connection (`appendAudit(session.db, …)`) write within the transaction and
 * roll back with it.
 */
const stores = new WeakMap<Db, DataStore>();
const inTransaction = new AsyncLocalStorage<Db>();

export function embeddedStore(db: Db): DataStore {
  const known = stores.get(db);
  if (known !== undefined) return known;
  // Never destroyed: the driver's destroy() would close the connection, which
  // belongs to the vault session (closed, with its keys zeroed, at lock).
  const kysely: Queries = new Kysely<Database>({ dialect: new SqliteDialect({ database: preparedOnce(db) }) });
  const refuseInside = (what: string): void => {
    if (inTransaction.getStore() === db) throw new AppError('internal', `${what} was started inside a transaction of the same vault; use the transaction's own queries.`);
  };
  const store: DataStore = {
    get q() {
      refuseInside('A query outside the transaction');
      return kysely;
    },
    transaction: async (work) => {
      refuseInside('A second transaction');
      try {
        return await kysely.transaction().execute((tx) => inTransaction.run(db, () => work(tx)));
      } catch (error) {
        throw busyAsConflict(error);
      }
    },
  };
  stores.set(db, store);
  return store;
}

/** What Kysely's SQLite driver sends to begin a transaction. */
const KYSELY_BEGIN = 'begin';
/**
 * How the store begins one instead: with the write lock taken at BEGIN. A
 * transaction reads, then writes; begun deferred, it reads from the snapshot of
 * that moment, and when another program (the command line, a second window)
 * commits before its first write, SQLite cannot move it to the new snapshot and
 * fails it at once as "database is locked". Begun IMMEDIATE it waits for the
 * other program's transaction to end (busy_timeout) and then reads what that
 * one wrote, so a stale form is told from a fresh one by the row versions.
 */
const BEGIN_WRITE = 'BEGIN IMMEDIATE';

/** SQLite's "busy" (another program held the vault's write lock past busy_timeout) as the conflict it is for the user; other errors as they are. */
function busyAsConflict(error: unknown): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
    return new AppError('conflict', 'Another Offramp program is writing to this vault (the command line, or Offramp in another window) and did not finish in time. Nothing was changed: try again in a moment.');
  }
  return error;
}

/**
 * The connection as Kysely's driver sees it, keeping the statements it prepares:
 * the driver prepares every query afresh, and a write whose triggers keep the
 * search index up to date costs more to prepare than to run. The texts last
 * used are kept (at most `keep`; a text is a query's shape, its values are
 * parameters). Nothing here iterates a statement, so a kept one is never busy.
 */
function preparedOnce(db: Db, keep = 256): SqliteDatabase {
  const kept = new Map<string, SqliteStatement>();
  return {
    prepare(text) {
      const sql = text === KYSELY_BEGIN ? BEGIN_WRITE : text;
      let prepared = kept.get(sql);
      if (prepared === undefined) {
        prepared = db.prepare(sql);
        if (kept.size >= keep) kept.delete(kept.keys().next().value ?? '');
        kept.set(sql, prepared);
      }
      return prepared;
    },
    close: () => db.close(),
  };
}

/*
 * The embedded engine's own upkeep, run synchronously on the vault's connection
 * outside any transaction: FTS5's segment merges and optimize (the full-text
 * index is engine-specific, see schema.ts) and SQLite's WAL checkpoints. Called
 * by vault/maintenance.ts when idle and at lock, and by disposition after a purge.
 */

/** Whether this database has the full-text index (a vault before migration 0012 has none). */
export function hasSearchIndex(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_fts'").get() !== undefined;
}

/** Merges up to about `pages` pages of the index's segments; nothing when there is no index. */
export function mergeSearchIndex(db: Db, pages: number): void {
  if (hasSearchIndex(db)) db.prepare("INSERT INTO search_fts (search_fts, rank) VALUES ('merge', ?)").run(pages);
}

/**
 * Removes every trace of deleted rows from the index: merges all its segments
 * into one that holds no deleted entry.
 */
export function optimizeSearchIndex(db: Db): void {
  db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
}

/** A WAL checkpoint: PASSIVE never waits for readers; TRUNCATE moves the whole log into the database and empties it. */
export function checkpointLog(db: Db, mode: 'PASSIVE' | 'TRUNCATE'): void {
  db.pragma(`wal_checkpoint(${mode})`);
}
