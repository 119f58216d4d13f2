import { describe, expect, it } from 'vitest';
import { migrate } from '../vault/migrations';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import type { Db } from '../vault/database';
import { activeCaseCountsFor, overdueReviews, owedObligations } from './home';
import { planOf, recordingQueries, scansOf } from './queryPlans.test-helper';

const freshDb = freshDatabases('offramp-data-home-');
const TODAY = '2026-11-20';

/**
 * A vault of `n` cases: every third closed, the rest open with a review date in
 * 2026 (month by case), led by u0…u99, every seventh case with the next user as
 * a member, and an obligation to the FBI on every fifth case.
 */
function seeded(n: number): Db {
  const db = freshDb();
  migrate(db);
  const at = '2026-01-01T00:00:00.000Z';
  const subject = db.prepare('INSERT INTO subjects (id, display_id, real_name, created_at) VALUES (?, ?, ?, ?)');
  const kase = db.prepare(
    'INSERT INTO cases (id, number, subject_id, title, program, status, risk, furthest_stage, assigned_to, created_by, created_at, updated_at, last_activity_at, next_review) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const member = db.prepare('INSERT INTO case_members (case_id, user_name) VALUES (?, ?)');
  const obligation = db.prepare("INSERT INTO obligations (case_id, recipient, basis, citation, timing, computed_at) VALUES (?, 'fbi', 'b', 'c', 'promptly', ?)");
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const closed = i % 3 === 0;
      subject.run(`s${i}`, `S-${i}`, 'Pat Doe', at);
      const review = closed ? null : `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      kase.run(`c${i}`, `OR-2026-${String(i).padStart(5, '0')}`, `s${i}`, 't', 'dod', closed ? 'closed' : 'open', i % 2 === 0 ? 'low' : 'high', i % 4 === 0 ? null : 'stressor', `u${i % 100}`, 'pm', at, at, at, review);
      if (i % 7 === 0) member.run(`c${i}`, `u${(i + 1) % 100}`);
      if (i % 5 === 0) obligation.run(`c${i}`, at);
    }
  })();
  db.exec('ANALYZE');
  return db;
}

/** What `viewer` may see: the cases they lead or are a member of. */
function visibleTo(db: Db, viewer: string): Set<string> {
  const led = db.prepare('SELECT id FROM cases WHERE assigned_to = ?').pluck().all(viewer);
  const joined = db.prepare('SELECT case_id FROM case_members WHERE user_name = ?').pluck().all(viewer);
  return new Set([...led, ...joined].map(String));
}

describe('the home screen’s reads', () => {
  it('count active cases by risk and stage, hub-wide from the kept counts and per viewer from their own cases', async () => {
    const db = seeded(600);
    const { q, ran } = recordingQueries(db);
    const hub = await activeCaseCountsFor(q, null);
    // 400 active cases: even ones low, odd ones high; a multiple of four has no stage.
    const sorted = (rows: { bucket: string; key: string; n: number }[]) => [...rows].sort((a, b) => `${a.bucket}/${a.key}`.localeCompare(`${b.bucket}/${b.key}`));
    const expectedHub = sorted(
      db
        .prepare(
          "SELECT 'risk' AS bucket, risk AS key, count(*) AS n FROM cases WHERE status != 'closed' GROUP BY 2 UNION ALL SELECT 'stage', coalesce(furthest_stage, 'none'), count(*) FROM cases WHERE status != 'closed' GROUP BY 2",
        )
        .all() as { bucket: string; key: string; n: number }[],
    );
    expect(sorted(hub)).toEqual(expectedHub);
    expect(hub.filter((r) => r.bucket === 'risk').reduce((a, r) => a + r.n, 0)).toBe(400);
    expect(planOf(db, ran[0] ?? { sql: '', parameters: [] }).join(' | ')).toBe('SCAN home_counts');

    const mine = visibleTo(db, 'u1');
    const active = [...mine].filter((id) => Number(id.slice(1)) % 3 !== 0);
    const counts = await activeCaseCountsFor(q, 'u1');
    expect(counts.filter((r) => r.bucket === 'risk').reduce((a, r) => a + r.n, 0)).toBe(active.length);
    expect(counts.filter((r) => r.bucket === 'stage').reduce((a, r) => a + r.n, 0)).toBe(active.length);
    expect(counts.find((r) => r.bucket === 'risk' && r.key === 'high')?.n).toBe(active.filter((id) => Number(id.slice(1)) % 2 === 1).length);
    expect(await activeCaseCountsFor(q, 'nobody')).toEqual([]);
    // A seek of the viewer's led cases and memberships, never a walk of every case.
    const plan = planOf(db, ran[1] ?? { sql: '', parameters: [] });
    expect(scansOf(plan), plan.join(' | ')).toEqual([]);
    expect(plan.join(' | ')).toMatch(/case_members_user/);
  });

  it('list overdue reviews through the review index, earliest first, only the viewer’s, at most the limit', async () => {
    const db = seeded(600);
    const { q, ran } = recordingQueries(db);
    const all = await overdueReviews(q, null, TODAY, 50);
    expect(all).toHaveLength(50);
    expect(all.map((r) => r.nextReview)).toEqual([...all.map((r) => r.nextReview)].sort());
    expect(all[0]).toMatchObject({ risk: expect.stringMatching(/^(low|high)$/) as unknown });
    const earliest = db.prepare("SELECT min(next_review) FROM cases WHERE status != 'closed'").pluck().get();
    expect(all[0]?.nextReview).toBe(earliest);
    expect(await overdueReviews(q, null, '2026-01-01', 50)).toEqual([]);

    const mine = visibleTo(db, 'u1');
    const theirs = await overdueReviews(q, 'u1', TODAY, 50);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((r) => mine.has(r.caseId))).toBe(true);
    expect(theirs.map((r) => r.caseId).sort()).toEqual([...mine].filter((id) => Number(id.slice(1)) % 3 !== 0).sort());
    for (const statement of ran) expect(planOf(db, statement)[0]).toMatch(/^SEARCH c USING INDEX cases_review_due \(next_review>\? AND next_review<\?\)/);
  });

  it('list obligations still owed with their case numbers, only on cases the viewer may see', async () => {
    const db = seeded(600);
    const { q, ran } = recordingQueries(db);
    const owed = await owedObligations(q, null, 200);
    // Every fifth case owes one; the closed ones owe nothing.
    const expected = Array.from({ length: 600 }, (_, i) => i).filter((i) => i % 5 === 0 && i % 3 !== 0);
    expect(owed.map((o) => o.caseId).sort()).toEqual(expected.map((i) => `c${i}`).sort());
    expect(owed[0]).toEqual({ caseId: expect.any(String) as unknown, number: expect.stringMatching(/^OR-2026-/) as unknown, recipient: 'fbi', timing: 'promptly', basis: 'b' });
    expect(await owedObligations(q, null, 3)).toHaveLength(3);
    const mine = visibleTo(db, 'u10');
    const theirs = await owedObligations(q, 'u10', 200);
    expect(theirs.map((o) => o.caseId).sort()).toEqual([...mine].filter((id) => expected.includes(Number(id.slice(1)))).sort());
    expect(theirs.length).toBeGreaterThan(0);
    const plan = planOf(db, ran[2] ?? { sql: '', parameters: [] });
    expect(scansOf(plan), plan.join(' | ')).toEqual([]);
  });

  it('refuses a stored risk or recipient this version does not know, as an integrity error', async () => {
    const db = seeded(3);
    const { q } = recordingQueries(db);
    db.pragma('ignore_check_constraints = ON');
    db.prepare("UPDATE cases SET risk = 'extreme' WHERE id = 'c1'").run();
    await expect(overdueReviews(q, null, TODAY, 50)).rejects.toMatchObject({ code: 'integrity' });
    db.prepare("UPDATE obligations SET recipient = 'the press' WHERE case_id = 'c0'").run();
    db.prepare("INSERT INTO obligations (case_id, recipient, basis, citation, timing, computed_at) VALUES ('c1', 'the press', 'b', 'c', 'promptly', 't')").run();
    await expect(owedObligations(q, null, 200)).rejects.toMatchObject({ code: 'integrity' });
  });
});
