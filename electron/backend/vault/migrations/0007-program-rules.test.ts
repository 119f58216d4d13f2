import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0007 } from './0007-program-rules';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig7-');

describe('migration 0007 (program rules)', () => {
  it('adds a strict table of program-rules versions to a schema-6 vault and keeps its cases', () => {
    const before = versionBefore(migration0007);
    expect(before).toBe(6);
    const db = freshDb(before);
    db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s1', 'S-AAAAA', 'Name', '2026-01-01')").run();
    db.prepare(
      "INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at) VALUES ('c1', 'OR-2026-0001', 's1', 't', 'dod', 'open', 'low', 'u', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    ).run();

    expect(migrate(db, migration0007.version)).toEqual({ from: 6, to: 7 });
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT number FROM cases').all()).toEqual([{ number: 'OR-2026-0001' }]);

    const insert = db.prepare('INSERT INTO program_rules_versions (version, document, saved_by, saved_at, reason) VALUES (?, ?, ?, ?, ?)');
    insert.run(1, '{"format":"offramp-program-rules","revision":1,"rules":[]}', 'pm', '2026-01-01T00:00:00Z', 'first rules');
    expect(db.prepare('SELECT version, saved_by, reason FROM program_rules_versions').all()).toEqual([{ version: 1, saved_by: 'pm', reason: 'first rules' }]);
    expect(() => insert.run(1, '{}', 'pm', 'now', 'again')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('two', '{}', 'pm', 'now', 'x')).toThrow(/datatype mismatch|cannot store/);
    expect(() => insert.run(2, 'not json', 'pm', 'now', 'x')).toThrow(/CHECK/);
    expect(() => insert.run(2, '{}', 'pm', 'now', '   ')).toThrow(/CHECK/);
    expect(() => insert.run(0, '{}', 'pm', 'now', 'x')).toThrow(/CHECK/);
  });
});
