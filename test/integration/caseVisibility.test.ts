import { afterEach, describe, expect, it } from 'vitest';
import { storeOf } from '../../electron/backend/data';
import { createCase, listVisibleCases } from '../../electron/backend/services/cases';
import { homeSummary } from '../../electron/backend/services/home';
import { findSubject } from '../../electron/backend/services/subjectLookup';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

/**
 * Need-to-know has one condition (data/caseVisibility.ts), a Kysely expression
 * that subject lookup, the case list and the home screen all put in their
 * queries. Through each, someone on no team of a case sees nothing of it; a
 * team member and the program manager do.
 */
let vault: TestVault | undefined;
afterEach(() => {
  vault?.cleanup();
  vault = undefined;
});

const outsider = { name: 'Lee Okafor', role: 'analyst', createdAt: '2026-11-01T00:00:00.000Z' } as const;
const member = { name: 'Sam Reyes', role: 'analyst', createdAt: '2026-11-01T00:00:00.000Z' } as const;

describe('which cases a user may see', () => {
  it('someone on no team sees no case through the subject lookup, the case list or the home screen; a member and the program manager do', async () => {
    vault = await createTestVault();
    const { session } = vault;
    const now = vault.now();
    const { id: caseId } = createCase(session.db, session.user, gamblingIntake(), now);
    await storeOf(session).q.insertInto('case_members').values({ case_id: caseId, user_name: member.name, case_role: 'member' }).execute();

    // Subject lookup.
    expect(await findSubject({ db: session.db, user: outsider }, 'Ted Marlow', now)).toEqual([]);
    expect((await findSubject({ db: session.db, user: member }, 'Ted Marlow', now)).map((m) => m.caseId)).toEqual([caseId]);
    expect((await findSubject(session, 'Ted Marlow', now)).map((m) => m.caseId)).toEqual([caseId]);

    // The case list and the home screen.
    expect(await listVisibleCases(session.db, outsider, { withTotal: true }, now)).toMatchObject({ rows: [], total: 0 });
    expect(await listVisibleCases(session.db, outsider, { query: 'casino', withTotal: true }, now)).toMatchObject({ rows: [], total: 0 });
    expect((await homeSummary(session.db, outsider, '2026-11-20')).counts.open).toBe(0);
    expect((await homeSummary(session.db, outsider, '2026-11-20')).pendingObligations).toEqual([]);
    expect((await listVisibleCases(session.db, member, { withTotal: true }, now)).rows.map((r) => r.id)).toEqual([caseId]);
    expect((await homeSummary(session.db, member, '2026-11-20')).counts.open).toBe(1);
    expect((await listVisibleCases(session.db, session.user, { withTotal: true }, now)).rows.map((r) => r.id)).toEqual([caseId]);
  });

});
