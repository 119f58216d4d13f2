import { caseText, itemRowid, SEARCHED_ITEMS, textOf } from './0012-counts-search-tags';
import type { Migration } from './types';

/**
 * How many low bits of a search row's id number the items of one case: the id
 * of every row of the search index is the case's search key × 2^24 plus the
 * item's place in that case (0 for the case's own row). A search then knows
 * the case of each match from the match itself.
 */
export const SEARCH_ITEM_BITS = 24;
const span = 2 ** SEARCH_ITEM_BITS;

const searchedTables = [{ table: 'cases', kind: 'case', columns: ['number', 'title', 'subject_id'] }, ...SEARCHED_ITEMS];

/** The next free search row id of the case `caseId` (an SQL expression). */
const nextRowid = (caseId: string) => `coalesce(
    (SELECT si.rowid + 1 FROM cases k JOIN search_items si ON si.rowid BETWEEN k.search_key * ${span} AND k.search_key * ${span} + ${span - 1} WHERE k.id = ${caseId} ORDER BY si.rowid DESC LIMIT 1),
    (SELECT k.search_key * ${span} + 1 FROM cases k WHERE k.id = ${caseId}))`;

function triggers(table: string, kind: string, columns: readonly string[], text: (row: 'new' | 'old') => string): string {
  const insert =
    table === 'cases'
      ? `UPDATE cases SET search_key = (SELECT coalesce(max(search_key), 0) + 1 FROM cases) WHERE id = new.id AND search_key IS NULL;
  INSERT INTO search_items (rowid, case_id, kind, item_id) VALUES ((SELECT search_key * ${span} FROM cases WHERE id = new.id), new.id, 'case', new.id);`
      : `INSERT INTO search_items (rowid, case_id, kind, item_id) VALUES (${nextRowid('new.case_id')}, new.case_id, '${kind}', new.id);`;
  return `
CREATE TRIGGER search_${table}_insert AFTER INSERT ON ${table} BEGIN
  ${insert}
  INSERT INTO search_fts (rowid, body) VALUES (${itemRowid(kind, 'new.id')}, ${text('new')});
END;
CREATE TRIGGER search_${table}_update AFTER UPDATE OF ${columns.join(', ')} ON ${table} BEGIN
  DELETE FROM search_fts WHERE rowid = ${itemRowid(kind, 'old.id')};
  INSERT INTO search_fts (rowid, body) VALUES (${itemRowid(kind, 'new.id')}, ${text('new')});
END;
CREATE TRIGGER search_${table}_delete AFTER DELETE ON ${table} BEGIN
  DELETE FROM search_items WHERE kind = '${kind}' AND item_id = old.id;
END;
INSERT INTO search_fts (rowid, body) SELECT ${itemRowid(kind, 'new.id')}, ${text('new')} FROM ${table} AS new;
`;
}

/**
 * Search that finds cases without looking each match up.
 *
 * Before, a search mapped every matching item to its case through one lookup
 * in search_items per match: tens of thousands of lookups for a common word,
 * each a page read (and, in the vault, a page decrypted), three times per
 * search. Now each case has a stable integer search key (cases.search_key, an
 * explicit column, so VACUUM keeps it) and the index's row ids are numbered
 * per case (key × 2^24 + item), so the case of a match is its row id shifted
 * right: counting the matching cases reads only the index, and a case's
 * matches are one range of row ids.
 *
 * The index is rebuilt from the source rows with the new numbering; what is
 * indexed (SEARCHED_ITEMS, never a real name or an employee id) is unchanged.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'search-by-case-key',
  up: `
ALTER TABLE cases ADD COLUMN search_key INTEGER;
UPDATE cases SET search_key = k.n FROM (SELECT id, row_number() OVER (ORDER BY number, id) AS n FROM cases) AS k WHERE k.id = cases.id;
CREATE UNIQUE INDEX cases_search_key ON cases(search_key);

${searchedTables.map((s) => `DROP TRIGGER IF EXISTS search_${s.table}_insert;\nDROP TRIGGER IF EXISTS search_${s.table}_update;\nDROP TRIGGER IF EXISTS search_${s.table}_delete;`).join('\n')}
DROP TRIGGER IF EXISTS search_items_delete;
DROP TRIGGER IF EXISTS search_subject_update;
DROP TABLE search_fts;
DROP TABLE search_items;

CREATE TABLE search_items (
  rowid INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL
) STRICT;
INSERT INTO search_items (rowid, case_id, kind, item_id)
  SELECT c.search_key * ${span} + row_number() OVER (PARTITION BY c.id ORDER BY i.kind <> 'case', i.kind, i.item_id) - 1, c.id, i.kind, i.item_id
  FROM (SELECT id AS case_id, 'case' AS kind, id AS item_id FROM cases
        ${SEARCHED_ITEMS.map((s) => `UNION ALL SELECT case_id, '${s.kind}', id FROM ${s.table}`).join('\n        ')}) AS i
  JOIN cases c ON c.id = i.case_id;
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
${triggers('cases', 'case', ['number', 'title', 'subject_id'], caseText)}
CREATE TRIGGER search_subject_update AFTER UPDATE OF display_id ON subjects BEGIN
  DELETE FROM search_fts WHERE rowid IN (SELECT si.rowid FROM cases c JOIN search_items si ON si.kind = 'case' AND si.item_id = c.id WHERE c.subject_id = new.id);
  INSERT INTO search_fts (rowid, body) SELECT si.rowid, ${caseText('new').replace(/new\./g, 'c.')} FROM cases c JOIN search_items si ON si.kind = 'case' AND si.item_id = c.id WHERE c.subject_id = new.id;
END;
${SEARCHED_ITEMS.map((s) => triggers(s.table, s.kind, s.columns, (row) => textOf(row, s.columns))).join('')}
INSERT INTO search_fts (search_fts) VALUES ('optimize');
`,
};
