import type { Migration } from './types';

/**
 * The program's own reporting rules, kept as versions: each save adds a row
 * with the whole validated document (shared/domain/programRules/schema.ts),
 * who saved it, when, and why. The newest version is the one in force; older
 * ones stay as the history. Rows are never updated.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'program-rules',
  up: `
CREATE TABLE program_rules_versions (
  version INTEGER PRIMARY KEY CHECK (version >= 1),
  document TEXT NOT NULL CHECK (json_valid(document)),
  saved_by TEXT NOT NULL CHECK (length(saved_by) > 0),
  saved_at TEXT NOT NULL CHECK (length(saved_at) > 0),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;
`,
};
