import { describe, expect, it } from 'vitest';
import { caseRisk, reviewDue } from '../../../../shared/model/schedule';
import { readCaseRecord } from '../../services/caseStore';
import { scheduleFacts } from '../../services/schedule';
import type { Db } from '../database';
import { migration0011 } from './0011-decisions-queues';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig11-');
let db: Db;

describe('migration 0011 (decision reasons, queue indexes)', () => {
  it('adds the STRICT reasons table and the queue indexes to a version 10 vault, keeping its cases and actions', () => {
    const before = versionBefore(migration0011);
    expect(before).toBe(10);
    db = freshDb(before);
    expect(schemaVersion(db)).toBe(10);
    db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s1', 'S-1', 'Name', '2026-01-01T00:00:00Z')").run();
    db.prepare(
      `INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at)
       VALUES ('c1', 'OR-2026-0001', 's1', 'T', 'dod', 'open', 'low', 'u', 't', 't', 't')`,
    ).run();
    db.prepare("INSERT INTO case_members (case_id, user_name) VALUES ('c1', 'Ana Ruiz')").run();
    db.prepare(
      `INSERT INTO actions (id, case_id, option_id, owner_discipline, status, due_on, created_by, created_at, updated_at)
       VALUES ('a1', 'c1', 'employee_assistance_program', 'security', 'legal_review', '2026-11-01', 'u', 't', 't')`,
    ).run();
    expect(migrate(db, migration0011.version)).toEqual({ from: 10, to: 11 });
    expect(db.prepare('SELECT status FROM actions').all()).toEqual([{ status: 'legal_review' }]);
    const table = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'decision_reasons'").get() as { sql: string };
    expect(table.sql.trim()).toMatch(/\) STRICT$/);
    db.prepare("INSERT INTO decision_reasons (id, case_id, kind, target_id, reason, actor, at) VALUES ('d1', 'c1', 'action.discontinue', 'a1', 'No longer needed.', 'u', 't')").run();
    expect(() => db.prepare("INSERT INTO decision_reasons (id, case_id, kind, reason, actor, at) VALUES ('d2', 'nope', 'x', 'r', 'u', 't')").run()).toThrow(/FOREIGN KEY/);
    const plan = (sql: string, ...args: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT id FROM actions WHERE status = 'legal_review' AND legal_signoff_by IS NULL")).toContain('actions_status_due');
    expect(plan("SELECT id FROM actions WHERE status IN ('approved', 'in_progress') AND due_on < '2026-12-01'")).toContain('actions_status_due');
    expect(plan("SELECT case_id FROM case_members WHERE user_name = 'Ana Ruiz'")).toContain('case_members_user');
    db.prepare("DELETE FROM cases WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM decision_reasons').get()).toEqual({ n: 0 });
  });

  it('brings every stored risk and next review to what the one schedule function computes', () => {
    db = freshDb(versionBefore(migration0011));
    let n = 0;
    const addCase = (status: string, storedNext: string | null) => {
      n += 1;
      db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES (?, ?, 'Name', '2026-01-01T00:00:00Z')").run(`s${n}`, `S-${n}`);
      db.prepare(
        `INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at, next_review)
         VALUES (?, ?, ?, 'T', 'dod', ?, 'low', 'u', 't', 't', 't', ?)`,
      ).run(`c${n}`, `OR-2026-000${n}`, `s${n}`, status, storedNext);
      return `c${n}`;
    };
    const assess = (caseId: string, risk: string, at: string) =>
      db.prepare("INSERT INTO assessments (id, case_id, imminence, risk, rationale, assessed_by, assessed_at) VALUES (?, ?, 'low', ?, 'r', 'u', ?)").run(`${caseId}-${at}`, caseId, risk, at);
    const review = (caseId: string, heldOn: string) =>
      db.prepare("INSERT INTO reviews (id, case_id, held_on, what_changed, effectiveness, reviewed_by, created_at) VALUES (?, ?, ?, 'w', '{}', 'u', 't')").run(`${caseId}-r-${heldOn}`, caseId, heldOn);
    const action = (caseId: string, status: string, due: string | null) =>
      db.prepare("INSERT INTO actions (id, case_id, option_id, owner_discipline, status, due_on, created_by, created_at, updated_at) VALUES (?, ?, 'employee_assistance_program', 'hr', ?, ?, 'u', 't', 't')").run(`${caseId}-a-${status}-${due ?? 'none'}`, caseId, status, due);

    const neverAssessed = addCase('open', '2027-01-01');
    const dueFromAction = addCase('open', '2026-12-16');
    assess(dueFromAction, 'moderate', '2026-11-02T10:00:00.000Z');
    action(dueFromAction, 'approved', '2026-11-16');
    action(dueFromAction, 'done', '2026-11-01');
    const reviewed = addCase('monitoring', '2026-12-01');
    assess(reviewed, 'low', '2026-06-01T10:00:00.000Z');
    assess(reviewed, 'high', '2026-09-01T10:00:00.000Z');
    review(reviewed, '2026-10-20');
    const separated = addCase('open', null);
    assess(separated, 'low', '2026-10-01T10:00:00.000Z');
    db.prepare("INSERT INTO determinations (case_id, fact_id, value, updated_by, updated_at) VALUES (?, 'subject_separated', 'yes', 'u', 't')").run(separated);
    const closed = addCase('closed', '2026-12-01');
    assess(closed, 'moderate', '2026-10-01T10:00:00.000Z');

    expect(migrate(db, migration0011.version)).toEqual({ from: 10, to: 11 });
    const stored = (id: string) => db.prepare('SELECT risk, next_review FROM cases WHERE id = ?').get(id) as { risk: string; next_review: string | null };
    for (const id of [neverAssessed, dueFromAction, reviewed, separated, closed]) {
      const record = readCaseRecord(db, id);
      if (record === null) throw new Error(id);
      const facts = scheduleFacts(record);
      expect([id, stored(id)]).toEqual([id, { risk: caseRisk(facts), next_review: reviewDue(facts).nextReview }]);
    }
    expect(stored(neverAssessed)).toEqual({ risk: 'not_assessed', next_review: null });
    expect(stored(dueFromAction).next_review).toBe('2026-11-16');
    expect(stored(reviewed)).toEqual({ risk: 'high', next_review: '2026-11-03' });
    expect(stored(separated).next_review).toBe('2026-10-31');
    expect(stored(closed).next_review).toBeNull();
  });
});
