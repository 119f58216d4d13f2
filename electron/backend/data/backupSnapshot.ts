import type { Selectable } from 'kysely';
import type { Db } from '../vault/database';
import type { Database } from './schema';

/**
 * What a backup reads from a database (the pinned snapshot, a staged copy, or
 * the copy written to the medium) and the engine's own steps of taking the
 * snapshot. Synchronous on purpose: the snapshot is taken under the keyslot
 * header's lock, and each of these runs on a connection of its own (a reader
 * opened for the snapshot, or the backup's copy) or, for the checkpoint and
 * VACUUM INTO, on the vault's connection outside any transaction.
 */

/** The last event of the audit log: its number and hash. */
export type AuditHead = Pick<Selectable<Database['audit_events']>, 'seq' | 'hash'>;

/** The last event of the audit log; undefined while the log is empty. */
export function lastAuditEvent(db: Db): AuditHead | undefined {
  return db.prepare<[], AuditHead>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get();
}

/** How many cases the database holds. */
export function caseCount(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM cases').get()?.n ?? 0;
}

/** The database's size as SQLite sees it: its pages × the page size. */
export function databaseBytes(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT c.page_count * s.page_size AS n FROM pragma_page_count() c, pragma_page_size() s').get()?.n ?? 0;
}

/**
 * Opens a read transaction on `db`; its first read pins the snapshot it sees
 * (WAL mode: later commits stay in the log while it lives).
 */
export function beginRead(db: Db): void {
  db.exec('BEGIN');
}

/** Ends the read transaction begun by beginRead. */
export function endRead(db: Db): void {
  db.exec('ROLLBACK');
}

/** Writes a consistent copy of the database to `path` (a bound value, never part of the SQL text). */
export function vacuumInto(db: Db, path: string): void {
  db.prepare('VACUUM INTO ?').run(path);
}
