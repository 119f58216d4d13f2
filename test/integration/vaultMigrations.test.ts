import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databasePath, openDatabase, type Db } from '../../electron/backend/vault/database';
import { migration0001 } from '../../electron/backend/vault/migrations/0001-initial';
import { LATEST_VERSION, migrate, migrations, schemaVersion, VaultTooNewError } from '../../electron/backend/vault/migrations';
import { createDatabaseAtSchema } from '../../electron/backend/vault/migrations/freshDatabase.test-helper';
import { openWithRecoveryKey, unlockVault } from '../../electron/backend/vault/vault';
import { createTestVault, TEST_PASSPHRASE } from '../helpers/vault';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'offramp-migrate-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A new, empty encrypted database (schema version 0). */
function emptyDatabase(): Db {
  return createDatabaseAtSchema(join(root, 'offramp.db'), randomBytes(32), 0);
}

/** How many of this process's file descriptors point at a file (Linux /proc). */
function openHandles(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const tables0001 = [
  'actions',
  'analysis_items',
  'assessments',
  'audit_events',
  'case_fts',
  'case_members',
  'cases',
  'checklist_items',
  'custody_events',
  'determinations',
  'evidence',
  'indicator_history',
  'indicators',
  'obligations',
  'reporting_records',
  'reports',
  'reviews',
  'settings',
  'strategies',
  'subjects',
  'users',
];

interface TableListRow {
  schema: string;
  name: string;
  type: 'table' | 'view' | 'shadow' | 'virtual';
  strict: 0 | 1;
}

const ourTables = (db: Db) =>
  (db.pragma('table_list') as TableListRow[]).filter((t) => t.schema === 'main' && (t.type === 'table' || t.type === 'virtual') && !t.name.startsWith('sqlite_'));

describe('migration 0001', () => {
  it('takes an empty database to version 1 with every table, each one STRICT', () => {
    const db = emptyDatabase();
    try {
      expect(schemaVersion(db)).toBe(0);
      expect(ourTables(db)).toEqual([]);
      expect(migrate(db, 1)).toEqual({ from: 0, to: 1 });
      expect(schemaVersion(db)).toBe(1);
      const tables = ourTables(db);
      expect(tables.map((t) => t.name).sort()).toEqual(tables0001);
      // Every ordinary table is STRICT; the full-text index is a virtual table (its
      // shadow tables belong to FTS5).
      expect(tables.filter((t) => t.type === 'virtual').map((t) => t.name)).toEqual(['case_fts']);
      expect(tables.filter((t) => t.type === 'table' && t.strict !== 1).map((t) => t.name)).toEqual([]);
      // STRICT means a value of the wrong type is refused, not stored.
      expect(() => db.prepare("INSERT INTO users (name, role, created_at) VALUES (X'00', 'analyst', 'now')").run()).toThrow(/cannot store BLOB value in TEXT column users.name/);
      expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('k', NULL)").run()).toThrow(/NOT NULL/);
    } finally {
      db.close();
    }
  });

  it('makes the audit log append-only: UPDATE and DELETE are refused by triggers, INSERT works', () => {
    const db = emptyDatabase();
    try {
      migrate(db, 1);
      const triggers = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
      expect(triggers).toEqual(['audit_no_delete', 'audit_no_update']);
      db.prepare("INSERT INTO audit_events (seq, at, actor, action, case_id, detail, prev_hash, hash) VALUES (1, 't', 'a', 'x', NULL, '{}', 'p', 'h')").run();
      expect(() => db.prepare("UPDATE audit_events SET detail = '{\"forged\":true}' WHERE seq = 1").run()).toThrow('the audit log is append-only');
      expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 1').run()).toThrow('the audit log is append-only');
      expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow('the audit log is append-only');
      expect(db.prepare('SELECT detail FROM audit_events').all()).toEqual([{ detail: '{}' }]);
    } finally {
      db.close();
    }
  });

  it('runs in one transaction with its version bump: a failing migration leaves the version before it and nothing of itself', () => {
    const db = emptyDatabase();
    try {
      const broken = { version: 2, name: 'broken', up: 'CREATE TABLE extra (a TEXT) STRICT; CREATE TABLE users (name TEXT) STRICT;' };
      expect(() => migrate(db, undefined, [migration0001, broken])).toThrow(/already exists/);
      expect(schemaVersion(db)).toBe(1);
      expect(ourTables(db).map((t) => t.name)).not.toContain('extra');
      expect(ourTables(db).map((t) => t.name).sort()).toEqual(tables0001);
    } finally {
      db.close();
    }
  });
});

describe('the migration registry', () => {
  it('is numbered in increasing order from 1 (gaps allowed: the runner skips them), with unique names, and LATEST_VERSION is the last', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect(versions.every((v, i) => i === 0 || v > (versions[i - 1] ?? 0))).toBe(true);
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
    expect(LATEST_VERSION).toBe(versions.at(-1));
  });

  it('brings an empty database to the latest version, and a second run does nothing', () => {
    const db = emptyDatabase();
    try {
      expect(migrate(db)).toEqual({ from: 0, to: LATEST_VERSION });
      const schema = db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all();
      expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
      expect(db.prepare('SELECT sql FROM sqlite_master ORDER BY name').all()).toEqual(schema);
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer Offramp with VaultTooNewError, changing nothing', async () => {
    const vault = await createTestVault();
    try {
      vault.session.db.pragma(`user_version = ${LATEST_VERSION + 1}`);
      vault.session.close();
      const path = databasePath(vault.dir);
      const before = sha256(path);

      expect(() => openWithRecoveryKey(vault.dir, vault.recoveryKey)).toThrow(VaultTooNewError);
      // Refused, and closed: no file handle of this process is left on the database.
      expect(openHandles(path)).toBe(0);
      await expect(unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: vault.now })).rejects.toThrow(VaultTooNewError);
      await expect(unlockVault(vault.dir, 'Dana Whitfield', TEST_PASSPHRASE, { now: vault.now })).rejects.toThrow(
        `This vault was written by a newer version of Offramp (schema ${LATEST_VERSION + 1}; this version knows up to ${LATEST_VERSION}). Update Offramp to open it.`,
      );
      expect(sha256(path)).toBe(before);

      const raw = openDatabase(path, Buffer.from(vault.recoveryKey.replace(/-/g, ''), 'hex'));
      try {
        expect(() => migrate(raw)).toThrow(VaultTooNewError);
        expect(schemaVersion(raw)).toBe(LATEST_VERSION + 1);
        expect(raw.prepare("SELECT count(*) AS n FROM audit_events WHERE action = 'vault.unlock'").get()).toEqual({ n: 0 });
      } finally {
        raw.close();
      }
    } finally {
      vault.cleanup();
    }
  });
});
