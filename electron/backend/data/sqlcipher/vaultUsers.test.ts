import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../../vault/migrations';
import { clearPacketImportChunks } from './packetImportChunks';
import { countManagers, currentUserExists, currentUserNamed, currentUsers, currentUsersByName, deleteRemovedUser, insertUser, markUserRemoved, setUserRole } from './vaultUsers';

const freshDb = freshDatabases('offramp-data-vault-users-');
const at = '2026-01-01T00:00:00.000Z';

function withUsers() {
  const db = freshDb();
  migrate(db);
  insertUser(db, { name: 'Zoe', role: 'program_manager', createdAt: at });
  insertUser(db, { name: 'ana', role: 'analyst', createdAt: at });
  insertUser(db, { name: 'Bo', role: 'program_manager', createdAt: at });
  return db;
}

describe('the vault’s users on the embedded engine', () => {
  it('adds users and finds a current one by name in any letter case', () => {
    const db = withUsers();
    expect(currentUsers(db)).toEqual([
      { name: 'Zoe', role: 'program_manager' },
      { name: 'ana', role: 'analyst' },
      { name: 'Bo', role: 'program_manager' },
    ]);
    expect(currentUsersByName(db).map((u) => u.name)).toEqual(['Bo', 'Zoe', 'ana']);
    expect(currentUserNamed(db, 'ANA')).toEqual({ name: 'ana', role: 'analyst', createdAt: at, removedAt: null });
    expect(currentUserNamed(db, 'nobody')).toBeUndefined();
    expect(currentUserExists(db, 'zoe')).toBe(true);
    expect(currentUserExists(db, 'nobody')).toBe(false);
    expect(countManagers(db)).toBe(2);
  });

  it('removes a user, changes a role, and lets a removed user’s name be given again', () => {
    const db = withUsers();
    markUserRemoved(db, 'Bo', '2026-02-01T00:00:00.000Z');
    expect(currentUserExists(db, 'bo')).toBe(false);
    expect(countManagers(db)).toBe(1);
    setUserRole(db, 'ana', 'program_manager');
    expect(countManagers(db)).toBe(2);
    expect(() => insertUser(db, { name: 'Bo', role: 'analyst', createdAt: at })).toThrow(/UNIQUE/);
    deleteRemovedUser(db, 'BO');
    deleteRemovedUser(db, 'zoe');
    insertUser(db, { name: 'Bo', role: 'analyst', createdAt: at });
    expect(currentUserNamed(db, 'bo')?.role).toBe('analyst');
    expect(currentUserExists(db, 'Zoe')).toBe(true);
  });

  it('refuses a stored role Offramp does not know, and clears the staged chunks of an interrupted import', () => {
    const db = withUsers();
    db.prepare("UPDATE users SET role = 'overlord' WHERE name = 'ana'").run();
    expect(() => currentUserNamed(db, 'ana')).toThrow(/unknown role/);
    db.prepare("INSERT INTO packet_import_chunks (import_id, file, seq, data) VALUES ('i1', 'f', 0, x'00')").run();
    clearPacketImportChunks(db);
    expect(db.prepare('SELECT count(*) AS n FROM packet_import_chunks').get()).toEqual({ n: 0 });
  });
});
