import type { Migration } from './types';

/**
 * The first schema: every table of the casework model. Tables are STRICT; ids are
 * random text; dates are ISO strings (YYYY-MM-DD for calendar dates, full
 * timestamps for events). The audit log cannot be updated or deleted (triggers).
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE users (
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  created_at TEXT NOT NULL,
  removed_at TEXT
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE subjects (
  id TEXT PRIMARY KEY,
  display_id TEXT NOT NULL UNIQUE,
  real_name TEXT NOT NULL,
  employee_id TEXT NOT NULL DEFAULT '',
  org_unit TEXT NOT NULL DEFAULT '',
  position TEXT NOT NULL DEFAULT '',
  clearance TEXT NOT NULL DEFAULT '',
  facility_access TEXT NOT NULL DEFAULT '',
  system_access TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  subject_id TEXT NOT NULL REFERENCES subjects(id),
  title TEXT NOT NULL,
  program TEXT NOT NULL,
  status TEXT NOT NULL,
  risk TEXT NOT NULL,
  furthest_stage TEXT,
  assigned_to TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  next_review TEXT,
  legal_hold INTEGER NOT NULL DEFAULT 0,
  closed_at TEXT,
  closure_reason TEXT,
  source_packet_id TEXT
) STRICT;
CREATE INDEX cases_status_activity ON cases(status, last_activity_at DESC);
CREATE INDEX cases_activity ON cases(last_activity_at DESC);
CREATE INDEX cases_risk ON cases(risk, last_activity_at DESC);
CREATE INDEX cases_program ON cases(program, last_activity_at DESC);
CREATE INDEX cases_next_review ON cases(next_review);
CREATE INDEX cases_assigned ON cases(assigned_to, last_activity_at DESC);
CREATE INDEX cases_subject ON cases(subject_id);

CREATE TABLE case_members (
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  user_name TEXT NOT NULL,
  PRIMARY KEY (case_id, user_name)
) STRICT, WITHOUT ROWID;

CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  received_on TEXT NOT NULL,
  how_received TEXT NOT NULL,
  reporter TEXT NOT NULL DEFAULT '',
  reporter_confidential INTEGER NOT NULL DEFAULT 0,
  narrative TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX reports_case ON reports(case_id, received_on);

CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  report_id TEXT REFERENCES reports(id) ON DELETE SET NULL,
  category TEXT NOT NULL,
  stage TEXT NOT NULL,
  observed_on TEXT NOT NULL,
  summary TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL,
  corroboration TEXT NOT NULL,
  basis TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX indicators_case ON indicators(case_id, observed_on);

CREATE TABLE indicator_history (
  id INTEGER PRIMARY KEY,
  indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  snapshot TEXT NOT NULL
) STRICT;
CREATE INDEX indicator_history_indicator ON indicator_history(indicator_id, version);

CREATE TABLE analysis_items (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  question_kind TEXT,
  answer TEXT NOT NULL DEFAULT '',
  sources TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open',
  justified INTEGER,
  impact TEXT NOT NULL DEFAULT '',
  discipline TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX analysis_case ON analysis_items(case_id, kind);

CREATE TABLE checklist_items (
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL,
  addressed INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (case_id, item_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE assessments (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  interest TEXT NOT NULL DEFAULT '',
  motive TEXT NOT NULL DEFAULT '',
  ability TEXT NOT NULL DEFAULT '',
  imminence TEXT NOT NULL,
  risk TEXT NOT NULL,
  rationale TEXT NOT NULL,
  le_criteria TEXT NOT NULL DEFAULT '[]',
  is_final INTEGER NOT NULL DEFAULT 0,
  assessed_by TEXT NOT NULL,
  assessed_at TEXT NOT NULL
) STRICT;
CREATE INDEX assessments_case ON assessments(case_id, assessed_at);

CREATE TABLE determinations (
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  fact_id TEXT NOT NULL,
  value TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (case_id, fact_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE strategies (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  strategy_id TEXT REFERENCES strategies(id) ON DELETE SET NULL,
  option_id TEXT NOT NULL,
  owner_discipline TEXT NOT NULL,
  owner_person TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  due_on TEXT,
  notes TEXT NOT NULL DEFAULT '',
  legal_signoff_by TEXT,
  legal_signoff_at TEXT,
  warning_justification TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX actions_case ON actions(case_id, status);

CREATE TABLE obligations (
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  recipient TEXT NOT NULL,
  basis TEXT NOT NULL,
  citation TEXT NOT NULL,
  timing TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (case_id, recipient)
) STRICT, WITHOUT ROWID;

CREATE TABLE reporting_records (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  recipient TEXT NOT NULL,
  outcome TEXT NOT NULL,
  reported_on TEXT,
  method TEXT NOT NULL DEFAULT '',
  reference TEXT NOT NULL DEFAULT '',
  reported_by TEXT NOT NULL DEFAULT '',
  justification TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX reporting_case ON reporting_records(case_id, recipient);

CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  held_on TEXT NOT NULL,
  what_changed TEXT NOT NULL DEFAULT '',
  effectiveness TEXT NOT NULL DEFAULT '{}',
  new_indicators TEXT NOT NULL DEFAULT '',
  coordination TEXT NOT NULL DEFAULT '',
  next_review TEXT,
  reviewed_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX reviews_case ON reviews(case_id, held_on);

CREATE TABLE evidence (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content BLOB NOT NULL,
  received_on TEXT NOT NULL,
  source TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX evidence_case ON evidence(case_id);

CREATE TABLE custody_events (
  id INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  evidence_id TEXT REFERENCES evidence(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX custody_case ON custody_events(case_id, at);

CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  case_id TEXT,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_case ON audit_events(case_id, seq);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_events BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_events BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Full-text index over all of a case's text: one row per case, its rowid the
-- case's rowid, rewritten by the services whenever the case's text changes.
CREATE VIRTUAL TABLE case_fts USING fts5(
  body,
  tokenize = 'unicode61 remove_diacritics 2'
);
`,
};
