import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { caseAccessFacts } from './caseAccess';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-access-');

describe('what the permission check reads of a case', () => {
  it('gives the lead and a user’s role on the team, and null for a case that does not exist', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1', { assignedTo: 'ana' });
    await insertBareCase(q, 'c2');
    await q.insertInto('case_members').values({ case_id: 'c1', user_name: 'bo', case_role: 'legal' }).execute();
    expect(caseAccessFacts(db, 'c1', 'bo')).toEqual({ lead: 'ana', caseRole: 'legal' });
    expect(caseAccessFacts(db, 'c1', 'cy')).toEqual({ lead: 'ana', caseRole: null });
    expect(caseAccessFacts(db, 'c2', 'bo')).toEqual({ lead: null, caseRole: null });
    expect(caseAccessFacts(db, 'nope', 'bo')).toBeNull();
  });
});
