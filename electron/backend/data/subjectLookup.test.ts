import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { embeddedStore } from './sqlcipher';
import { subjectCases } from './subjectLookup';

const freshDb = freshDatabases('offramp-data-lookup-');

describe('subject lookup in the data layer', () => {
  it('reads every case with its subject for the program manager, and only a viewer’s own (led or on the team) for anyone else, by number', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c3', { number: 'OR-2026-0003', assignedTo: 'ana', realName: 'Ted Marlow', employeeId: 'E-10442' });
    await insertBareCase(q, 'c1', { number: 'OR-2026-0001', assignedTo: 'bo', realName: 'Mona Patel' });
    await insertBareCase(q, 'c2', { number: 'OR-2026-0002', assignedTo: null, status: 'closed' });
    await q.insertInto('case_members').values({ case_id: 'c2', user_name: 'ana' }).execute();

    expect(await subjectCases(q, null)).toEqual([
      { caseId: 'c1', number: 'OR-2026-0001', title: 'Case c1', status: 'open', subjectDisplayId: 'SUBJ-c1', realName: 'Mona Patel', employeeId: '' },
      { caseId: 'c2', number: 'OR-2026-0002', title: 'Case c2', status: 'closed', subjectDisplayId: 'SUBJ-c2', realName: 'Pat Doe', employeeId: '' },
      { caseId: 'c3', number: 'OR-2026-0003', title: 'Case c3', status: 'open', subjectDisplayId: 'SUBJ-c3', realName: 'Ted Marlow', employeeId: 'E-10442' },
    ]);
    expect((await subjectCases(q, 'ana')).map((c) => c.caseId)).toEqual(['c2', 'c3']);
    expect((await subjectCases(q, 'bo')).map((c) => c.caseId)).toEqual(['c1']);
    expect(await subjectCases(q, 'nobody')).toEqual([]);
  });

  it('refuses a case whose stored status Offramp does not know as an integrity error', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1', { status: 'archived' });
    await expect(subjectCases(q, null)).rejects.toMatchObject({ code: 'integrity' });
    await expect(subjectCases(q, null)).rejects.toThrow(/OR-2026-c1 .*unknown status/);
  });
});
