import { sql } from 'kysely';
import type { Queries } from './store';

/**
 * The embedded engine's own check that every reference between rows holds
 * (SQLite's foreign_key_check), for the deep check of a vault. Engine-specific
 * text, so it lives here and nowhere else.
 */
export interface OrphanRow {
  table: string;
  rowid: number;
  parent: string;
}

/** Rows that point to a missing row of another table, at most `limit` of them. */
export async function orphanRows(q: Queries, limit: number): Promise<OrphanRow[]> {
  const { rows } = await sql<OrphanRow>`PRAGMA foreign_key_check`.execute(q);
  return rows.slice(0, limit).map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent }));
}
