import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0016 } from './0016-case-edits';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig16-');

describe('migration 0016 (case edits with reasons)', () => {
  it('keeps existing cases as they were and adds a strict, reasoned edit log that goes with its case', () => {
    const before = versionBefore(migration0016);
    const db = freshDb(before);
    db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s1', 'S-AAAAA', 'Name', '2026-01-01')").run();
    db.prepare(
      "INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at) VALUES ('c1', 'OR-2026-0001', 's1', 'Old title', 'dod', 'open', 'not_assessed', 'u', 't', 't', 't')",
    ).run();

    expect(migrate(db, migration0016.version)).toEqual({ from: before, to: 16 });
    expect(schemaVersion(db)).toBe(16);
    expect(db.prepare("SELECT title FROM cases WHERE id = 'c1'").get()).toEqual({ title: 'Old title' });
    expect(db.prepare('SELECT count(*) AS n FROM case_edits').get()).toEqual({ n: 0 });

    const insert = db.prepare("INSERT INTO case_edits (id, case_id, target, target_id, changes, reason, edited_by, edited_at) VALUES (?, ?, ?, NULL, ?, ?, 'u', 't')");
    insert.run('e1', 'c1', 'case', JSON.stringify([{ field: 'title', before: 'Old title', after: 'New title' }]), 'Typo in the intake');
    expect(() => insert.run('e2', 'c1', 'case', '[]', 'no change at all')).toThrow(/CHECK/);
    expect(() => insert.run('e3', 'c1', 'case', '[{"field":"title"}]', '   ')).toThrow(/CHECK/);
    expect(() => insert.run('e4', 'c1', 'case_file', '[{"field":"title"}]', 'why')).toThrow(/CHECK/);
    expect(() => insert.run('e5', 'nope', 'case', '[{"field":"title"}]', 'why')).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM cases WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM case_edits').get()).toEqual({ n: 0 });
  });
});
