import { AppError } from '../../../shared/contract';
import { caseStatusSchema, type CaseStatus } from '../../../shared/model/caseRecord';
import { visibleCases } from './caseVisibility';
import type { Queries } from './store';

/**
 * The one read of subject lookup (services/subjectLookup.ts): every case a
 * viewer may see with its subject's real name and employee id, for the service
 * to match in memory (exactly, after normalization; never in SQL, so no index
 * or LIKE ever holds what was typed).
 */
export interface SubjectCase {
  caseId: string;
  number: string;
  title: string;
  status: CaseStatus;
  subjectDisplayId: string;
  realName: string;
  employeeId: string;
}

/**
 * `viewer` null: every case; a name: only the cases that person leads or is on
 * the team of (who sees every case is the service's decision). By case number.
 */
export async function subjectCases(q: Queries, viewer: string | null): Promise<SubjectCase[]> {
  let query = q
    .selectFrom('cases as c')
    .innerJoin('subjects as s', 's.id', 'c.subject_id')
    .select(['c.id', 'c.number', 'c.title', 'c.status', 's.display_id', 's.real_name', 's.employee_id'])
    .orderBy('c.number');
  if (viewer !== null) query = query.where(visibleCases(viewer));
  const rows = await query.execute();
  return rows.map((r) => {
    const status = caseStatusSchema.safeParse(r.status);
    if (!status.success) throw new AppError('integrity', `Case ${r.number} in the vault has an unknown status.`);
    return { caseId: r.id, number: r.number, title: r.title, status: status.data, subjectDisplayId: r.display_id, realName: r.real_name, employeeId: r.employee_id };
  });
}
