import { caseText, SEARCHED_ITEMS, textOf } from './0012-counts-search-tags';
import { SEARCH_ITEM_BITS } from './0018-search-by-case-key';
import type { Migration } from './types';

/**
 * The words of a whole case (an SQL expression over the case row `c`): its own
 * row's text and every searched item's, one line each — the same text the item
 * index holds, so the two agree on every word.
 */
export const wholeCaseText = `${caseText('new').replace(/new\./g, 'c.')}${SEARCHED_ITEMS.map(
  (s) => ` || char(10) || coalesce((SELECT group_concat(${textOf('new', s.columns).replace(/new\./g, 'i.')}, char(10)) FROM ${s.table} i WHERE i.case_id = c.id), '')`,
).join('')}`;

const staleOnChange = (table: string, columns: readonly string[], key: string) => `
CREATE TRIGGER search_case_stale_${table}_update AFTER UPDATE OF ${columns.join(', ')} ON ${table} BEGIN
  INSERT OR IGNORE INTO search_case_stale (search_key) SELECT ${key};
END;`;

/**
 * Search that counts and pages cases from an index of cases.
 *
 * The item index (search_fts) answers "which items hold this word": for a
 * common word that is most items of most cases (about 171,000 at 10,000 cases
 * for "report"), and a search read all of them to learn which cases match,
 * twice (count and page). search_case_fts holds one row per case (row id = the
 * case's search key) with the words of all its items, so the same question
 * reads at most one entry per case; it stores no text (contentless) and only
 * which cases hold a word (detail = none: no positions, no counts).
 *
 * Writes do not rewrite a case's row: a change to a searched item, a case or a
 * subject's pseudonym only marks the case in search_case_stale (one small row),
 * and the row is rebuilt later — at the next search, when the vault is idle,
 * or at lock (services/fts.ts, vault/maintenance.ts). Until then a search
 * answers for that case from the item index, so results never lag a change.
 * What is indexed (SEARCHED_ITEMS, never a real name or an employee id) is
 * unchanged.
 */
export const migration0022: Migration = {
  version: 22,
  name: 'search-by-case',
  up: `
CREATE VIRTUAL TABLE search_case_fts USING fts5(
  body,
  content = '',
  contentless_delete = 1,
  detail = none,
  tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO search_case_fts (search_case_fts, rank) VALUES ('automerge', 0);
CREATE TABLE search_case_stale (search_key INTEGER PRIMARY KEY) STRICT;

CREATE TRIGGER search_case_stale_item_insert AFTER INSERT ON search_items BEGIN
  INSERT OR IGNORE INTO search_case_stale (search_key) VALUES (new.rowid >> ${SEARCH_ITEM_BITS});
END;
CREATE TRIGGER search_case_stale_item_delete AFTER DELETE ON search_items BEGIN
  INSERT OR IGNORE INTO search_case_stale (search_key) VALUES (old.rowid >> ${SEARCH_ITEM_BITS});
END;
${staleOnChange('cases', ['number', 'title', 'subject_id'], 'new.search_key')}
${SEARCHED_ITEMS.map((s) => staleOnChange(s.table, s.columns, `search_key FROM cases WHERE id = new.case_id`)).join('')}
${staleOnChange('subjects', ['display_id'], 'search_key FROM cases WHERE subject_id = new.id AND search_key IS NOT NULL')}

INSERT INTO search_case_fts (rowid, body) SELECT c.search_key, ${wholeCaseText} FROM cases c WHERE c.search_key IS NOT NULL;
INSERT INTO search_case_fts (search_case_fts) VALUES ('optimize');
`,
  // The index of cases and its list of stale rows are FTS5's bookkeeping; a hub
  // has no full-text tables of this engine, so nothing changes there.
  postgres: '-- the index of cases is the embedded engine\'s own (see schema.ts, ENGINE_TABLES)',
};
