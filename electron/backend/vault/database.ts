import { join } from 'node:path';

/**
 * The vault's database file. Opening it with its key, the connection's pragmas,
 * the rekey and the `Db` connection type belong to the embedded engine
 * (data/sqlcipher/connection.ts) and are re-exported here for the code that
 * reaches them through the vault.
 */
export type { Db } from '../data/sqlcipher/connection';
export { configureConnection, damagedDatabase, integrityProblems, openDatabase, reencryptCopy, rekeyDatabase, statement } from '../data/sqlcipher/connection';

export const DATABASE_FILE = 'offramp.db';

export function databasePath(vaultDir: string): string {
  return join(vaultDir, DATABASE_FILE);
}
