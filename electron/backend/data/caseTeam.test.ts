import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { findCaseLead, setCaseLead } from './cases';
import {
  caseMemberToRow,
  deleteCaseMember,
  findCaseMember,
  insertCaseMemberIfAbsent,
  insertTeamChange,
  listCaseMembers,
  listTeamChanges,
  rowToCaseMember,
  rowToTeamChange,
  teamChangeToRow,
  upsertCaseMember,
  type TeamChangeRecord,
} from './caseTeam';
import { embeddedStore } from './sqlcipher';
import { findUser, findUserAnyCase, rowToVaultUser, vaultUserToRow, type VaultUser } from './users';

const freshDb = freshDatabases('offramp-data-team-');
const change = (id: string, at: string, user: string): TeamChangeRecord => ({ id, caseId: 'c1', at, actor: 'pm', change: 'add', user, caseRole: 'member', reason: 'Needed on the case' });

describe('case teams in the data layer', () => {
  it('maps members, team changes and users to their rows and back unchanged', () => {
    const member = { caseId: 'c1', userName: 'ana', caseRole: 'legal' } as const;
    expect(rowToCaseMember(caseMemberToRow(member))).toEqual(member);
    const removal: TeamChangeRecord = { ...change('t1', '2026-02-01T00:00:00.000Z', 'ana'), change: 'remove', caseRole: null };
    expect(rowToTeamChange(teamChangeToRow(removal))).toEqual(removal);
    const user: VaultUser = { name: 'Ana Ruiz', role: 'analyst', createdAt: '2026-01-01T00:00:00.000Z', removedAt: null };
    expect(rowToVaultUser(vaultUserToRow(user))).toEqual(user);
  });

  it('refuses stored values Offramp does not know as integrity errors', () => {
    expect(() => rowToCaseMember({ case_id: 'c1', user_name: 'ana', case_role: 'owner' })).toThrow(expect.objectContaining({ code: 'integrity' }));
    expect(() => rowToTeamChange({ ...teamChangeToRow(change('t1', '2026-02-01T00:00:00.000Z', 'ana')), change: 'promote' })).toThrow(/Team change t1/);
    expect(() => rowToVaultUser({ name: 'x', role: 'admin', created_at: '2026-01-01', removed_at: null })).toThrow(/unknown role/);
  });

  it('keeps one membership per user: upsert changes the case role, insert-if-absent leaves it; members by name, any letter case on request', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1', { assignedTo: 'Dana' });
    await upsertCaseMember(q, { caseId: 'c1', userName: 'Lee', caseRole: 'member' });
    await upsertCaseMember(q, { caseId: 'c1', userName: 'Lee', caseRole: 'legal' });
    await insertCaseMemberIfAbsent(q, { caseId: 'c1', userName: 'Lee', caseRole: 'member' });
    await insertCaseMemberIfAbsent(q, { caseId: 'c1', userName: 'Ana', caseRole: 'member' });
    expect(await listCaseMembers(q, 'c1')).toEqual([
      { caseId: 'c1', userName: 'Ana', caseRole: 'member' },
      { caseId: 'c1', userName: 'Lee', caseRole: 'legal' },
    ]);
    expect(await findCaseMember(q, 'c1', 'lee')).toBeNull();
    expect(await findCaseMember(q, 'c1', 'lee', { anyCase: true })).toEqual({ caseId: 'c1', userName: 'Lee', caseRole: 'legal' });
    await deleteCaseMember(q, 'c1', 'Lee');
    expect((await listCaseMembers(q, 'c1')).map((m) => m.userName)).toEqual(['Ana']);
    await expect(upsertCaseMember(q, { caseId: 'nope', userName: 'Lee', caseRole: 'member' })).rejects.toThrow(/FOREIGN KEY/);

    expect(await findCaseLead(q, 'c1')).toEqual({ id: 'c1', number: 'OR-2026-c1', lead: 'Dana' });
    await setCaseLead(q, 'c1', 'Ana');
    expect((await findCaseLead(q, 'c1'))?.lead).toBe('Ana');
    expect(await findCaseLead(q, 'nope')).toBeNull();
  });

  it('lists team changes newest first, and those of the same instant in the reverse of the order they were written', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1');
    await insertBareCase(q, 'c2');
    await insertTeamChange(q, change('z-first', '2026-02-01T00:00:00.000Z', 'ana'));
    await insertTeamChange(q, change('a-second', '2026-02-01T00:00:00.000Z', 'bo'));
    await insertTeamChange(q, change('m-later', '2026-02-02T00:00:00.000Z', 'cy'));
    await insertTeamChange(q, { ...change('other', '2026-02-03T00:00:00.000Z', 'dee'), caseId: 'c2' });
    expect((await listTeamChanges(q, 'c1')).map((c) => c.id)).toEqual(['m-later', 'a-second', 'z-first']);
  });

  it('finds a user by exact name, or in any letter case with a current user before a removed one of the same name', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await q.insertInto('users').values({ name: 'lee okafor', role: 'legal', created_at: '2026-01-01', removed_at: '2026-01-05' }).execute();
    await q.insertInto('users').values({ name: 'Lee Okafor', role: 'legal', created_at: '2026-01-06', removed_at: null }).execute();
    expect((await findUser(q, 'lee okafor'))?.removedAt).toBe('2026-01-05');
    expect(await findUser(q, 'LEE OKAFOR')).toBeNull();
    expect(await findUserAnyCase(q, 'LEE OKAFOR')).toMatchObject({ name: 'Lee Okafor', removedAt: null });
    expect(await findUserAnyCase(q, 'Nobody')).toBeNull();
  });
});
