import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable, type CompiledQuery, type InferResult } from 'kysely';
import type { Database } from '../schema';
import { statement, type Db } from './connection';

/**
 * Synchronous queries on the vault's connection, for the embedded engine's own
 * modules beside this file: what runs at unlock, and the writes other code makes
 * inside its transactions on the same connection (the audit append). They are
 * built with Kysely, typed by schema.ts like every query of the data layer, and
 * run by the driver at once instead of through the asynchronous store.
 *
 * `build` has no connection: it only compiles. Its SQL is SQLite's, so only this
 * engine's modules use it; the engine-neutral table modules take `Queries`.
 */
export const build = new Kysely<Database>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

type Query = Compilable<unknown> | CompiledQuery<unknown>;

function compiled(query: Query): CompiledQuery<unknown> {
  return 'compile' in query ? query.compile() : query;
}

/** The values SQLite binds. */
export type Bindable = string | number | bigint | Buffer | null;

/**
 * Every row of a select, typed as Kysely infers it from the schema. The
 * statement is prepared once per connection and SQL text (see `statement`).
 *
 * The one cast of the engine's synchronous reads is here: the driver returns
 * untyped rows, and they have the columns and storage classes the compiled
 * query selects, which Kysely's type describes (schema.test.ts keeps schema.ts
 * equal to the migrated tables).
 */
export function allRows<Q extends Query>(db: Db, query: Q): InferResult<Q> {
  const { sql, parameters } = compiled(query);
  return statement(db, sql).all(...parameters) as InferResult<Q>;
}

/**
 * The first row of a select, or undefined when there is none. Give the query
 * its limit as a literal (`.limit(sql.lit(1))`): SQLite runs a statement with a
 * bound LIMIT several times slower, which counts for the reads every change runs.
 */
export function firstRow<Q extends Query>(db: Db, query: Q): InferResult<Q>[number] | undefined {
  const { sql, parameters } = compiled(query);
  // Typed as in allRows.
  return statement(db, sql).get(...parameters) as InferResult<Q>[number] | undefined;
}

/**
 * The rows of a select one at a time, for a read too long to hold at once (the
 * audit log's walk). Its own statement, prepared for this walk only: an
 * iterating statement is busy until the walk ends.
 */
export function* eachRow<Q extends Query>(db: Db, query: Q): Generator<InferResult<Q>[number]> {
  const { sql, parameters } = compiled(query);
  // Typed as in allRows.
  yield* db.prepare(sql).iterate(...parameters) as IterableIterator<InferResult<Q>[number]>;
}

/** Runs an insert, update or delete; returns how many rows it changed. */
export function runWrite(db: Db, query: Query): number {
  const { sql, parameters } = compiled(query);
  return statement(db, sql).run(...parameters).changes;
}

/**
 * A query compiled once and run many times with new values, for the statements
 * every change runs (the audit append), where building and compiling the query
 * each time would cost more than running it. `make` builds the query from
 * placeholders, one per name in `names`; the returned function binds the values
 * given by name where the compiled SQL takes them (a value `make` wrote itself,
 * such as a limit, stays as it was).
 */
export function compileOnce<N extends string, Q extends Compilable<unknown>>(names: readonly N[], make: (values: Record<N, never>) => Q): (values: Record<N, Bindable>) => CompiledQuery<InferOutput<Q>> {
  const placeholders = new Map(names.map((name) => [`\u0000placeholder:${name}`, name]));
  // A placeholder goes where a value of any column's type goes; it is never bound.
  const query: CompiledQuery<InferOutput<Q>> = make(Object.fromEntries([...placeholders].map(([text, name]) => [name, text])) as Record<N, never>).compile();
  const slots = query.parameters.map((p) => (typeof p === 'string' ? placeholders.get(p) : undefined));
  const missing = names.filter((name) => !slots.includes(name));
  if (missing.length > 0) throw new Error(`compileOnce: ${missing.join(', ')} not used by the query`);
  const { sql, queryId, parameters: written } = query;
  const node = query.query;
  return (values) => {
    const parameters: unknown[] = new Array(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const name = slots[i];
      parameters[i] = name === undefined ? written[i] : values[name];
    }
    return { query: node, queryId, sql, parameters };
  };
}

type InferOutput<Q> = Q extends Compilable<infer O> ? O : never;
