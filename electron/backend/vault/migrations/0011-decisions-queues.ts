import type { Migration } from './types';

/**
 * Separation of duties and work queues. `decision_reasons` keeps the reason a
 * user confirmed a weighty step with (discontinuing an action, closing or
 * reopening a case), linked from the step's audit event by id so the audit log
 * holds no case text. The indexes let each user's work queue seek what waits for
 * them instead of reading every case: actions by status and due date (legal's
 * sign-off queue, past-due actions), case membership by user ("my cases") and
 * final assessments (closures waiting for the program manager).
 *
 * It also brings every case's stored risk and next review to what the one
 * schedule function (shared/model/schedule.ts, default review policy) computes,
 * so the list and Home agree with the case screens from the first unlock: a case
 * never assessed is "not assessed" with no review date; a closed case has none;
 * any other is due the risk level's interval after the later of its last review
 * and its latest assessment (local date; at most 30 days once the person is
 * separated), or earlier when an open action falls due first.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'decisions-queues',
  up: `
CREATE TABLE decision_reasons (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  target_id TEXT,
  reason TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
) STRICT;
CREATE INDEX decision_reasons_case ON decision_reasons(case_id, at);
CREATE INDEX actions_status_due ON actions(status, due_on);
CREATE INDEX IF NOT EXISTS case_members_user ON case_members(user_name, case_id);
CREATE INDEX assessments_final ON assessments(case_id) WHERE is_final = 1;

UPDATE cases SET risk = 'not_assessed', next_review = NULL WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = cases.id);
UPDATE cases SET risk = (SELECT a.risk FROM assessments a WHERE a.case_id = cases.id ORDER BY a.assessed_at DESC LIMIT 1)
  WHERE EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = cases.id);
UPDATE cases SET next_review = NULL WHERE status = 'closed';
UPDATE cases SET next_review = (
  SELECT min(
    date(
      max(coalesce((SELECT max(r.held_on) FROM reviews r WHERE r.case_id = cases.id), ''), date(la.assessed_at, 'localtime')),
      '+' || (CASE WHEN EXISTS (SELECT 1 FROM determinations d WHERE d.case_id = cases.id AND d.fact_id = 'subject_separated' AND d.value = 'yes') THEN min(la.days, 30) ELSE la.days END) || ' days'
    ),
    coalesce((SELECT min(x.due_on) FROM actions x WHERE x.case_id = cases.id AND x.status IN ('proposed', 'legal_review', 'approved', 'in_progress') AND x.due_on IS NOT NULL), '9999-12-31')
  )
  FROM (
    SELECT a.assessed_at, CASE a.risk WHEN 'low' THEN 90 WHEN 'moderate' THEN 30 WHEN 'high' THEN 14 ELSE 7 END AS days
    FROM assessments a WHERE a.case_id = cases.id ORDER BY a.assessed_at DESC LIMIT 1
  ) la
) WHERE status != 'closed' AND EXISTS (SELECT 1 FROM assessments a WHERE a.case_id = cases.id);
`,
};
