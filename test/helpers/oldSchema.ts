import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databasePath, openDatabase, type Db } from '../../electron/backend/vault/database';
import { createDatabaseAtSchema } from '../../electron/backend/vault/migrations/freshDatabase.test-helper';
import { sessionDatabaseKey } from '../../electron/backend/vault/vault';
import type { TestVault } from './vault';

/**
 * Turns a test vault into one an older Offramp wrote: a new database under the
 * same key is built at schema `version` by the migration tests' shared helper
 * (the registry's migrations up to that version), and every row of the live
 * vault that the older schema has room for is copied into it (columns the older
 * schema lacks are left behind, as that version never wrote them). The file then
 * replaces the vault's database, and the live session is closed. No migration is
 * reversed by hand: the older schema is exactly what the registry builds.
 * Returns the old database, open, and the key that opens it (zero it after use).
 */
export function rebuildAtSchema(vault: TestVault, version: number): { db: Db; key: Buffer } {
  const key = sessionDatabaseKey(vault.session);
  const live = vault.session.db;
  const scratch = mkdtempSync(join(tmpdir(), 'offramp-old-schema-'));
  const oldPath = join(scratch, 'offramp.db');
  const old = createDatabaseAtSchema(oldPath, key, version);
  try {
    old.pragma('foreign_keys = OFF');
    const tables = old
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE 'case_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    old.transaction(() => {
      for (const table of tables) {
        const liveColumns = new Set((live.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
        const columns = (old.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name).filter((c) => liveColumns.has(c));
        if (columns.length === 0) continue;
        const list = columns.map((c) => `"${c}"`).join(', ');
        const insert = old.prepare(`INSERT INTO "${table}" (${list}) VALUES (${columns.map(() => '?').join(', ')})`);
        for (const row of live.prepare(`SELECT ${list} FROM "${table}"`).raw().iterate() as IterableIterator<unknown[]>) insert.run(...row);
      }
    })();
    old.pragma('foreign_keys = ON');
    const broken = old.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) throw new Error(`the schema-${version} copy has ${broken.length} dangling references`);
    old.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    old.close();
  }
  vault.session.close();
  const path = databasePath(vault.dir);
  for (const suffix of ['-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  renameSync(oldPath, path);
  rmSync(scratch, { recursive: true, force: true });
  return { db: openDatabase(path, key), key };
}
