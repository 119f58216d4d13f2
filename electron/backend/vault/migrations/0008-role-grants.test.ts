import { describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0008 } from './0008-role-grants';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig8-');

const insert = (db: Db, kind: string, role: string | null, hash: string) =>
  db
    .prepare(
      'INSERT INTO role_grants (kind, vault_id, user_name, role, user_key, granted_by, signer_key, at, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(kind, 'v', 'Ana Lyst', role, 'key', 'Dana Whitfield', 'key', '2026-01-01T00:00:00Z', '0'.repeat(64), hash, 'sig');

describe('migration 0008 (role grants)', () => {
  it('adds an append-only, STRICT grant table to a schema-7 vault and keeps its users', () => {
    const before = versionBefore(migration0008);
    expect(before).toBe(7);
    const db = freshDb(before);
    db.prepare("INSERT INTO users (name, role, created_at) VALUES ('Ana Lyst', 'analyst', '2026-01-01')").run();

    expect(migrate(db, migration0008.version)).toEqual({ from: 7, to: 8 });
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT name, role FROM users').all()).toEqual([{ name: 'Ana Lyst', role: 'analyst' }]);
    expect(db.prepare('SELECT count(*) AS n FROM role_grants').get()).toEqual({ n: 0 });

    insert(db, 'grant', 'analyst', 'h1');
    insert(db, 'removal', null, 'h2');
    expect(() => insert(db, 'grant', 'analyst', 'h1')).toThrow(/UNIQUE/);
    expect(() => insert(db, 'grant', null, 'h3')).toThrow(/CHECK/);
    expect(() => insert(db, 'removal', 'analyst', 'h4')).toThrow(/CHECK/);
    expect(() => insert(db, 'promotion', 'analyst', 'h5')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          'INSERT INTO role_grants (kind, vault_id, user_name, role, user_key, granted_by, signer_key, at, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run('grant', 'v', 'x', 'analyst', 'k', 'g', 'k', 'at', 'p', 'h6', Buffer.from('sig')),
    ).toThrow(/cannot store BLOB value in TEXT column/);
    expect(() => db.prepare("UPDATE role_grants SET role = 'program_manager'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM role_grants').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM role_grants').get()).toEqual({ n: 2 });
  });
});
