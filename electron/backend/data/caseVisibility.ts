import { expressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database } from './schema';

/**
 * Need-to-know, written once: the condition that keeps only the cases a viewer
 * may see (the cases that person leads or is on the team of), used by every
 * query that lists or counts cases (the case list, home, the work queue,
 * subject lookup). Who gets which condition (the program manager none: every
 * case) is decided in services/access.ts (`caseViewer`).
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
