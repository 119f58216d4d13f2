import type { Migration } from './types';

/**
 * Retention and legal holds. Rules are keyed by case status and program ('any'
 * for every program without its own rule). A legal hold's details live beside
 * the case's legal_hold flag; the row goes with the case.
 *
 * FTS5 keeps deleted tokens in its index segments until they are merged, unless
 * its secure-delete option is on: disposition must leave no trace of a case's
 * text, so the option is switched on here, once, for the vault's index.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'retention',
  up: `
CREATE TABLE retention_rules (
  status TEXT NOT NULL,
  program TEXT NOT NULL,
  years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),
  measured_from TEXT NOT NULL CHECK (measured_from IN ('closure', 'last_activity')),
  authority TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (status, program)
) STRICT, WITHOUT ROWID;

CREATE TABLE legal_holds (
  case_id TEXT PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
  reference TEXT NOT NULL DEFAULT '',
  placed_by TEXT NOT NULL,
  placed_at TEXT NOT NULL
) STRICT;

INSERT INTO case_fts (case_fts, rank) VALUES ('secure-delete', 1);
`,
};
