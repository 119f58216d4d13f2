import type { Migration } from './types';

/**
 * Why a subject's real name was revealed. The reason is the analyst's own words,
 * which may name people or details of the case, so it lives with the case (and
 * goes with it at disposition) rather than in the audit log, which outlives every
 * case. The audit event carries only the id of the row here.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'subject-reveals',
  up: `
CREATE TABLE subject_reveals (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  actor TEXT NOT NULL,
  at TEXT NOT NULL,
  reason TEXT NOT NULL
) STRICT;
CREATE INDEX subject_reveals_case ON subject_reveals(case_id, at);
`,
};
