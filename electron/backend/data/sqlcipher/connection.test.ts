import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/contract';
import { damagedDatabase, holdWriteLock, immediateTransaction, integrityProblems, openDatabase, rekeyDatabase, releaseWriteLock, statement, vacuumInto, type Db } from './connection';

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'offramp-data-connection-'));
  dirs.push(dir);
  return dir;
}

function opened(path: string, key: Buffer, options: { readonly?: boolean; create?: boolean } = {}): Db {
  const db = openDatabase(path, key, options);
  open.push(db);
  return db;
}

const errorOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return null;
};

describe('the embedded engine’s connection', () => {
  it('opens a new database under its key with the vault’s settings, and refuses a wrong or short key', () => {
    const path = join(folder(), 'offramp.db');
    const key = randomBytes(32);
    const db = opened(path, key, { create: true });
    db.exec('CREATE TABLE t (x TEXT)');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(integrityProblems(db)).toEqual([]);
    db.close();
    const wrong = errorOf(() => opened(path, randomBytes(32)));
    expect(wrong).toBeInstanceOf(AppError);
    expect(wrong).toMatchObject({ code: 'auth_failed' });
    expect(() => opened(path, randomBytes(16))).toThrow(/256 bits/);
    expect(() => opened(join(folder(), 'none.db'), key)).toThrow();
    const readonly = opened(path, key, { readonly: true });
    expect(readonly.readonly).toBe(true);
    expect(readonly.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
  });

  it('rekeys in place, so only the new key opens the file, and the log is back in WAL mode', () => {
    const path = join(folder(), 'offramp.db');
    const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
    const db = opened(path, oldKey, { create: true });
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('kept')");
    rekeyDatabase(db, newKey);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(() => opened(path, oldKey)).toThrow(/does not open/);
    expect(opened(path, newKey).prepare('SELECT x FROM t').get()).toEqual({ x: 'kept' });
  });

  it('commits an immediate transaction when its work returns and rolls it back when it throws', () => {
    const db = opened(join(folder(), 'offramp.db'), randomBytes(32), { create: true });
    db.exec('CREATE TABLE t (x TEXT)');
    immediateTransaction(db, () => db.prepare("INSERT INTO t VALUES ('a')").run());
    expect(() =>
      immediateTransaction(db, () => {
        db.prepare("INSERT INTO t VALUES ('b')").run();
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT x FROM t').all()).toEqual([{ x: 'a' }]);
  });

  it('holds the write lock against a second connection, and copies the whole file under the same key', () => {
    const dir = folder();
    const key = randomBytes(32);
    const db = opened(join(dir, 'offramp.db'), key, { create: true });
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('a')");
    const guard = opened(join(dir, 'offramp.db'), key);
    guard.pragma('busy_timeout = 0');
    holdWriteLock(guard);
    db.pragma('busy_timeout = 0');
    expect(() => db.prepare("INSERT INTO t VALUES ('b')").run()).toThrow(/locked|busy/i);
    vacuumInto(db, join(dir, 'copy.db'));
    releaseWriteLock(guard);
    db.prepare("INSERT INTO t VALUES ('b')").run();
    expect(opened(join(dir, 'copy.db'), key).prepare('SELECT x FROM t').all()).toEqual([{ x: 'a' }]);
  });

  it('keeps one prepared statement per connection and text, and names a damaged file an integrity failure', () => {
    const db = opened(join(folder(), 'offramp.db'), randomBytes(32), { create: true });
    expect(statement(db, 'SELECT 1 AS one')).toBe(statement(db, 'SELECT 1 AS one'));
    expect(damagedDatabase(new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT'))?.code).toBe('integrity');
    expect(damagedDatabase(new Database.SqliteError('file is not a database', 'SQLITE_NOTADB'))?.code).toBe('integrity');
    expect(damagedDatabase(errorOf(() => db.prepare('SELECT nothing FROM nowhere')))).toBeNull();
    expect(damagedDatabase(new Error('other'))).toBeNull();
  });

  it('lists the problems integrity_check finds: an index that no longer matches its table', () => {
    const path = join(folder(), 'offramp.db');
    const key = randomBytes(32);
    const db = opened(path, key, { create: true });
    db.exec("CREATE TABLE t (a TEXT, b TEXT); CREATE INDEX t_a ON t(a); INSERT INTO t VALUES ('1', 'x'), ('2', 'y')");
    expect(integrityProblems(db)).toEqual([]);
    // The index's definition rewritten behind SQLite's back: its entries are a's, the schema now says b's.
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX t_a ON t(b)' WHERE name = 't_a'").run();
    db.close();
    const problems = integrityProblems(opened(path, key));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(/t_a/);
  });
});
