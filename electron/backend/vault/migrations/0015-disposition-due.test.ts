import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0015 } from './0015-disposition-due';
import { dispositionCandidatesSql } from '../../services/retention';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig15-');

describe('migration 0015 (disposition due)', () => {
  it('indexes closure dates, so the dispositions due are sought through indexes and not by reading every case', () => {
    const before = versionBefore(migration0015);
    expect(before).toBe(13);
    const db = freshDb(before);
    db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s1', 'S-AAAAA', 'Name', '2026-01-01')").run();
    const insert = db.prepare(
      "INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at, closed_at) VALUES (?, ?, 's1', 't', 'dod', ?, 'low', 'u', '2015-01-01T00:00:00Z', '2015-01-01T00:00:00Z', ?, ?)",
    );
    insert.run('old', 'OR-2015-0001', 'closed', '2016-02-01T09:00:00Z', '2016-02-01T09:00:00Z');
    insert.run('new', 'OR-2026-0001', 'open', '2026-11-01T09:00:00Z', null);
    expect(migrate(db, migration0015.version)).toEqual({ from: before, to: 15 });
    expect(schemaVersion(db)).toBe(15);

    const index = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'cases_retention_closed'").get() as { sql: string } | undefined;
    expect(index?.sql).toContain('WHERE closed_at IS NOT NULL');
    db.exec('ANALYZE');
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${dispositionCandidatesSql}`).all({ before: '2021-01-01' }) as { detail: string }[]).map((r) => r.detail);
    expect(plan.some((d) => d.includes('USING INDEX cases_retention_closed'))).toBe(true);
    expect(plan.some((d) => /USING (COVERING )?INDEX cases_sort_activity/.test(d))).toBe(true);
    expect(plan.filter((d) => d.startsWith('SCAN'))).toEqual([]);
    // The existing closed case is found through the new index; the recent one is not read.
    expect((db.prepare(dispositionCandidatesSql).all({ before: '2021-01-01' }) as { id: string }[]).map((r) => r.id)).toEqual(['old']);
  });
});
