import { describe, expect, it } from 'vitest';
import { migrate } from '../vault/migrations';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { insertBareCase } from './bareCase.test-helper';
import { actionsToCheck } from './caseItems';
import { recordingQueries } from './queryPlans.test-helper';
import type { Queries } from './store';

const freshDb = freshDatabases('offramp-data-items-');

async function insertAction(q: Queries, caseId: string, id: string, status: string, by: string, signedBy: string | null = null): Promise<void> {
  const at = '2026-01-02T00:00:00.000Z';
  await q
    .insertInto('actions')
    .values({ id, case_id: caseId, option_id: 'counseling', owner_discipline: 'hr', status, legal_signoff_by: signedBy, legal_signoff_at: signedBy === null ? null : at, created_by: by, created_at: at, updated_at: at })
    .execute();
}

describe('the actions a bulk step checks', () => {
  it('reads each selected action with its case’s status and number, in one query, and leaves out an action named with another case', async () => {
    const db = freshDb();
    migrate(db);
    const { q, ran } = recordingQueries(db);
    await insertBareCase(q, 'c1', { number: 'OR-2026-0001' });
    await insertBareCase(q, 'c2', { number: 'OR-2026-0002', status: 'closed' });
    await insertAction(q, 'c1', 'a1', 'proposed', 'ana');
    await insertAction(q, 'c1', 'a2', 'legal_review', 'bo', 'lee');
    await insertAction(q, 'c2', 'a3', 'proposed', 'cy');
    ran.length = 0;
    const found = await actionsToCheck(q, [
      { caseId: 'c1', actionId: 'a1' },
      { caseId: 'c1', actionId: 'a2' },
      { caseId: 'c2', actionId: 'a3' },
      { caseId: 'c2', actionId: 'a1' },
      { caseId: 'c1', actionId: 'none' },
    ]);
    expect(ran).toHaveLength(1);
    expect([...found.keys()].sort()).toEqual(['c1/a1', 'c1/a2', 'c2/a3']);
    expect(found.get('c1/a1')).toEqual({ caseId: 'c1', actionId: 'a1', status: 'proposed', createdBy: 'ana', legalSignoffBy: null, caseStatus: 'open', caseNumber: 'OR-2026-0001' });
    expect(found.get('c1/a2')).toMatchObject({ status: 'legal_review', createdBy: 'bo', legalSignoffBy: 'lee' });
    expect(found.get('c2/a3')).toMatchObject({ caseStatus: 'closed', caseNumber: 'OR-2026-0002' });
    expect(await actionsToCheck(q, [])).toEqual(new Map());
  });
});
