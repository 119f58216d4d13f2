import type { Migration } from './types';

/**
 * Edits with reasons: each change to a case's title or program, its subject's
 * details or one of its reports is kept as one row — the fields changed with
 * their previous and new values, who, when and why. The row is case content
 * (it holds the old text), so it lives and is disposed of with its case; the
 * audit event of the edit names only the row and the fields.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'case-edits',
  up: `
CREATE TABLE case_edits (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  target TEXT NOT NULL CHECK (target IN ('case', 'subject', 'report')),
  target_id TEXT,
  changes TEXT NOT NULL CHECK (json_valid(changes) AND json_array_length(changes) > 0),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  edited_by TEXT NOT NULL,
  edited_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_edits_case ON case_edits(case_id, edited_at);
`,
};
