import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0005 } from './0005-subject-reveals';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig5-');

describe('migration 0005 (subject reveals)', () => {
  it('adds a strict per-case table of reveal reasons to a schema-4 vault, keeps its cases, and disposes of the reasons with the case', () => {
    const before = versionBefore(migration0005);
    expect(before).toBe(4);
    const db = freshDb(before);
    db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s1', 'S-AAAAA', 'Name', '2026-01-01')").run();
    db.prepare(
      "INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at) VALUES ('c1', 'OR-2026-0001', 's1', 't', 'dod', 'open', 'low', 'u', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    ).run();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'subject_reveals'").get()).toEqual({ n: 0 });

    expect(migrate(db, migration0005.version)).toEqual({ from: 4, to: 5 });
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT number FROM cases').all()).toEqual([{ number: 'OR-2026-0001' }]);

    const insert = db.prepare('INSERT INTO subject_reveals (id, case_id, actor, at, reason) VALUES (?, ?, ?, ?, ?)');
    insert.run('r1', 'c1', 'analyst', '2026-01-02T00:00:00Z', 'needed for the referral to DCSA');
    expect(db.prepare('SELECT id, actor, reason FROM subject_reveals').all()).toEqual([{ id: 'r1', actor: 'analyst', reason: 'needed for the referral to DCSA' }]);
    expect(() => insert.run('r2', 'no-such-case', 'analyst', 't', 'x')).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('r3', 'c1', 'analyst', 't', null)).toThrow(/NOT NULL/);
    expect(() => insert.run('r4', 'c1', 'analyst', 't', Buffer.from('x'))).toThrow(/cannot store BLOB/);
    expect(db.prepare("EXPLAIN QUERY PLAN SELECT * FROM subject_reveals WHERE case_id = 'c1' ORDER BY at").all()).toEqual(
      expect.arrayContaining([expect.objectContaining({ detail: expect.stringContaining('subject_reveals_case') as unknown })]),
    );

    // The reasons leave with the case at disposition.
    db.prepare("DELETE FROM cases WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM subject_reveals').get()).toEqual({ n: 0 });
  });
});
