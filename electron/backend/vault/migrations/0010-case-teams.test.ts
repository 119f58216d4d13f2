import { describe, expect, it } from 'vitest';
import { takeMigrationNotice } from '../../services/team';
import type { Db } from '../database';
import { migration0010 } from './0010-case-teams';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig10-');
let db: Db;

const user = (name: string, role: string, removed = false) =>
  db.prepare('INSERT INTO users (name, role, created_at, removed_at) VALUES (?, ?, ?, ?)').run(name, role, '2026-01-01T00:00:00Z', removed ? '2026-02-01T00:00:00Z' : null);

const insertCase = (n: string, creator: string, assigned: string | null, realName: string, narrative: string) => {
  db.prepare("INSERT INTO subjects (id, display_id, real_name, employee_id, org_unit, position, created_at) VALUES (?, ?, ?, ?, 'Logistics', 'Supply specialist', 't')").run(`s-${n}`, `S-${n}`, realName, `E-${n}`);
  db.prepare(
    `INSERT INTO cases (id, number, subject_id, title, program, status, risk, assigned_to, created_by, created_at, updated_at, last_activity_at)
     VALUES (?, ?, ?, 'Gambling debt', 'dod', 'open', 'low', ?, ?, 't', 't', 't')`,
  ).run(`c-${n}`, `OR-2026-${n}`, `s-${n}`, assigned, creator);
  db.prepare("INSERT INTO case_members (case_id, user_name) VALUES (?, ?)").run(`c-${n}`, creator);
  db.prepare("INSERT INTO reports (id, case_id, received_on, how_received, narrative, created_by, created_at) VALUES (?, ?, '2026-01-02', 'hotline', ?, ?, 't')").run(`r-${n}`, `c-${n}`, narrative, creator);
  // The index as Offramp wrote it before 0010: real name, org unit and position included.
  const rowid = (db.prepare('SELECT rowid AS r FROM cases WHERE id = ?').get(`c-${n}`) as { r: number }).r;
  db.prepare('INSERT INTO case_fts (rowid, body) VALUES (?, ?)').run(rowid, [`OR-2026-${n}`, 'Gambling debt', `S-${n}`, realName, 'Logistics', 'Supply specialist', narrative].join('\n'));
};

const audit = (seq: number, actor: string, caseId: string | null) =>
  db.prepare("INSERT INTO audit_events (seq, at, actor, action, case_id, detail, prev_hash, hash) VALUES (?, 't', ?, 'indicator.add', ?, '{}', 'p', 'h')").run(seq, actor, caseId);

const matches = (q: string) => (db.prepare('SELECT count(*) AS n FROM case_fts WHERE case_fts MATCH ?').get(q) as { n: number }).n;

describe('migration 0010 (case teams, names out of the search index)', () => {
  it('gives each case its creator as lead and its past workers as members, tells the manager once, and leaves no name in the index', () => {
    const before = versionBefore(migration0010);
    expect(before).toBe(8);
    db = freshDb(before);
    expect(schemaVersion(db)).toBe(8);
    user('Dana Whitfield', 'program_manager');
    user('Ana Ruiz', 'analyst');
    user('Ben Cho', 'analyst');
    user('Lee Okafor', 'legal');
    user('Old Timer', 'analyst', true);
    insertCase('0001', 'Ana Ruiz', 'Ana Ruiz', 'Ted Marlow', 'Ted Marlow owes money at the casino');
    insertCase('0002', 'Ben Cho', 'Ana Ruiz', 'Mona Patel', 'Payroll question');
    audit(1, 'Ben Cho', 'c-0001');
    audit(2, 'Lee Okafor', 'c-0001');
    audit(3, 'Dana Whitfield', 'c-0001');
    audit(4, 'Old Timer', 'c-0001');
    audit(5, 'Lee Okafor', null);
    expect(matches('Marlow')).toBe(1);
    expect(matches('Logistics')).toBe(2);

    expect(migrate(db, migration0010.version)).toEqual({ from: 8, to: 10 });

    const leads = db.prepare('SELECT number, assigned_to FROM cases ORDER BY number').all();
    expect(leads).toEqual([
      { number: 'OR-2026-0001', assigned_to: 'Ana Ruiz' },
      { number: 'OR-2026-0002', assigned_to: 'Ben Cho' },
    ]);
    const members = db.prepare('SELECT case_id, user_name, case_role FROM case_members ORDER BY case_id, user_name').all();
    expect(members).toEqual([
      { case_id: 'c-0001', user_name: 'Ben Cho', case_role: 'member' },
      { case_id: 'c-0001', user_name: 'Lee Okafor', case_role: 'legal' },
      // Assigned to Ana before: she stays on the team as a member.
      { case_id: 'c-0002', user_name: 'Ana Ruiz', case_role: 'member' },
    ]);
    const notice = JSON.parse((db.prepare("SELECT value FROM settings WHERE key = 'team.migrationNotice'").get() as { value: string }).value) as unknown;
    expect(notice).toEqual({ cases: 2, leads: 2, memberships: 3, added: 1 });
    // Told once, to the program manager only.
    expect(takeMigrationNotice(db, { name: 'Ana Ruiz', role: 'analyst' }, new Date())).toBeNull();
    expect(takeMigrationNotice(db, { name: 'Dana Whitfield', role: 'program_manager' }, new Date())).toEqual(notice);
    expect(takeMigrationNotice(db, { name: 'Dana Whitfield', role: 'program_manager' }, new Date())).toBeNull();
    expect(() => db.prepare("INSERT INTO case_members (case_id, user_name, case_role) VALUES ('c-0002', 'X', 'owner')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO case_team_changes (id, case_id, at, actor, change, user_name, case_role, reason) VALUES ('i', 'c-0001', 't', 'a', 'steal', 'u', NULL, 'r')").run()).toThrow(/CHECK/);

    // Names, employee ids, org unit and position are gone from the index and its stored text; the rest still matches.
    for (const q of ['Marlow', 'Ted', 'Mona', 'Patel', 'Logistics', '"Supply specialist"', '"E 0001"']) expect(matches(q), q).toBe(0);
    expect(matches('casino')).toBe(1);
    expect(matches('"S-0002"')).toBe(1);
    const stored = (db.prepare('SELECT group_concat(c0, char(10)) AS b FROM case_fts_content').get() as { b: string }).b;
    expect(stored).not.toMatch(/Marlow|Patel|Logistics|Supply specialist|E-0001/);
    db.exec("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, 'case_fts', 'row')");
    const terms = (db.prepare('SELECT term FROM temp.terms').all() as { term: string }[]).map((t) => t.term);
    expect(terms).toContain('casino');
    expect(terms.filter((t) => ['ted', 'marlow', 'mona', 'patel', 'logistics', 'supply', 'specialist'].includes(t))).toEqual([]);
    // The segments hold one merged level with no leftover of the deleted rows.
    const blobs = db.prepare('SELECT block FROM case_fts_data').all() as { block: Buffer | null }[];
    for (const b of blobs) if (b.block !== null) expect(b.block.toString('latin1')).not.toMatch(/marlow|patel|logistics/);
  });

  it('on a vault without cases adds the tables and writes no notice', () => {
    db = freshDb(versionBefore(migration0010));
    expect(migrate(db, migration0010.version)).toEqual({ from: 8, to: 10 });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'team.migrationNotice'").get()).toBeUndefined();
    const strict = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'case_team_changes'").get() as { sql: string };
    expect(strict.sql.trim()).toMatch(/\) STRICT$/);
  });

  it('a notice that does not hold its four counts is an integrity failure, and stays until a program manager can be told', () => {
    db = freshDb(versionBefore(migration0010));
    migrate(db, migration0010.version);
    const manager = { name: 'Dana Whitfield', role: 'program_manager' } as const;
    const setNotice = db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('team.migrationNotice', ?)");
    for (const stored of ['{"cases": 2, "leads": 2}', '{"cases": 2, "leads": 2, "memberships": 3, "added": "one"}', 'not json']) {
      setNotice.run(stored);
      expect(() => takeMigrationNotice(db, manager, new Date())).toThrow(expect.objectContaining({ code: 'integrity' }));
      expect(db.prepare("SELECT value FROM settings WHERE key = 'team.migrationNotice'").get()).toEqual({ value: stored });
    }
    setNotice.run('{"cases": 2, "leads": 2, "memberships": 3, "added": 1}');
    expect(takeMigrationNotice(db, manager, new Date())).toEqual({ cases: 2, leads: 2, memberships: 3, added: 1 });
  });
});
