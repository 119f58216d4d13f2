import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../database';

/**
 * For a migration's own test: a new, empty encrypted database per call (the test
 * migrates it to n−1, inserts, migrates to n), closed and removed after each test.
 * Used by the migration tests beside it and the data layer's tests; nothing in the app imports it.
 */
export function freshDatabases(prefix: string): () => Db {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'offramp.db'), randomBytes(32), { create: true });
    dbs.push(db);
    return db;
  };
}
