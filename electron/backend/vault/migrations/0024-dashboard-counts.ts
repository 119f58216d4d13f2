import type { Migration } from './types';

/** The days an obligation allows, by its timing (services/dashboard.ts, obligationAllowanceDays). */
const allowance = (o: string) => `CASE ${o}.timing WHEN 'immediately' THEN 1 WHEN 'promptly' THEN 7 ELSE 30 END`;

/** What one reporting record `r` says of its obligation `o`: on time, late, not required, or nothing yet (NULL). */
const outcomeOf = (o: string, r: string) => `CASE
    WHEN ${r}.outcome = 'not_required' THEN 'not_required'
    WHEN ${r}.outcome = 'reported' AND julianday(${r}.reported_on) - julianday(substr(${o}.computed_at, 1, 10)) <= ${allowance(o)} THEN 'on_time'
    WHEN ${r}.outcome = 'reported' AND julianday(${r}.reported_on) - julianday(substr(${o}.computed_at, 1, 10)) > ${allowance(o)} THEN 'late'
  END`;

/** Adds `by` for every pair of an obligation outside the program and a reporting record to its recipient, from `pairs` (a FROM … WHERE naming them `o` and `r`). */
const bump = (o: string, r: string, pairs: string, by: 1 | -1) => `
  INSERT INTO obligation_outcomes (outcome, n) SELECT outcome, ${by} FROM (SELECT ${outcomeOf(o, r)} AS outcome ${pairs}) WHERE outcome IS NOT NULL
    ON CONFLICT (outcome) DO UPDATE SET n = n + (${by});`;

const recordsOf = (o: 'new' | 'old') => `FROM reporting_records r WHERE r.case_id = ${o}.case_id AND r.recipient = ${o}.recipient AND ${o}.recipient != 'internal'`;
const obligationOf = (r: 'new' | 'old') => `FROM obligations o WHERE o.case_id = ${r}.case_id AND o.recipient = ${r}.recipient AND o.recipient != 'internal'`;

/**
 * The program dashboard without a walk of the hub.
 *
 * obligation_outcomes: how many external obligations were reported on time,
 * reported late, or found not required, over every case (closed ones too),
 * kept by triggers on obligations and reporting records in the same
 * transaction as each change, as home_counts is (migration 0012). The
 * dashboard read every obligation of the vault to count them.
 *
 * cases_active_created: the active cases by when they were opened, so the
 * dashboard's case ages count only the cases opened in the last 180 days (the
 * older ones are the rest of the active cases, from home_counts) instead of
 * every active case.
 */
export const migration0024: Migration = {
  version: 24,
  name: 'dashboard-counts',
  up: `
CREATE TABLE obligation_outcomes (
  outcome TEXT NOT NULL PRIMARY KEY,
  n INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO obligation_outcomes (outcome, n)
  SELECT outcome, count(*) FROM (SELECT ${outcomeOf('o', 'r')} AS outcome FROM obligations o JOIN reporting_records r ON r.case_id = o.case_id AND r.recipient = o.recipient WHERE o.recipient != 'internal')
  WHERE outcome IS NOT NULL GROUP BY outcome;

CREATE TRIGGER obligation_outcomes_record_insert AFTER INSERT ON reporting_records BEGIN${bump('o', 'new', obligationOf('new'), 1)}
END;
CREATE TRIGGER obligation_outcomes_record_delete AFTER DELETE ON reporting_records BEGIN${bump('o', 'old', obligationOf('old'), -1)}
END;
CREATE TRIGGER obligation_outcomes_record_update AFTER UPDATE ON reporting_records BEGIN${bump('o', 'old', obligationOf('old'), -1)}${bump('o', 'new', obligationOf('new'), 1)}
END;
CREATE TRIGGER obligation_outcomes_obligation_insert AFTER INSERT ON obligations BEGIN${bump('new', 'r', recordsOf('new'), 1)}
END;
CREATE TRIGGER obligation_outcomes_obligation_delete AFTER DELETE ON obligations BEGIN${bump('old', 'r', recordsOf('old'), -1)}
END;
CREATE TRIGGER obligation_outcomes_obligation_update AFTER UPDATE ON obligations BEGIN${bump('old', 'r', recordsOf('old'), -1)}${bump('new', 'r', recordsOf('new'), 1)}
END;

CREATE INDEX cases_active_created ON cases(created_at) WHERE status != 'closed';
`,
  // The triggers are the embedded engine's, as home_counts' are (data/postgres/schema.ts).
  postgres: `
CREATE TABLE obligation_outcomes (
  outcome text NOT NULL,
  n bigint NOT NULL,
  PRIMARY KEY (outcome)
);
CREATE INDEX cases_active_created ON cases(created_at) WHERE status != 'closed';
`,
};
