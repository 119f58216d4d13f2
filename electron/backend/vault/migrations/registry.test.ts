import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { createDatabaseAtSchema, versionBefore } from './freshDatabase.test-helper';
import { LATEST_VERSION, migrations, schemaVersion } from './index';

const here = __dirname;
const HELPER_IMPORT = /from '\.\/freshDatabase\.test-helper'/;

/**
 * What keeps a migration from having a test of its own, for the files of a
 * migrations folder: `00NN-name.ts` needs `00NN-name.test.ts` beside it, built on
 * the shared helper (a real encrypted database at the version before it); a test
 * named for a migration that is not there is reported too.
 */
function migrationTestGaps(files: readonly string[], read: (file: string) => string): string[] {
  const sources = files.filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.test-helper.ts'));
  const tests = new Set(files.filter((f) => /^\d{4}-.*\.test\.ts$/.test(f)));
  const gaps: string[] = [];
  for (const source of sources) {
    const test = source.replace(/\.ts$/, '.test.ts');
    if (!tests.has(test)) gaps.push(`${source} has no ${test}`);
    else if (!HELPER_IMPORT.test(read(test))) gaps.push(`${test} does not build its database with freshDatabase.test-helper`);
  }
  for (const test of tests) if (!sources.includes(test.replace(/\.test\.ts$/, '.ts'))) gaps.push(`${test} tests no migration in this folder`);
  return gaps;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'offramp-registry-'));
  dirs.push(dir);
  return dir;
};

describe('the migration registry', () => {
  it('is in strictly increasing order, one file per migration', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    const files = readdirSync(here).filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(versions);
  });

  it('has a test of its own beside every migration (migrate to the version before, insert, migrate, assert)', () => {
    expect(migrationTestGaps(readdirSync(here), (f) => readFileSync(join(here, f), 'utf8'))).toEqual([]);
  });

  it('names a migration without its own test, a test not built on the shared helper, and a test without its migration', () => {
    const files = ['0001-initial.ts', '0001-initial.test.ts', '0002-packets.ts', '0002-packets.test.ts', '0003-retention.ts', '0004-gone.test.ts', 'index.ts', 'registry.test.ts', 'freshDatabase.test-helper.ts'];
    const read = (f: string) => (f === '0002-packets.test.ts' ? "import { openDatabase } from '../database';" : "import { freshDatabases } from './freshDatabase.test-helper';");
    expect(migrationTestGaps(files, read)).toEqual([
      '0002-packets.test.ts does not build its database with freshDatabase.test-helper',
      '0003-retention.ts has no 0003-retention.test.ts',
      '0004-gone.test.ts tests no migration in this folder',
    ]);
  });
});

describe('the shared helper for a vault database at schema k', () => {
  it('builds a real encrypted database at exactly each version of the registry, and each migration’s test starts at the version before it', () => {
    const key = randomBytes(32);
    const dir = scratch();
    let previous = 0;
    for (const migration of migrations) {
      expect(versionBefore(migration)).toBe(previous);
      previous = migration.version;
    }
    for (const version of [0, ...migrations.map((m) => m.version)]) {
      const db = createDatabaseAtSchema(join(dir, `v${version}.db`), key, version);
      try {
        expect(schemaVersion(db)).toBe(version);
      } finally {
        db.close();
      }
    }
    const path = join(dir, `v${LATEST_VERSION}.db`);
    // Encrypted on disk: no SQLite header, and another key does not open it.
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(() => openDatabase(path, randomBytes(32))).toThrow('The key does not open this vault.');
    // It never takes an existing database down or up: a new file only.
    expect(() => createDatabaseAtSchema(path, key, 1)).toThrow(/already holds a schema-\d+ database/);
  });

  it('refuses a version the registry does not have, leaving no database behind', () => {
    const dir = scratch();
    const versions = new Set(migrations.map((m) => m.version));
    const missing = [LATEST_VERSION + 1, -1, ...Array.from({ length: LATEST_VERSION }, (_, i) => i + 1).filter((v) => !versions.has(v))];
    for (const version of missing) {
      expect(() => createDatabaseAtSchema(join(dir, `v${version}.db`), randomBytes(32), version)).toThrow(`schema ${version} is not a version in the migration registry`);
    }
    expect(readdirSync(dir)).toEqual([]);
    expect(() => versionBefore({ version: LATEST_VERSION + 1, name: 'not-registered', up: '' })).toThrow(/not in the registry/);
  });
});
