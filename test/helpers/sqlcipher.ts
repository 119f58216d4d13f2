import sqlcipher from '@journeyapps/sqlcipher';

/**
 * Standard SQLCipher 4 tooling, independent of the library the app uses: the
 * recovery key must open the vault's database with it, as an administrator would
 * with the sqlcipher shell.
 */
export interface ForeignDb {
  get<T>(sql: string, ...params: (string | number)[]): Promise<T | undefined>;
  all<T>(sql: string, ...params: (string | number)[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

function openRaw(path: string): Promise<sqlcipher.Database> {
  return new Promise((resolve, reject) => {
    const db: sqlcipher.Database = new sqlcipher.Database(path, sqlcipher.OPEN_READWRITE, (error) => (error ? reject(error) : resolve(db)));
  });
}

function wrap(db: sqlcipher.Database): ForeignDb {
  return {
    get: <T>(sql: string, ...params: (string | number)[]) =>
      new Promise<T | undefined>((resolve, reject) => {
        db.get(sql, params, (error: Error | null, row: T | undefined) => (error ? reject(error) : resolve(row)));
      }),
    all: <T>(sql: string, ...params: (string | number)[]) =>
      new Promise<T[]>((resolve, reject) => {
        db.all(sql, params, (error: Error | null, rows: T[]) => (error ? reject(error) : resolve(rows)));
      }),
    exec: (sql: string) =>
      new Promise<void>((resolve, reject) => {
        db.exec(sql, (error: Error | null) => (error ? reject(error) : resolve()));
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        db.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * Opens a SQLCipher 4 database the documented way: `PRAGMA cipher_compatibility = 4`,
 * then `PRAGMA key = "x'<64 hex digits>'"` with the recovery key's digits. Rejects
 * (and closes) when the key does not open it.
 */
export async function openWithSqlcipherTool(path: string, recoveryKey: string): Promise<ForeignDb> {
  const hex = recoveryKey.replace(/[\s:-]/g, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error('not a recovery key');
  const db = wrap(await openRaw(path));
  try {
    // A refused key is the expected answer in some tests; keep the library quiet about it.
    await db.exec('PRAGMA cipher_log_level = NONE');
    await db.exec('PRAGMA cipher_compatibility = 4');
    await db.exec(`PRAGMA key = "x'${hex}'"`);
    await db.get('SELECT count(*) AS n FROM sqlite_master');
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
