import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../../vault/migrations';
import { grantedUserKeys, grantsBy, insertRoleGrant, lastRoleGrantHash, roleGrantRows, type RoleGrantRow } from './roleGrants';

const freshDb = freshDatabases('offramp-data-grants-');

const grant = (n: number, fields: Partial<RoleGrantRow> = {}): Omit<RoleGrantRow, 'seq'> => ({
  kind: 'grant',
  vault_id: 'v1',
  user_name: `user${n}`,
  role: 'analyst',
  user_key: `key${n}`,
  granted_by: 'pm',
  signer_key: 'keyPm',
  at: `2026-01-0${n}T00:00:00.000Z`,
  prev_hash: `h${n - 1}`,
  hash: `h${n}`,
  signature: `s${n}`,
  ...fields,
});

describe('the signed role grants’ rows', () => {
  it('appends records numbered in order and reads the chain, its last hash, the granted keys and the grants of one grantor', () => {
    const db = freshDb();
    migrate(db);
    expect(roleGrantRows(db)).toEqual([]);
    expect(lastRoleGrantHash(db)).toBeUndefined();
    insertRoleGrant(db, grant(1, { role: 'program_manager', user_name: 'pm', user_key: 'keyPm' }));
    insertRoleGrant(db, grant(2));
    insertRoleGrant(db, grant(3, { kind: 'removal', role: null, user_name: 'user2', user_key: 'key2' }));
    insertRoleGrant(db, grant(4, { role: 'program_manager', user_name: 'pm', user_key: 'keyPm2', granted_by: '(recovery key)' }));
    expect(roleGrantRows(db).map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(roleGrantRows(db)[2]).toEqual({ seq: 3, ...grant(3, { kind: 'removal', role: null, user_name: 'user2', user_key: 'key2' }) });
    expect(lastRoleGrantHash(db)).toBe('h4');
    expect(grantedUserKeys(db, false).sort()).toEqual(['key2', 'keyPm', 'keyPm2']);
    expect(grantedUserKeys(db, true).sort()).toEqual(['keyPm', 'keyPm2']);
    expect(grantsBy(db, '(recovery key)')).toEqual([{ user: 'pm', at: grant(4).at }]);
    // Append-only, and a grant carries a role while a removal carries none.
    expect(() => db.prepare('DELETE FROM role_grants WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => insertRoleGrant(db, grant(5, { role: null }))).toThrow(/CHECK/);
  });
});
