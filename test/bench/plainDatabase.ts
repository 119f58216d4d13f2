import Database from 'better-sqlite3-multiple-ciphers';
import { configureConnection, type Db } from '../../electron/backend/vault/database';
import { migrate } from '../../electron/backend/vault/migrations';

/**
 * The unencrypted twin of a vault database, for the benchmark only: the same
 * migrations and connection settings, no key. Offramp itself never writes one.
 */
export function openPlainDatabase(path: string, options: { create?: boolean; readonly?: boolean } = {}): Db {
  const db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: !(options.create ?? false) });
  try {
    configureConnection(db, options);
    if (!(options.readonly ?? false)) migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
