import { describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0024 } from './0024-dashboard-counts';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig24-');

/** The dashboard's obligation outcomes counted the way it did before this migration: every obligation outside the program against its reporting records. */
function walked(db: Db): Record<string, number> {
  const rows = db
    .prepare(
      `SELECT CASE WHEN r.outcome = 'not_required' THEN 'not_required'
         WHEN r.outcome = 'reported' AND julianday(r.reported_on) - julianday(substr(o.computed_at, 1, 10)) <= CASE o.timing WHEN 'immediately' THEN 1 WHEN 'promptly' THEN 7 ELSE 30 END THEN 'on_time'
         WHEN r.outcome = 'reported' THEN 'late' END AS outcome, count(*) AS n
       FROM obligations o JOIN reporting_records r ON r.case_id = o.case_id AND r.recipient = o.recipient WHERE o.recipient != 'internal' AND r.reported_on IS NOT NULL OR (r.case_id = o.case_id AND r.recipient = o.recipient AND o.recipient != 'internal' AND r.outcome = 'not_required')
       GROUP BY 1`,
    )
    .all() as { outcome: string | null; n: number }[];
  const out: Record<string, number> = {};
  for (const r of rows) if (r.outcome !== null) out[r.outcome] = r.n;
  return out;
}
const kept = (db: Db): Record<string, number> => Object.fromEntries((db.prepare('SELECT outcome, n FROM obligation_outcomes WHERE n != 0').all() as { outcome: string; n: number }[]).map((r) => [r.outcome, r.n]));

describe('migration 0024 (dashboard counts)', () => {
  it('counts the obligations reported on time, late or not required as they stand, keeps the count with every change, and indexes active cases by opening', () => {
    const before = versionBefore(migration0024);
    const db = freshDb(before);
    db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s1', 'S-AAAAA', 'Name', '2026-01-01')").run();
    const addCase = db.prepare(
      "INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at) VALUES (?, ?, 's1', 'T', 'dod', ?, 'not_assessed', 'u', ?, 't', 't')",
    );
    addCase.run('c1', 'OR-2026-0001', 'open', '2026-05-01T09:00:00Z');
    addCase.run('c2', 'OR-2026-0002', 'closed', '2026-02-01T09:00:00Z');
    const addObligation = db.prepare("INSERT INTO obligations (case_id, recipient, basis, citation, timing, computed_at) VALUES (?, ?, 'b', 'c', ?, ?)");
    const addRecord = db.prepare("INSERT INTO reporting_records (id, case_id, recipient, outcome, reported_on, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, 'u', 't')");
    addObligation.run('c1', 'diss', 'promptly', '2026-05-01T09:00:00Z');
    addObligation.run('c1', 'fbi', 'immediately', '2026-05-01T09:00:00Z');
    addObligation.run('c2', 'diss', 'promptly', '2026-02-01T09:00:00Z');
    addObligation.run('c2', 'internal', 'per_internal_procedures', '2026-02-01T09:00:00Z');
    addRecord.run('r1', 'c1', 'diss', 'reported', '2026-05-03'); // on time
    addRecord.run('r2', 'c1', 'fbi', 'reported', '2026-05-09'); // late
    addRecord.run('r3', 'c2', 'diss', 'not_required', null);
    addRecord.run('r4', 'c2', 'internal', 'reported', '2026-02-02'); // inside the program: not counted

    expect(migrate(db, migration0024.version)).toEqual({ from: before, to: migration0024.version });
    expect(schemaVersion(db)).toBe(migration0024.version);
    expect(kept(db)).toEqual({ on_time: 1, late: 1, not_required: 1 });
    expect(kept(db)).toEqual(walked(db));

    // Every kind of change keeps the count equal to the walk: a record added, changed and removed, an obligation recomputed and removed, a case disposed of.
    addRecord.run('r5', 'c1', 'diss', 'reported', '2026-06-30');
    expect(kept(db)).toEqual({ on_time: 1, late: 2, not_required: 1 });
    db.prepare("UPDATE reporting_records SET reported_on = '2026-05-02' WHERE id = 'r5'").run();
    expect(kept(db)).toEqual({ on_time: 2, late: 1, not_required: 1 });
    db.prepare("UPDATE obligations SET timing = 'per_internal_procedures' WHERE case_id = 'c1' AND recipient = 'fbi'").run();
    expect(kept(db)).toEqual({ on_time: 3, not_required: 1 });
    db.prepare("DELETE FROM reporting_records WHERE id = 'r1'").run();
    db.prepare("DELETE FROM obligations WHERE case_id = 'c1' AND recipient = 'fbi'").run();
    expect(kept(db)).toEqual({ on_time: 1, not_required: 1 });
    expect(kept(db)).toEqual(walked(db));
    db.prepare("DELETE FROM cases WHERE id = 'c2'").run();
    expect(kept(db)).toEqual({ on_time: 1 });
    expect(kept(db)).toEqual(walked(db));

    // Case ages are counted through the index of active cases by opening.
    const plan = (db.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM cases WHERE status != 'closed' AND created_at >= ?").all('2026-04-01') as { detail: string }[]).map((r) => r.detail);
    expect(plan.join(' | ')).toContain('cases_active_created');
  });
});
