import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0018, SEARCH_ITEM_BITS } from './0018-search-by-case-key';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig18-');
const span = 2 ** SEARCH_ITEM_BITS;

describe('migration 0018 (search rows numbered per case)', () => {
  it('keys every case, renumbers the index per case without losing a word, and keeps numbering new cases and items', () => {
    const before = versionBefore(migration0018);
    const db = freshDb(before);
    const subject = db.prepare("INSERT INTO subjects (id, display_id, real_name, employee_id, org_unit, position, created_at) VALUES (?, ?, 'Quentin Realname', 'E-99817', 'Logistics', 'Supply specialist', 't')");
    const kase = db.prepare(
      `INSERT INTO cases (id, number, subject_id, title, program, status, risk, furthest_stage, created_by, created_at, updated_at, last_activity_at)
       VALUES (?, ?, ?, ?, 'dod', 'open', 'high', NULL, 'u', 't', 't', 't')`,
    );
    const report = db.prepare("INSERT INTO reports (id, case_id, received_on, how_received, reporter, reporter_confidential, narrative, created_by, created_at) VALUES (?, ?, '2026-11-01', 'hotline', 'x', 0, ?, 'u', 't')");
    subject.run('s1', 'S-AAAAA');
    subject.run('s2', 'S-BBBBB');
    kase.run('c2', 'OR-2026-0002', 's2', 'Badge tailgating');
    kase.run('c1', 'OR-2026-0001', 's1', 'Gambling debt');
    report.run('r1', 'c1', 'borrowing from colleagues');
    report.run('r2', 'c1', 'payday lenders called');
    report.run('r3', 'c2', 'tailgating at the east door');

    expect(migrate(db, migration0018.version)).toEqual({ from: before, to: migration0018.version });
    expect(schemaVersion(db)).toBe(18);
    // Keys follow the case number; the case's own row is item 0 of its range.
    expect(db.prepare('SELECT id, search_key FROM cases ORDER BY search_key').all()).toEqual([
      { id: 'c1', search_key: 1 },
      { id: 'c2', search_key: 2 },
    ]);
    const hits = (word: string) =>
      db.prepare('SELECT f.rowid >> ? AS key, si.kind, si.item_id FROM search_fts f JOIN search_items si ON si.rowid = f.rowid WHERE search_fts MATCH ? ORDER BY si.item_id').all(SEARCH_ITEM_BITS, word);
    expect(hits('borrowing')).toEqual([{ key: 1, kind: 'report', item_id: 'r1' }]);
    expect(hits('tailgating')).toEqual([
      { key: 2, kind: 'case', item_id: 'c2' },
      { key: 2, kind: 'report', item_id: 'r3' },
    ]);
    expect(hits('AAAAA')).toEqual([{ key: 1, kind: 'case', item_id: 'c1' }]);
    // Real names and employee ids never enter the index.
    expect(hits('Realname')).toEqual([]);
    expect(hits('99817')).toEqual([]);
    expect(db.prepare("SELECT rowid FROM search_items WHERE kind = 'case' ORDER BY rowid").all()).toEqual([{ rowid: span }, { rowid: 2 * span }]);

    // After the migration: a new item takes the next number in its case, a new case the next key.
    report.run('r4', 'c2', 'gate logs reviewed');
    subject.run('s3', 'S-CCCCC');
    kase.run('c3', 'OR-2026-0003', 's3', 'Printer misuse');
    report.run('r5', 'c3', 'printed schematics');
    expect(db.prepare("SELECT rowid, item_id FROM search_items WHERE item_id IN ('r3', 'r4', 'c3', 'r5') ORDER BY rowid").all()).toEqual([
      { rowid: 2 * span + 1, item_id: 'r3' },
      { rowid: 2 * span + 2, item_id: 'r4' },
      { rowid: 3 * span, item_id: 'c3' },
      { rowid: 3 * span + 1, item_id: 'r5' },
    ]);
    expect(hits('schematics')).toEqual([{ key: 3, kind: 'report', item_id: 'r5' }]);
    // Changing and deleting still reach the index.
    db.prepare("UPDATE reports SET narrative = 'quiet week' WHERE id = 'r1'").run();
    expect(hits('borrowing')).toEqual([]);
    expect(hits('quiet')).toEqual([{ key: 1, kind: 'report', item_id: 'r1' }]);
    db.prepare("DELETE FROM reports WHERE id = 'r5'").run();
    expect(hits('schematics')).toEqual([]);
    db.prepare("UPDATE subjects SET display_id = 'S-DDDDD' WHERE id = 's1'").run();
    expect(hits('DDDDD')).toEqual([{ key: 1, kind: 'case', item_id: 'c1' }]);
  });
});
