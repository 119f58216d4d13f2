import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import type { ColumnInfo } from './postgres/schema';
import { ENGINE_TABLES, tables, type ColumnSpec } from './schema';

const freshDb = freshDatabases('offramp-data-schema-');


/** How `schema.ts` writes a column the migrated vault describes. */
function specOf(column: ColumnInfo, primaryKeyColumns: number): string {
  const storage = column.type.toLowerCase();
  if (column.pk === 1 && primaryKeyColumns === 1 && storage === 'integer' && column.notnull === 0) return `${storage}+`;
  if (column.dflt_value !== null) return `${storage}=`;
  if (column.notnull === 0) return `${storage}?`;
  return storage;
}

describe('the data layer schema', () => {
  it('names every table and column of a vault migrated to the latest version, with its storage class, NULLs and defaults', () => {
    const db = freshDb();
    migrate(db);
    const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect([...Object.keys(tables), ...ENGINE_TABLES].sort()).toEqual(names);

    const mapped: Record<string, Record<string, string>> = {};
    for (const name of Object.keys(tables)) {
      const columns = db.prepare('SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_xinfo(?)').all(name) as ColumnInfo[];
      const keys = columns.filter((c) => c.pk > 0).length;
      mapped[name] = Object.fromEntries(columns.map((c) => [c.name, specOf(c, keys)]));
    }
    const declared: Record<string, Record<string, ColumnSpec>> = tables;
    expect(declared).toEqual(mapped);
  });

  it('declares the columns in the order the migrations create them', () => {
    const db = freshDb();
    migrate(db);
    for (const [name, columns] of Object.entries(tables)) {
      const order = (db.prepare('SELECT name FROM pragma_table_xinfo(?)').all(name) as { name: string }[]).map((r) => r.name);
      expect({ name, columns: Object.keys(columns) }).toEqual({ name, columns: order });
    }
  });
});
