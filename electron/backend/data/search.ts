import type { Db } from '../vault/database';
import { SEARCHED_ITEMS } from '../vault/migrations/0012-counts-search-tags';
import { SEARCH_ITEM_BITS } from '../vault/migrations/0018-search-by-case-key';

/**
 * The item index (search_fts, migration 0012; row ids numbered per case,
 * migration 0018) and the searched items' text, as full-text search reads
 * them. The index holds one row per item — the case itself (number, title,
 * pseudonym), each report, indicator, analysis item, assessment, action,
 * review and evidence name — kept by triggers; it is contentless, so a snippet
 * is cut from the item's own row. Engine-specific (FTS5): these are plain
 * statements on the vault's connection, because the case list that runs them
 * is synchronous.
 */

const span = 2 ** SEARCH_ITEM_BITS;

/** The search keys of the cases with an item matching the FTS query `param` (an SQL term over the case row `c`). */
export function searchedCaseKeys(param: string): string {
  return `c.search_key IN (SELECT rowid >> ${SEARCH_ITEM_BITS} FROM search_fts WHERE search_fts MATCH ${param})`;
}

/** One searched item of a case, in the index's order: its kind and its own row's id. */
export interface ItemRef {
  kind: string;
  itemId: string;
}

/**
 * The searched items of each of the cases with these search keys, each case's
 * in the order the index numbers them (the case's own row first, then as they
 * were added), in one statement that reads each case's range of row ids.
 */
export function itemsOfCases(db: Db, searchKeys: readonly number[]): Map<number, ItemRef[]> {
  const out = new Map<number, ItemRef[]>(searchKeys.map((key) => [key, []]));
  if (searchKeys.length === 0) return out;
  const rows = db
    .prepare<[string], { rowid: number; kind: string; item_id: string }>(
      // CROSS JOIN: each key's range is read from the primary key (never a scan of the index).
      `SELECT si.rowid AS rowid, si.kind, si.item_id FROM json_each(?) k
       CROSS JOIN search_items si ON si.rowid BETWEEN k.value * ${span} AND k.value * ${span} + ${span - 1}
       ORDER BY si.rowid`,
    )
    .all(JSON.stringify(searchKeys));
  for (const r of rows) out.get(Math.floor(r.rowid / span))?.push({ kind: r.kind, itemId: r.item_id });
  return out;
}

/** Where each kind of item keeps its searched text: its table and columns (the case's own row: `cases`). */
const sourceOf = new Map<string, { table: string; columns: readonly string[] }>([['case', { table: 'cases', columns: ['title', 'number'] }], ...SEARCHED_ITEMS.map((s) => [s.kind, s] as const)]);

/** The searched columns' text of one item, in the order of its kind's columns (null: empty, or not text). */
export type ItemTexts = (string | null)[];

/**
 * The searched text of every item of one kind of each of these cases, in one
 * statement: case id → item id → the text of each searched column. A kind that
 * holds no text (unknown here) gives every case an empty map.
 */
export function itemTextsOfCases(db: Db, kind: string, caseIds: readonly string[]): Map<string, Map<string, ItemTexts>> {
  const out = new Map<string, Map<string, ItemTexts>>(caseIds.map((id) => [id, new Map()]));
  const source = sourceOf.get(kind);
  if (source === undefined || caseIds.length === 0) return out;
  const owner = source.table === 'cases' ? 'id' : 'case_id';
  const rows = db
    .prepare(`SELECT ${owner}, id, ${source.columns.join(', ')} FROM ${source.table} WHERE ${owner} IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(JSON.stringify(caseIds));
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const [caseId, itemId, ...texts] = row.map((v: unknown) => (typeof v === 'string' ? v : null));
    if (caseId === null || caseId === undefined || itemId === null || itemId === undefined) continue;
    out.get(caseId)?.set(itemId, texts);
  }
  return out;
}
