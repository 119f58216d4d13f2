import type { Migration } from './types';

const nl = 'char(10)';
/** Every text of one table's rows for the case, joined (NULL when the case has none). */
const texts = (table: string, columns: readonly string[]) =>
  `(SELECT group_concat(concat_ws(${nl}, ${columns.join(', ')}), ${nl}) FROM ${table} WHERE case_id = c.id)`;

/**
 * Case teams and need-to-know (shared/security/permissions.ts):
 *
 * - `case_members` gains the member's case role (member, legal, viewer); the
 *   case's lead is `cases.assigned_to`. Every current case gets its creator as
 *   lead; whoever it was assigned to before (when someone else) and every
 *   remaining user who appears in its audit log become members (legal users as
 *   legal). Program managers see every case and are not added; removed users
 *   are not added.
 * - `case_team_changes` keeps each later change with its reason.
 * - The full-text index is rebuilt without the subjects' real names, employee
 *   ids, org units and positions (names are not search terms; services/fts.ts
 *   keeps them out from now on), then optimized so the old tokens leave its
 *   segments (secure_delete zeroes the freed pages).
 * - The program manager is told once what changed (settings `team.migrationNotice`).
 */
export const migration0010: Migration = {
  version: 10,
  name: 'case-teams',
  up: `
ALTER TABLE case_members ADD COLUMN case_role TEXT NOT NULL DEFAULT 'member' CHECK (case_role IN ('member', 'legal', 'viewer'));
CREATE INDEX case_members_user ON case_members(user_name, case_id);

CREATE TABLE case_team_changes (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('assign', 'add', 'remove')),
  user_name TEXT NOT NULL,
  case_role TEXT CHECK (case_role IS NULL OR case_role IN ('lead', 'member', 'legal', 'viewer')),
  reason TEXT NOT NULL
) STRICT;
CREATE INDEX case_team_changes_case ON case_team_changes(case_id, at);

CREATE TEMP TABLE team_before AS SELECT count(*) AS n FROM case_members;

INSERT OR IGNORE INTO case_members (case_id, user_name, case_role)
  SELECT c.id, c.assigned_to, 'member' FROM cases c
  WHERE c.assigned_to IS NOT NULL AND c.assigned_to <> c.created_by;
UPDATE cases SET assigned_to = created_by WHERE assigned_to IS NOT created_by;
INSERT OR IGNORE INTO case_members (case_id, user_name, case_role)
  SELECT DISTINCT a.case_id, a.actor, CASE WHEN u.role = 'legal' THEN 'legal' ELSE 'member' END
  FROM audit_events a JOIN cases c ON c.id = a.case_id JOIN users u ON u.name = a.actor
  WHERE a.actor <> c.created_by AND u.role <> 'program_manager' AND u.removed_at IS NULL;
UPDATE case_members SET case_role = 'legal'
  WHERE user_name IN (SELECT name FROM users WHERE role = 'legal');
DELETE FROM case_members
  WHERE user_name IN (SELECT name FROM users WHERE role = 'program_manager' OR removed_at IS NOT NULL)
     OR user_name = (SELECT assigned_to FROM cases WHERE id = case_members.case_id);

INSERT INTO settings (key, value)
  SELECT 'team.migrationNotice', json_object(
    'cases', (SELECT count(*) FROM cases),
    'leads', (SELECT count(DISTINCT assigned_to) FROM cases),
    'memberships', (SELECT count(*) FROM case_members),
    'added', (SELECT count(*) FROM case_members) - (SELECT n FROM team_before))
  WHERE EXISTS (SELECT 1 FROM cases)
  ON CONFLICT (key) DO NOTHING;
DROP TABLE team_before;

DELETE FROM case_fts;
INSERT INTO case_fts (rowid, body)
  SELECT c.rowid,
    replace(replace(concat_ws(${nl}, c.number, c.title, s.display_id,
      ${texts('reports', ['narrative'])},
      ${texts('indicators', ['summary', 'detail', 'source'])},
      ${texts('analysis_items', ['text', 'answer', 'impact'])},
      ${texts('assessments', ['interest', 'motive', 'ability', 'rationale'])},
      ${texts('actions', ['notes'])},
      ${texts('reviews', ['what_changed', 'new_indicators', 'coordination'])},
      ${texts('evidence', ['name'])}), s.real_name, ''), s.employee_id, '')
  FROM cases c JOIN subjects s ON s.id = c.subject_id;
INSERT INTO case_fts (case_fts) VALUES ('optimize');
`,
};
