import { Kysely, SqliteDialect } from 'kysely';
import type { Db } from '../vault/database';
import type { Database } from './schema';
import type { Queries } from './store';

/** One statement a data-layer function ran: its SQL text and parameters. */
export interface RanStatement {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Queries on `db` that record every statement they run, so a test can call a
 * data-layer function and then read the query plan of each of its statements.
 */
export function recordingQueries(db: Db): { q: Queries; ran: RanStatement[] } {
  const ran: RanStatement[] = [];
  const q = new Kysely<Database>({
    dialect: new SqliteDialect({ database: db }),
    log: (event) => {
      if (event.level === 'query') ran.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  return { q, ran };
}

/** SQLite's EXPLAIN QUERY PLAN of a statement, one detail line per step. */
export function planOf(db: Db, statement: RanStatement): string[] {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${statement.sql}`)
    .all(...statement.parameters)
    .map((r) => (typeof r === 'object' && r !== null && 'detail' in r ? String(r.detail) : ''));
}

/**
 * The steps of a plan that read a whole table or index ("SCAN …"), except
 * those of the tables named in `small` (tables that do not grow with the hub).
 */
export function scansOf(plan: readonly string[], small: readonly string[] = []): string[] {
  return plan.filter((d) => /^SCAN /.test(d) && !small.some((t) => new RegExp(`^SCAN ${t}\\b`).test(d)));
}
