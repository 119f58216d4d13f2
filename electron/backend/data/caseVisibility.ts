import { DummyDriver, expressionBuilder, Kysely, sql, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Expression, type SqlBool } from 'kysely';
import type { Database } from './schema';

/**
 * Need-to-know, written once: the condition that keeps only the cases a viewer
 * may see (the cases that person leads or is on the team of). Who gets which
 * condition (the program manager none: every case) is decided in
 * services/access.ts.
 */

type CaseScope = { c: Database['cases']; case_members: Database['case_members'] };

/**
 * The condition on `cases` aliased `c`, for a query of the data layer:
 * `q.selectFrom('cases as c')….where(visibleCases(viewer))`.
 */
export function visibleCases(viewer: string | Expression<string>): Expression<SqlBool> {
  const eb = expressionBuilder<CaseScope, 'c'>();
  return eb.or([eb('c.assigned_to', '=', viewer), eb('c.id', 'in', eb.selectFrom('case_members').select('case_id').where('user_name', '=', viewer))]);
}

/**
 * The same condition as SQLite text with the named parameter `@viewer`, for
 * the list and home queries still written as SQL strings on the vault's
 * connection (services/caseList.ts, services/home.ts) until they move here.
 * Compiled from `visibleCases` by Kysely's SQLite compiler (no connection), so
 * the two can never differ.
 */
export const visibleCasesSql: string = (() => {
  const compiler = new Kysely<Database>({
    dialect: { createAdapter: () => new SqliteAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (db) => new SqliteIntrospector(db), createQueryCompiler: () => new SqliteQueryCompiler() },
  });
  const base = compiler.selectFrom('cases as c').select('c.id');
  const whole = base.where(visibleCases(sql<string>`@viewer`)).compile();
  const prefix = `${base.compile().sql} where `;
  if (!whole.sql.startsWith(prefix) || whole.parameters.length !== 0) throw new Error('The case visibility condition did not compile to a WHERE clause of its own.');
  return `(${whole.sql.slice(prefix.length)})`;
})();
