import type { Queries } from './store';

/**
 * For the data layer's own tests: a case (with its subject) written straight
 * into a migrated vault, with only the columns a case must have, so the tables
 * that hang off a case can be tested without going through intake.
 */
export async function insertBareCase(q: Queries, id: string, fields: { number?: string; status?: string; assignedTo?: string | null; realName?: string; employeeId?: string } = {}): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  await q.insertInto('subjects').values({ id: `s-${id}`, display_id: `SUBJ-${id}`, real_name: fields.realName ?? 'Pat Doe', employee_id: fields.employeeId ?? '', created_at: at }).execute();
  await q
    .insertInto('cases')
    .values({ id, number: fields.number ?? `OR-2026-${id}`, subject_id: `s-${id}`, title: `Case ${id}`, program: 'dod', status: fields.status ?? 'open', risk: 'low', assigned_to: fields.assignedTo ?? null, created_by: 'pm', created_at: at, updated_at: at, last_activity_at: at })
    .execute();
}
