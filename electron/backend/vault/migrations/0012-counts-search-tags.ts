import type { Migration } from './types';

/**
 * What is searched, one row per item. Each entry names the table, the kind of
 * item, and the columns whose text is indexed. Direct identifiers of a person
 * (real name, employee id, org unit, position) are never listed here, and no
 * table holding them is: the search index must not become a second copy of who
 * the subject is. A case's own row is indexed by its number, title and the
 * subject's pseudonym (see the case triggers below).
 */
export const SEARCHED_ITEMS: readonly { table: string; kind: string; columns: readonly string[] }[] = [
  { table: 'reports', kind: 'report', columns: ['narrative'] },
  { table: 'indicators', kind: 'indicator', columns: ['summary', 'detail', 'source'] },
  { table: 'analysis_items', kind: 'analysis', columns: ['text', 'answer', 'impact'] },
  { table: 'assessments', kind: 'assessment', columns: ['interest', 'motive', 'ability', 'rationale'] },
  { table: 'actions', kind: 'action', columns: ['notes'] },
  { table: 'reviews', kind: 'review', columns: ['what_changed', 'new_indicators', 'coordination'] },
  { table: 'evidence', kind: 'evidence', columns: ['name'] },
];

export const textOf = (row: 'new' | 'old', columns: readonly string[]) => columns.map((c) => `coalesce(${row}.${c}, '')`).join(` || char(10) || `);
export const caseText = (row: 'new' | 'old') =>
  `${row}.number || char(10) || ${row}.title || char(10) || coalesce((SELECT display_id FROM subjects WHERE id = ${row}.subject_id), '')`;
export const itemRowid = (kind: string, id: string) => `(SELECT rowid FROM search_items WHERE kind = '${kind}' AND item_id = ${id})`;

function itemTriggers(table: string, kind: string, columns: readonly string[], text: (row: 'new' | 'old') => string): string {
  return `
CREATE TRIGGER search_${table}_insert AFTER INSERT ON ${table} BEGIN
  INSERT INTO search_items (case_id, kind, item_id) VALUES (new.${table === 'cases' ? 'id' : 'case_id'}, '${kind}', new.id);
  INSERT INTO search_fts (rowid, body) VALUES (${itemRowid(kind, 'new.id')}, ${text('new')});
END;
CREATE TRIGGER search_${table}_update AFTER UPDATE OF ${columns.join(', ')} ON ${table} BEGIN
  DELETE FROM search_fts WHERE rowid = ${itemRowid(kind, 'old.id')};
  INSERT INTO search_fts (rowid, body) VALUES (${itemRowid(kind, 'new.id')}, ${text('new')});
END;
CREATE TRIGGER search_${table}_delete AFTER DELETE ON ${table} BEGIN
  DELETE FROM search_items WHERE kind = '${kind}' AND item_id = old.id;
END;
INSERT INTO search_items (case_id, kind, item_id) SELECT ${table === 'cases' ? 'id' : 'case_id'}, '${kind}', id FROM ${table} AS new;
INSERT INTO search_fts (rowid, body) SELECT ${itemRowid(kind, 'new.id')}, ${text('new')} FROM ${table} AS new;
`;
}

const active = "status != 'closed'";
const riskKey = (row: 'new' | 'old') => `coalesce(${row}.risk, 'not_assessed')`;
const stageKey = (row: 'new' | 'old') => `coalesce(${row}.furthest_stage, 'none')`;
const bump = (row: 'new' | 'old', by: 1 | -1) => `
  INSERT INTO home_counts (bucket, key, n) VALUES ('risk', ${riskKey(row)}, ${by}) ON CONFLICT (bucket, key) DO UPDATE SET n = n + (${by});
  INSERT INTO home_counts (bucket, key, n) VALUES ('stage', ${stageKey(row)}, ${by}) ON CONFLICT (bucket, key) DO UPDATE SET n = n + (${by});`;

/** An obligation still owed: outside the program, on an active case, with no reporting record for its recipient. */
const stillOwed = (row: string) => `${row}.recipient != 'internal'
    AND EXISTS (SELECT 1 FROM cases c WHERE c.id = ${row}.case_id AND c.${active})
    AND NOT EXISTS (SELECT 1 FROM reporting_records r WHERE r.case_id = ${row}.case_id AND r.recipient = ${row}.recipient)`;

/**
 * Counts, search and tags for a hub of any size.
 *
 * Home counts: active cases by risk (with a "not_assessed" bucket for a case
 * without a risk) and by furthest pathway stage live in home_counts, and the
 * obligations still owed in pending_obligations, both kept by triggers in the
 * same transaction as the change, whichever service makes it. Home reads them
 * without a scan that grows with the hub. Overdue reviews are read through a
 * partial index of the active cases that have a review date.
 *
 * Search: the one-document-per-case index (case_fts), rewritten whole on every
 * change, is replaced by one row per item in a contentless FTS5 table
 * (search_fts, no stored copy of the text, deletable rows) kept by triggers.
 * search_items maps an index row to its case and item; deleting a mapping row
 * deletes its index row, so disposition, which empties every table with a
 * case_id, removes the case's index rows whatever the order. Merges are left to
 * idle time (automerge off; vault/maintenance.ts), never a user's commit.
 *
 * Tags on cases and saved list views (named filter and sort sets per user).
 */
export const migration0012: Migration = {
  version: 12,
  name: 'counts-search-tags',
  up: `
CREATE TABLE home_counts (
  bucket TEXT NOT NULL,
  key TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (bucket, key)
) STRICT, WITHOUT ROWID;
INSERT INTO home_counts (bucket, key, n) SELECT 'risk', ${riskKey('new')}, count(*) FROM cases AS new WHERE ${active} GROUP BY 2;
INSERT INTO home_counts (bucket, key, n) SELECT 'stage', ${stageKey('new')}, count(*) FROM cases AS new WHERE ${active} GROUP BY 2;
CREATE TRIGGER home_counts_case_insert AFTER INSERT ON cases WHEN new.${active} BEGIN${bump('new', 1)}
END;
CREATE TRIGGER home_counts_case_delete AFTER DELETE ON cases WHEN old.${active} BEGIN${bump('old', -1)}
END;
CREATE TRIGGER home_counts_case_update_old AFTER UPDATE OF status, risk, furthest_stage ON cases WHEN old.${active} BEGIN${bump('old', -1)}
END;
CREATE TRIGGER home_counts_case_update_new AFTER UPDATE OF status, risk, furthest_stage ON cases WHEN new.${active} BEGIN${bump('new', 1)}
END;

CREATE TABLE pending_obligations (
  case_id TEXT NOT NULL,
  recipient TEXT NOT NULL,
  PRIMARY KEY (case_id, recipient)
) STRICT, WITHOUT ROWID;
INSERT OR IGNORE INTO pending_obligations (case_id, recipient) SELECT new.case_id, new.recipient FROM obligations AS new WHERE ${stillOwed('new')};
CREATE TRIGGER pending_obligation_insert AFTER INSERT ON obligations WHEN ${stillOwed('new')} BEGIN
  INSERT OR IGNORE INTO pending_obligations (case_id, recipient) VALUES (new.case_id, new.recipient);
END;
CREATE TRIGGER pending_obligation_delete AFTER DELETE ON obligations BEGIN
  DELETE FROM pending_obligations WHERE case_id = old.case_id AND recipient = old.recipient
    AND NOT EXISTS (SELECT 1 FROM obligations o WHERE o.case_id = old.case_id AND o.recipient = old.recipient);
END;
CREATE TRIGGER pending_obligation_update AFTER UPDATE OF case_id, recipient ON obligations BEGIN
  DELETE FROM pending_obligations WHERE case_id = old.case_id AND recipient = old.recipient
    AND NOT EXISTS (SELECT 1 FROM obligations o WHERE o.case_id = old.case_id AND o.recipient = old.recipient);
  INSERT OR IGNORE INTO pending_obligations (case_id, recipient) SELECT new.case_id, new.recipient WHERE ${stillOwed('new')};
END;
CREATE TRIGGER pending_obligation_reported AFTER INSERT ON reporting_records BEGIN
  DELETE FROM pending_obligations WHERE case_id = new.case_id AND recipient = new.recipient;
END;
CREATE TRIGGER pending_obligation_unreported AFTER DELETE ON reporting_records BEGIN
  INSERT OR IGNORE INTO pending_obligations (case_id, recipient) SELECT o.case_id, o.recipient FROM obligations o WHERE o.case_id = old.case_id AND o.recipient = old.recipient AND ${stillOwed('o')};
END;
CREATE TRIGGER pending_obligation_case_status AFTER UPDATE OF status ON cases BEGIN
  DELETE FROM pending_obligations WHERE case_id = old.id AND NOT new.${active};
  INSERT OR IGNORE INTO pending_obligations (case_id, recipient) SELECT o.case_id, o.recipient FROM obligations o WHERE o.case_id = new.id AND ${stillOwed('o')};
END;
CREATE TRIGGER pending_obligation_case_delete AFTER DELETE ON cases BEGIN
  DELETE FROM pending_obligations WHERE case_id = old.id;
END;
CREATE INDEX cases_review_due ON cases(next_review) WHERE ${active} AND next_review IS NOT NULL;

DROP TABLE case_fts;
CREATE TABLE search_items (
  rowid INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX search_items_item ON search_items(kind, item_id);
CREATE INDEX search_items_case ON search_items(case_id);
CREATE VIRTUAL TABLE search_fts USING fts5(
  body,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 0);
CREATE TRIGGER search_items_delete AFTER DELETE ON search_items BEGIN
  DELETE FROM search_fts WHERE rowid = old.rowid;
END;
${itemTriggers('cases', 'case', ['number', 'title', 'subject_id'], caseText)}
CREATE TRIGGER search_subject_update AFTER UPDATE OF display_id ON subjects BEGIN
  DELETE FROM search_fts WHERE rowid IN (SELECT si.rowid FROM cases c JOIN search_items si ON si.kind = 'case' AND si.item_id = c.id WHERE c.subject_id = new.id);
  INSERT INTO search_fts (rowid, body) SELECT si.rowid, ${caseText('new').replace(/new\./g, 'c.')} FROM cases c JOIN search_items si ON si.kind = 'case' AND si.item_id = c.id WHERE c.subject_id = new.id;
END;
${SEARCHED_ITEMS.map((s) => itemTriggers(s.table, s.kind, s.columns, (row) => textOf(row, s.columns))).join('')}

CREATE TABLE case_tags (
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  tag TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 40),
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  PRIMARY KEY (case_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_tags_tag ON case_tags(tag, case_id);

CREATE TABLE saved_views (
  id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  filters TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (owner, name)
) STRICT;
`,
};
