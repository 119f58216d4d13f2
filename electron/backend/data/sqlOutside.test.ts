import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import allowlist from './sqlOutside.allowlist.json';

/**
 * The ratchet of the move to the data layer: product code outside
 * electron/backend/data/ (and the migrations) holds no SQL text and imports
 * neither the database driver nor the SQL library. Files that still do are
 * listed in sqlOutside.allowlist.json, which may only shrink: a new file with SQL
 * fails, and so does a listed file that no longer has any (take it off the list).
 */
const root = join(__dirname, '../../..');
const scanned = ['electron', 'shared', 'renderer'];
const exempt = [/^electron\/backend\/data\//, /^electron\/backend\/vault\/migrations\//, /\.test\.tsx?$/, /\.test-helper\.ts$/];

const SQL = /\b(SELECT\s+[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER|VIRTUAL)|DROP\s+(TABLE|INDEX|TRIGGER)|VACUUM\b|BEGIN(\s+(IMMEDIATE|EXCLUSIVE|DEFERRED))?(\s+TRANSACTION)?\s*['"`;]|PRAGMA\s)|\.(prepare|pragma|exec)\(/;
const DRIVER = /from\s+['"](better-sqlite3(-multiple-ciphers)?|kysely)['"]|require\(['"](better-sqlite3(-multiple-ciphers)?|kysely)['"]\)/;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

export function filesWithSql(): string[] {
  return scanned
    .flatMap((dir) => files(join(root, dir)))
    .map((path) => ({ path, name: relative(root, path).split('\\').join('/') }))
    .filter(({ name }) => !exempt.some((re) => re.test(name)))
    .filter(({ path }) => {
      const text = readFileSync(path, 'utf8');
      return SQL.test(text) || DRIVER.test(text);
    })
    .map(({ name }) => name)
    .sort();
}

describe('SQL stays in the data layer', () => {
  const found = filesWithSql();
  it('finds no new file with SQL text or a driver import outside electron/backend/data/', () => {
    expect(found.filter((f) => !allowlist.includes(f))).toEqual([]);
  });
  it('lists no file that has become clean (the list only shrinks)', () => {
    expect(allowlist.filter((f) => !found.includes(f))).toEqual([]);
  });
  it('recognises SQL text and driver imports', () => {
    expect(SQL.test("db.prepare('SELECT id FROM cases')")).toBe(true);
    expect(SQL.test('INSERT OR IGNORE INTO case_tags')).toBe(true);
    expect(DRIVER.test("import Database from 'better-sqlite3-multiple-ciphers';")).toBe(true);
    expect(DRIVER.test("import { Kysely } from 'kysely';")).toBe(true);
    expect(SQL.test('Select the case to open.')).toBe(false);
    expect(SQL.test("'BEGIN IMMEDIATE'")).toBe(true);
    expect(SQL.test("'-----BEGIN PUBLIC KEY-----'")).toBe(false);
  });
});
