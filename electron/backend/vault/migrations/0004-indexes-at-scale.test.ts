import { describe, expect, it } from 'vitest';
import { listCases } from '../../services/cases';
import type { Db } from '../database';
import { migration0004 } from './0004-indexes-at-scale';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig4-');
let db: Db;

const indexes = () => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('migration 0004 (indexes at scale)', () => {
  it('gives a vault of the version before it an index per sort column and strategies by case, keeping its cases', async () => {
    const before = versionBefore(migration0004);
    expect(before).toBe(3);
    db = freshDb(before);
    const insert = (n: number, risk: string) => {
      db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES (?, ?, 'Name', 't')").run(`s${n}`, `S-0000${n}`);
      db.prepare(
        `INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at, next_review)
         VALUES (?, ?, ?, 'T', 'dod', 'open', ?, 'u', 't', 't', ?, '2026-12-01')`,
      ).run(`c${n}`, `OR-2026-000${n}`, `s${n}`, risk, `2026-11-0${n}T00:00:00Z`);
    };
    insert(1, 'high');
    insert(2, 'low');
    insert(3, 'critical');
    expect(indexes()).toEqual(expect.arrayContaining(['cases_activity', 'cases_status_activity', 'cases_risk']));
    expect(migrate(db, migration0004.version)).toEqual({ from: before, to: migration0004.version });
    expect(schemaVersion(db)).toBe(migration0004.version);
    const now = indexes();
    for (const old of ['cases_activity', 'cases_status_activity', 'cases_risk', 'cases_program', 'cases_next_review', 'cases_assigned']) expect(now).not.toContain(old);
    expect(now).toEqual(expect.arrayContaining([
      'cases_sort_activity',
      'cases_sort_assigned',
      'cases_sort_next_review',
      'cases_sort_number',
      'cases_sort_program',
      'cases_sort_risk',
      'cases_sort_stage',
      'cases_sort_status',
      'cases_subject',
    ]));
    expect((db.prepare("EXPLAIN QUERY PLAN SELECT id, title FROM strategies WHERE case_id = ? ORDER BY created_at").all('c1') as { detail: string }[])[0]?.detail).toMatch(/USING INDEX strategies_case/);
    // The cases are kept through every later migration, and the list (which needs the later tables) reads them in the index's order.
    migrate(db);
    expect((await listCases(db, { sort: 'number', direction: 'desc' }, { walkSortIndexAbove: 0 })).rows.map((r) => r.number)).toEqual(['OR-2026-0003', 'OR-2026-0002', 'OR-2026-0001']);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
