import { describe, expect, it } from 'vitest';
import { refreshSearchCases, staleSearchCases } from '../../data/searchIndex';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0022 } from './0022-search-by-case';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig22-');

describe('migration 0022 (an index of cases)', () => {
  it('indexes each case with the words of all its items, and marks a case stale on every change until its row is rebuilt', () => {
    const before = versionBefore(migration0022);
    const db = freshDb(before);
    const subject = db.prepare("INSERT INTO subjects (id, display_id, real_name, employee_id, org_unit, position, created_at) VALUES (?, ?, 'Quentin Realname', 'E-99817', 'Logistics', 'Supply specialist', 't')");
    const kase = db.prepare(
      `INSERT INTO cases (id, number, subject_id, title, program, status, risk, furthest_stage, created_by, created_at, updated_at, last_activity_at)
       VALUES (?, ?, ?, ?, 'dod', 'open', 'high', NULL, 'u', 't', 't', 't')`,
    );
    const report = db.prepare("INSERT INTO reports (id, case_id, received_on, how_received, reporter, reporter_confidential, narrative, created_by, created_at) VALUES (?, ?, '2026-11-01', 'hotline', 'x', 0, ?, 'u', 't')");
    subject.run('s1', 'S-AAAAA');
    subject.run('s2', 'S-BBBBB');
    kase.run('c1', 'OR-2026-0001', 's1', 'Gambling debt');
    kase.run('c2', 'OR-2026-0002', 's2', 'Badge tailgating');
    report.run('r1', 'c1', 'borrowing from colleagues');
    report.run('r2', 'c1', 'payday lenders called');
    report.run('r3', 'c2', 'tailgating at the east door');

    expect(migrate(db, migration0022.version)).toEqual({ from: before, to: migration0022.version });
    expect(schemaVersion(db)).toBe(migration0022.version);
    const key = (id: string) => (db.prepare('SELECT search_key FROM cases WHERE id = ?').get(id) as { search_key: number }).search_key;
    const cases = (query: string) =>
      (db.prepare('SELECT c.id FROM cases c WHERE c.search_key IN (SELECT rowid FROM search_case_fts WHERE search_case_fts MATCH ?) ORDER BY c.id').all(query) as { id: string }[]).map((r) => r.id);
    // Words of different items of one case find it together; the pseudonym and title are the case's own words.
    expect(cases('"borrowing" "payday"')).toEqual(['c1']);
    expect(cases('"gambling" "lenders"')).toEqual(['c1']);
    expect(cases('"tailgating"')).toEqual(['c2']);
    expect(cases('"AAAAA"')).toEqual(['c1']);
    expect(cases('"lend"*')).toEqual(['c1']);
    expect(cases('"borrowing" "tailgating"')).toEqual([]);
    // Real names and employee ids never enter it.
    expect(cases('"Realname"')).toEqual([]);
    expect(cases('"99817"')).toEqual([]);
    // The index is built whole: nothing waits.
    expect(staleSearchCases(db)).toBe(0);

    // Every kind of change marks its case, and only its case.
    const staleKeys = () => (db.prepare('SELECT search_key FROM search_case_stale ORDER BY search_key').all() as { search_key: number }[]).map((r) => r.search_key);
    report.run('r4', 'c2', 'gate logs reviewed');
    expect(staleKeys()).toEqual([key('c2')]);
    expect(cases('"gate"')).toEqual([]);
    expect(refreshSearchCases(db)).toBe(0);
    expect(cases('"gate" "tailgating"')).toEqual(['c2']);
    const changes: [string, string[]][] = [
      ["UPDATE reports SET narrative = 'quiet week' WHERE id = 'r1'", ['c1']],
      ["UPDATE cases SET title = 'Gambling losses' WHERE id = 'c1'", ['c1']],
      ["UPDATE subjects SET display_id = 'S-DDDDD' WHERE id = 's2'", ['c2']],
      ["DELETE FROM reports WHERE id = 'r2'", ['c1']],
      ["UPDATE cases SET status = 'closed' WHERE id = 'c2'", []],
    ];
    for (const [sql, stale] of changes) {
      db.exec(sql);
      expect({ sql, stale: staleKeys() }).toEqual({ sql, stale: stale.map(key) });
      refreshSearchCases(db);
    }
    expect(cases('"borrowing"')).toEqual([]);
    expect(cases('"quiet" "losses"')).toEqual(['c1']);
    expect(cases('"payday"')).toEqual([]);
    expect(cases('"DDDDD"')).toEqual(['c2']);
    expect(cases('"BBBBB"')).toEqual([]);

    // A new case is found once its row is built; a deleted case's row goes.
    subject.run('s3', 'S-CCCCC');
    kase.run('c3', 'OR-2026-0003', 's3', 'Printer misuse');
    report.run('r5', 'c3', 'printed schematics');
    expect(staleKeys()).toEqual([key('c3')]);
    expect(refreshSearchCases(db, 1)).toBe(0);
    expect(cases('"schematics" "printer"')).toEqual(['c3']);
    const c3 = key('c3');
    db.exec("DELETE FROM reports WHERE case_id = 'c3'; DELETE FROM cases WHERE id = 'c3'");
    expect(staleKeys()).toEqual([c3]);
    refreshSearchCases(db);
    expect(db.prepare('SELECT count(*) AS n FROM search_case_fts WHERE search_case_fts MATCH ?').get('"schematics"')).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM search_case_fts WHERE search_case_fts MATCH ?').get('"printer"')).toEqual({ n: 0 });
  });

  it('rebuilds at most the number of cases asked for, and says how many still wait', () => {
    const db = freshDb(versionBefore(migration0022));
    migrate(db, migration0022.version);
    db.exec("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s', 'S-S', 'n', 't')");
    for (let i = 1; i <= 3; i += 1) {
      db.exec(`INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at) VALUES ('c${i}', 'OR-2026-000${i}', 's', 'Case number ${i}', 'dod', 'open', 'high', 'u', 't', 't', 't')`);
    }
    expect(staleSearchCases(db)).toBe(3);
    expect(refreshSearchCases(db, 2)).toBe(1);
    expect(refreshSearchCases(db, 2)).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM search_case_fts WHERE search_case_fts MATCH '\"case\"'").get()).toEqual({ n: 3 });
  });
});
