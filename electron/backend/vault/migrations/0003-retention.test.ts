import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0003 } from './0003-retention';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig3-');

describe('migration 0003 (retention)', () => {
  it('adds retention rules and legal holds to a schema-2 vault, keeps its cases, and turns on FTS secure-delete', () => {
    const before = versionBefore(migration0003);
    expect(before).toBe(2);
    const db = freshDb(before);
    db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s1', 'S-AAAAA', 'Name', '2026-01-01')").run();
    db.prepare(
      "INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at) VALUES ('c1', 'OR-2026-0001', 's1', 't', 'dod', 'closed', 'low', 'u', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    ).run();
    db.prepare("INSERT INTO case_fts (rowid, body) VALUES (1, 'indexed words')").run();

    expect(migrate(db, migration0003.version)).toEqual({ from: 2, to: 3 });
    expect(schemaVersion(db)).toBe(3);
    expect(db.prepare('SELECT number FROM cases').all()).toEqual([{ number: 'OR-2026-0001' }]);
    expect(db.prepare("SELECT v FROM case_fts_config WHERE k = 'secure-delete'").get()).toEqual({ v: 1 });
    expect(db.prepare("SELECT rowid FROM case_fts WHERE case_fts MATCH 'indexed'").all()).toEqual([{ rowid: 1 }]);

    const rule = db.prepare('INSERT INTO retention_rules (status, program, years, measured_from, authority, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
    rule.run('closed', 'any', 5, 'closure', 'schedule', 'u', 'now');
    expect(() => rule.run('closed', 'any', 6, 'closure', 'schedule', 'u', 'now')).toThrow(/UNIQUE/);
    expect(() => rule.run('open', 'any', 'five', 'closure', 'schedule', 'u', 'now')).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => rule.run('open', 'any', 0, 'closure', 'schedule', 'u', 'now')).toThrow(/CHECK/);

    db.prepare("INSERT INTO legal_holds (case_id, reference, placed_by, placed_at) VALUES ('c1', 'M-1', 'u', 'now')").run();
    expect(() => db.prepare("INSERT INTO legal_holds (case_id, placed_by, placed_at) VALUES ('nope', 'u', 'now')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM cases WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM legal_holds').get()).toEqual({ n: 0 });
  });
});
