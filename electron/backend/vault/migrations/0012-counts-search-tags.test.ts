import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0012 } from './0012-counts-search-tags';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig12-');

describe('migration 0012 (counts, per-item search, tags, saved views)', () => {
  it('counts the existing active cases, lists owed obligations, indexes existing text per item, and adds tags and saved views', () => {
    const before = versionBefore(migration0012);
    const db = freshDb(before);
    const subject = db.prepare("INSERT INTO subjects (id, display_id, real_name, employee_id, org_unit, position, created_at) VALUES (?, ?, 'Quentin Realname', 'E-99817', 'Logistics', 'Supply specialist', 't')");
    const kase = db.prepare(
      `INSERT INTO cases (id, number, subject_id, title, program, status, risk, furthest_stage, created_by, created_at, updated_at, last_activity_at)
       VALUES (?, ?, ?, ?, 'dod', ?, ?, ?, 'u', 't', 't', 't')`,
    );
    subject.run('s1', 'S-AAAAA');
    kase.run('c1', 'OR-2026-0001', 's1', 'Gambling debt', 'open', 'high', 'stressor');
    subject.run('s2', 'S-BBBBB');
    kase.run('c2', 'OR-2026-0002', 's2', 'Closed matter', 'closed', 'low', null);
    db.prepare("INSERT INTO reports (id, case_id, received_on, how_received, reporter, reporter_confidential, narrative, created_by, created_at) VALUES ('r1', 'c1', '2026-11-01', 'hotline', 'x', 0, 'borrowing from colleagues', 'u', 't')").run();
    db.prepare("INSERT INTO obligations (case_id, recipient, basis, citation, timing, computed_at) VALUES ('c1', 'dcsa', 'b', 'c', 'promptly', 't'), ('c2', 'dcsa', 'b', 'c', 'promptly', 't'), ('c1', 'internal', 'b', 'c', 'promptly', 't')").run();

    expect(migrate(db, migration0012.version)).toEqual({ from: before, to: migration0012.version });
    expect(schemaVersion(db)).toBe(12);
    expect(db.prepare('SELECT bucket, key, n FROM home_counts ORDER BY bucket, key').all()).toEqual([
      { bucket: 'risk', key: 'high', n: 1 },
      { bucket: 'stage', key: 'stressor', n: 1 },
    ]);
    expect(db.prepare('SELECT case_id, recipient FROM pending_obligations').all()).toEqual([{ case_id: 'c1', recipient: 'dcsa' }]);
    const hits = (word: string) =>
      db.prepare('SELECT si.kind, si.item_id FROM search_fts f JOIN search_items si ON si.rowid = f.rowid WHERE search_fts MATCH ? ORDER BY si.kind').all(word);
    expect(hits('borrowing')).toEqual([{ kind: 'report', item_id: 'r1' }]);
    expect(hits('gambling')).toEqual([{ kind: 'case', item_id: 'c1' }]);
    expect(hits('AAAAA')).toEqual([{ kind: 'case', item_id: 'c1' }]);
    expect(hits('Realname')).toEqual([]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'case_fts'").get()).toEqual({ n: 0 });

    db.prepare("INSERT INTO case_tags (case_id, tag, added_by, added_at) VALUES ('c1', 'usb', 'u', 't')").run();
    expect(() => db.prepare("INSERT INTO case_tags (case_id, tag, added_by, added_at) VALUES ('c1', 'usb', 'u', 't')").run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO case_tags (case_id, tag, added_by, added_at) VALUES ('nope', 'usb', 'u', 't')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO saved_views (id, owner, name, filters, created_at) VALUES ('v1', 'u', 'Mine', '{}', 't')").run();
    expect(() => db.prepare("INSERT INTO saved_views (id, owner, name, filters, created_at) VALUES ('v2', 'u', 'Mine', '{}', 't')").run()).toThrow(/UNIQUE/);
  });
});
