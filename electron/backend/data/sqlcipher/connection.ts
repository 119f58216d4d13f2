import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../../../../shared/contract';

/**
 * The embedded engine's connection: opening a vault's SQLCipher database with
 * its raw key, the pragmas every connection gets, the rekey, and the few
 * statements that lock or copy the whole file. The key is only ever passed to
 * the engine inside a pragma on this connection: never logged, never in an
 * error message, never on a command line.
 */
export type Db = Database.Database;

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * The prepared statement of `sql` on this connection, prepared once and kept
 * for the connection's life: for the statements every change runs (the audit
 * append, a case's activity time), where preparing again each time costs more
 * than running them. Only for get, run and all (an iterating caller would hold
 * the one statement busy), and never with its mode changed (pluck, raw).
 */
export function statement(db: Db, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (byText === undefined) {
    byText = new Map();
    statements.set(db, byText);
  }
  let prepared = byText.get(sql);
  if (prepared === undefined) {
    prepared = db.prepare(sql);
    byText.set(sql, prepared);
  }
  return prepared;
}

function keyPragma(key: Buffer): string {
  if (key.length !== 32) throw new AppError('internal', 'A database key has 256 bits.');
  return `"x'${key.toString('hex')}'"`;
}

/** Selects SQLCipher 4 as the on-disk format, for this connection. */
function useSqlcipher4(db: Db): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
}

/**
 * Opens (or creates) the encrypted database with its raw 256-bit key. A wrong key
 * shows as "file is not a database" on reading page 1: reported as auth_failed; a
 * damaged later page of the schema, with page 1 opening, is an integrity error.
 */
export function openDatabase(path: string, key: Buffer, options: { readonly?: boolean; create?: boolean } = {}): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: !(options.create ?? false) });
  try {
    useSqlcipher4(db);
    db.pragma(`key = ${keyPragma(key)}`);
    try {
      // Page 1 alone: a wrong key fails here.
      db.pragma('user_version', { simple: true });
    } catch {
      throw new AppError('auth_failed', 'The key does not open this vault.');
    }
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      // Page 1 opened, so the key is right: a later schema page is damaged.
      throw new AppError('integrity', 'The vault database is damaged: a page of its schema fails its authentication check.');
    }
    configureConnection(db, options);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The connection settings every vault database gets. Exported so the benchmark
 * opens its unencrypted twin with exactly the same settings.
 */
export function configureConnection(db: Db, options: { readonly?: boolean } = {}): void {
  if (!options.readonly) {
    // WAL for concurrent reads and crash safety; FULL so every committed
    // transaction survives a crash or power loss (records must be accountable).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    // Checkpoints run when idle and at lock (vault/maintenance.ts), never
    // inside a user's commit.
    db.pragma('wal_autocheckpoint = 0');
  }
  // Deleted content is overwritten, and temporary tables and indices never touch
  // the disk in plaintext.
  db.pragma('secure_delete = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Re-encrypts the database under a new key. PRAGMA rekey cannot run in WAL mode,
 * so the journal is switched to DELETE for the moment of the rekey, then back.
 */
export function rekeyDatabase(db: Db, newKey: Buffer): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    db.pragma(`rekey = ${keyPragma(newKey)}`);
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

/**
 * Re-encrypts a copy of the database (made by VACUUM INTO, under the current
 * key) under a new key, lets `write` add to it, and closes it with its content
 * on disk (fsync). The copy is a file nobody else opens, so its rollback journal
 * only has to keep it readable; an interrupted copy is thrown away.
 */
export function reencryptCopy(path: string, currentKey: Buffer, newKey: Buffer, write: (db: Db) => void): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    useSqlcipher4(db);
    db.pragma(`key = ${keyPragma(currentKey)}`);
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    db.pragma(`rekey = ${keyPragma(newKey)}`);
    write(db);
  } finally {
    db.close();
  }
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A SQLite error that means the file itself is damaged (a page that fails its
 * authentication check, a malformed b-tree), as an integrity failure with a plain
 * message; null for any other error.
 */
export function damagedDatabase(error: unknown): AppError | null {
  if (!(error instanceof Database.SqliteError)) return null;
  if (!/^SQLITE_(CORRUPT|NOTADB)/.test(error.code)) return null;
  return new AppError('integrity', `The vault's database is damaged (${error.message}). Restore it from a backup.`);
}

const integrityRows = z.array(z.object({ integrity_check: z.string() }));

/** PRAGMA integrity_check; returns the problems found (empty when the file is sound). */
export function integrityProblems(db: Db): string[] {
  // The driver's rows are untyped: checked, not assumed.
  const rows = integrityRows.safeParse(db.pragma('integrity_check'));
  if (!rows.success) throw new Error('PRAGMA integrity_check answered with rows of an unexpected shape.');
  return rows.data.map((r) => r.integrity_check).filter((r) => r !== 'ok');
}

/**
 * Runs `work` in a transaction that takes the write lock at once (BEGIN
 * IMMEDIATE): committed when it returns, rolled back when it throws (the error
 * is passed on). `work` may do file I/O (write the keyslot header) before the
 * commit, which is why this is not the data layer's asynchronous transaction.
 */
export function immediateTransaction(db: Db, work: () => void): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    work();
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/** Takes the database's write lock on this connection (BEGIN IMMEDIATE), so nothing else commits until releaseWriteLock. */
export function holdWriteLock(db: Db): void {
  db.exec('BEGIN IMMEDIATE');
}

/** Gives the write lock of holdWriteLock back; nothing was written under it. */
export function releaseWriteLock(db: Db): void {
  db.exec('ROLLBACK');
}

/** A consistent copy of the whole database into a new file at `path`, under the same key (VACUUM INTO). */
export function vacuumInto(db: Db, path: string): void {
  db.prepare('VACUUM INTO ?').run(path);
}
