import { afterEach, describe, expect, it } from 'vitest';
import { storeOf } from '../../electron/backend/data';
import { listCaseMembers, listTeamChanges } from '../../electron/backend/data/caseTeam';
import { tagsOfCase } from '../../electron/backend/data/caseTags';
import { addTag } from '../../electron/backend/services/caseTags';
import { ownPublicKey, pinKey, pinnedKeys, unpinKey } from '../../electron/backend/services/packetKeys';
import { createCase } from '../../electron/backend/services/cases';
import { addMember } from '../../electron/backend/services/team';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

/**
 * Changes made through the data layer are all or nothing, with the audit event
 * written on the vault's connection inside the same transaction: a failure at
 * the last step (here a trigger that refuses it) leaves no row, no audit event
 * and no changed activity time behind.
 */
let vault: TestVault | undefined;
afterEach(() => {
  vault?.cleanup();
  vault = undefined;
});

const auditCount = (v: TestVault, action: string): number => v.session.db.prepare('SELECT count(*) AS n FROM audit_events WHERE action = ?').pluck().get(action) as number;

describe('data-layer transactions with the audit log', () => {
  it('a team change whose last step fails leaves the team, its changes, the audit log and the case untouched', async () => {
    vault = await createTestVault();
    const { session } = vault;
    const { id: caseId } = createCase(session.db, session.user, gamblingIntake(), vault.now());
    await storeOf(session).q.insertInto('users').values({ name: 'Lee Okafor', role: 'legal', created_at: '2026-11-01T00:00:00.000Z' }).execute();
    const activity = session.db.prepare('SELECT last_activity_at FROM cases WHERE id = ?').pluck().get(caseId);
    session.db.exec("CREATE TEMP TRIGGER refuse_touch BEFORE UPDATE OF last_activity_at ON cases BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");

    await expect(addMember(session, caseId, 'Lee Okafor', 'legal', 'Legal review', new Date('2026-11-21T10:00:00Z'))).rejects.toThrow(/refused by the test/);
    const { q } = storeOf(session);
    expect((await listCaseMembers(q, caseId)).map((m) => m.userName)).not.toContain('Lee Okafor');
    expect(await listTeamChanges(q, caseId)).toEqual([]);
    expect(auditCount(vault, 'team.add')).toBe(0);
    expect(session.db.prepare('SELECT last_activity_at FROM cases WHERE id = ?').pluck().get(caseId)).toBe(activity);

    session.db.exec('DROP TRIGGER refuse_touch');
    expect((await addMember(session, caseId, 'Lee Okafor', 'legal', 'Legal review', new Date('2026-11-21T10:00:00Z'))).members.map((m) => m.name)).toContain('Lee Okafor');
    expect(auditCount(vault, 'team.add')).toBe(1);
  });

  it('a tag whose audit event cannot be written is not kept', async () => {
    vault = await createTestVault();
    const { session } = vault;
    const { id: caseId } = createCase(session.db, session.user, gamblingIntake(), vault.now());
    session.db.exec("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_events WHEN NEW.action = 'case.tag_add' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
    await expect(addTag(session, caseId, 'travel', vault.now())).rejects.toThrow(/refused by the test/);
    expect(await tagsOfCase(storeOf(session).q, caseId)).toEqual([]);
  });

  it('a key pin or unpin whose audit event cannot be written changes nothing', async () => {
    vault = await createTestVault();
    const { session } = vault;
    const other = await createTestVault({ userName: 'Rita Okafor' });
    try {
      const { publicKeyPem, fingerprint } = ownPublicKey(other.session.db);
      session.db.exec("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_events WHEN NEW.action IN ('packet.pin_key', 'packet.unpin_key') BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
      await expect(pinKey(session, 'Hub West', publicKeyPem, vault.now())).rejects.toThrow(/refused by the test/);
      expect(await pinnedKeys(session)).toEqual([]);
      session.db.exec('DROP TRIGGER refuse_audit');
      await pinKey(session, 'Hub West', publicKeyPem, vault.now());
      session.db.exec("CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_events WHEN NEW.action = 'packet.unpin_key' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
      await expect(unpinKey(session, fingerprint, vault.now())).rejects.toThrow(/refused by the test/);
      expect((await pinnedKeys(session)).map((k) => k.fingerprint)).toEqual([fingerprint]);
      expect(auditCount(vault, 'packet.pin_key')).toBe(1);
      expect(auditCount(vault, 'packet.unpin_key')).toBe(0);
    } finally {
      other.cleanup();
    }
  });
});
