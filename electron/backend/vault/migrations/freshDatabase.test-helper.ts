import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../database';
import { migrate, migrations, schemaVersion } from './index';
import type { Migration } from './types';

/** The schema version just before `migration` in the registry (0 before the first): where its own test starts. */
export function versionBefore(migration: Migration): number {
  const at = migrations.indexOf(migration);
  if (at < 0) throw new Error(`migration ${migration.version} (${migration.name}) is not in the registry`);
  return migrations[at - 1]?.version ?? 0;
}

/**
 * A new encrypted database at `path` under `key`, at exactly schema `version`:
 * built by the registry's own migrations up to that version, so it is the schema
 * an Offramp of that version wrote, never a later one taken apart by hand.
 * `version` is 0 (empty) or a version in the registry.
 */
export function createDatabaseAtSchema(path: string, key: Buffer, version: number): Db {
  if (version !== 0 && !migrations.some((m) => m.version === version)) {
    throw new Error(`schema ${version} is not a version in the migration registry (${migrations.map((m) => m.version).join(', ')})`);
  }
  const db = openDatabase(path, key, { create: true });
  try {
    if (schemaVersion(db) !== 0) throw new Error(`${path} already holds a schema-${schemaVersion(db)} database`);
    migrate(db, version);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * For a migration's own test and any test that needs an older vault database: a
 * new encrypted database per call at schema `version` (default 0, empty), under a
 * random key, closed and removed after each test. Nothing in the app imports it.
 */
export function freshDatabases(prefix: string): (version?: number) => Db {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (version = 0) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    const db = createDatabaseAtSchema(join(dir, 'offramp.db'), randomBytes(32), version);
    dbs.push(db);
    return db;
  };
}
