import type { Migration } from './types';

/**
 * Indexes for a hub of 100,000 cases (measured with npm run bench).
 *
 * Case-list pages: the list orders by the chosen column, then by case number.
 * With an index on exactly that pair, a page of a large result is read in index
 * order and stops after one page instead of sorting every matching case (see
 * listCases). Each index also carries the list's filter columns, so rows that do
 * not pass the filters are skipped inside the index without reading the case,
 * and counts are answered from an index alone. The risk and pathway-stage sorts
 * use the same rank expressions as listCases, so SQLite matches them to these
 * indexes. The older filter indexes led with the same columns and ended with
 * the last-activity time, which every change to a case rewrites; they go.
 *
 * Strategies by case: opening a case read every strategy of the vault.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'indexes-at-scale',
  up: `
DROP INDEX cases_status_activity;
DROP INDEX cases_activity;
DROP INDEX cases_risk;
DROP INDEX cases_program;
DROP INDEX cases_next_review;
DROP INDEX cases_assigned;
DROP INDEX cases_subject;
CREATE INDEX cases_sort_number ON cases(number, status, risk, program, assigned_to);
CREATE INDEX cases_sort_activity ON cases(last_activity_at, number, status, risk, program, assigned_to);
CREATE INDEX cases_sort_next_review ON cases(next_review, number, status, risk, program, assigned_to);
CREATE INDEX cases_sort_risk ON cases((CASE risk WHEN 'low' THEN 0 WHEN 'moderate' THEN 1 WHEN 'high' THEN 2 ELSE 3 END), number, status, risk, program, assigned_to);
CREATE INDEX cases_sort_stage ON cases((CASE furthest_stage WHEN 'predisposition' THEN 0 WHEN 'stressor' THEN 1 WHEN 'concerning_behavior' THEN 2 ELSE -1 END), number, status, risk, program, assigned_to);
CREATE INDEX cases_sort_program ON cases(program, number, status, risk, assigned_to);
CREATE INDEX cases_sort_status ON cases(status, number, risk, program, assigned_to, furthest_stage);
CREATE INDEX cases_sort_assigned ON cases(assigned_to, number, status, risk, program);
CREATE INDEX cases_subject ON cases(subject_id, status, risk, program, assigned_to);
CREATE INDEX strategies_case ON strategies(case_id, created_at);
`,
};
