import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0001 } from './0001-initial';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig1-');

describe('migration 0001 (initial)', () => {
  it('creates the casework tables of an empty database, strict, with an append-only audit log', () => {
    const db = freshDb(versionBefore(migration0001));
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db, migration0001.version)).toEqual({ from: 0, to: 1 });
    expect(schemaVersion(db)).toBe(1);

    const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'case_fts%' ORDER BY name").all() as { name: string; sql: string }[]);
    expect(tables.map((t) => t.name)).toEqual([
      'actions', 'analysis_items', 'assessments', 'audit_events', 'case_members', 'cases', 'checklist_items', 'custody_events', 'determinations',
      'evidence', 'indicator_history', 'indicators', 'obligations', 'reporting_records', 'reports', 'reviews', 'settings', 'strategies', 'subjects', 'users',
    ]);
    for (const table of tables) expect(table.sql, table.name).toMatch(/\) STRICT(, WITHOUT ROWID)?$/);

    db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s1', 'S-AAAAA', 'Name', '2026-01-01')").run();
    db.prepare(
      "INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at) VALUES ('c1', 'OR-2026-0001', 's1', 't', 'dod', 'open', 'low', 'u', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    ).run();
    expect(() =>
      db.prepare(
        "INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at) VALUES ('c2', 'OR-2026-0002', 'missing', 't', 'dod', 'open', 'low', 'u', 't', 't', 't')",
      ).run(),
    ).toThrow(/FOREIGN KEY/);

    db.prepare("INSERT INTO audit_events (seq, at, actor, action, case_id, detail, prev_hash, hash) VALUES (1, 't', 'u', 'case.create', 'c1', '{}', '0', 'h1')").run();
    expect(() => db.prepare("UPDATE audit_events SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    expect(() => db.prepare("INSERT INTO audit_events (seq, at, actor, action, detail, prev_hash, hash) VALUES ('two', 't', 'u', 'x', '{}', 'h1', 'h2')").run()).toThrow(/datatype mismatch|cannot store/);

    db.prepare("INSERT INTO case_fts (rowid, body) VALUES (1, 'Café résumé')").run();
    expect(db.prepare("SELECT rowid FROM case_fts WHERE case_fts MATCH 'cafe resume'").all()).toEqual([{ rowid: 1 }]);
  });
});
