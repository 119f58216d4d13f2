import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { CaseRow } from '../../../shared/model/caseRecord';
import { AppError } from '../../../shared/contract';
import { SEARCH_ITEM_BITS } from '../vault/migrations/0018-search-by-case-key';
import { visibleCases } from './caseVisibility';
import { casesHoldingAll } from './searchIndex';
import type { Queries } from './store';

/**
 * The case list's queries: a page of cases in one of the list's orders, the
 * count of the cases matching its filters, and the tags of the listed cases.
 * Which plan reads a page (walk the sort column's index, or collect the few
 * matches and sort them) is the service's choice (services/caseList.ts); the
 * text here keeps the shapes the planner needs for each (migration 0004's
 * indexes match the sort expressions below term for term).
 */

export type CaseListSort = 'number' | 'subject' | 'program' | 'status' | 'risk' | 'furthestStage' | 'assignedTo' | 'nextReview' | 'lastActivity';

const sortKeys: Record<CaseListSort, string> = {
  number: 'c.number',
  subject: 's.display_id',
  program: 'c.program',
  status: 'c.status',
  risk: "CASE c.risk WHEN 'low' THEN 0 WHEN 'moderate' THEN 1 WHEN 'high' THEN 2 ELSE 3 END",
  furthestStage: "CASE c.furthest_stage WHEN 'predisposition' THEN 0 WHEN 'stressor' THEN 1 WHEN 'concerning_behavior' THEN 2 ELSE -1 END",
  assignedTo: 'c.assigned_to',
  nextReview: 'c.next_review',
  lastActivity: 'c.last_activity_at',
};
/** Sort columns that can be empty (NULL sorts first ascending, last descending). */
const nullable = new Set<CaseListSort>(['assignedTo', 'nextReview']);

/** The list's filters; each absent one keeps every case. */
export interface CaseListFilters {
  status?: string | undefined;
  risk?: string | undefined;
  program?: string | undefined;
  assignedTo?: string | undefined;
  /** The furthest stage reached, or 'none' for a case with no indicator yet. */
  stage?: string | undefined;
  /** A tag in its normal form. */
  tag?: string | undefined;
  /** Cases this person leads or is a member of. */
  team?: string | undefined;
  /** Need-to-know: only the cases this person may see (null: every case, the program manager). */
  viewer: string | null;
}

/**
 * The words of a search, as FTS5 queries: answered by the index of cases (one
 * query of all the words, while that index is up to date) or by the item index
 * (one query per word). Null: no search.
 */
export type CaseSearch = { index: 'cases'; words: string } | { index: 'items'; words: readonly string[] } | null;

/** A page of the list: its order, where it starts, and whether it is read by walking the sort column's index. */
export interface CasePage {
  sort: CaseListSort;
  direction: 'asc' | 'desc';
  after?: { key: string | number | null; number: string } | undefined;
  limit: number;
  offset: number;
  walk: boolean;
}

/** One listed case, with its search key (for snippets) and its value of the sort column (for the next page's cursor). */
export interface ListedCase extends CaseRow {
  searchKey: number | null;
  sortKey: string | number | null;
}

type Term = RawBuilder<SqlBool> | Expression<SqlBool>;

/**
 * The filter terms over the case row `c`. Each is answerable from the case row
 * or a keyed lookup; none may scan another table. Adding a filter is one line
 * here and one field in caseListInputSchema.
 */
function filterTerms(f: CaseListFilters): Term[] {
  const terms: Term[] = [];
  if (f.status !== undefined) terms.push(sql<SqlBool>`c.status = ${f.status}`);
  if (f.risk !== undefined) terms.push(sql<SqlBool>`c.risk = ${f.risk}`);
  if (f.program !== undefined) terms.push(sql<SqlBool>`c.program = ${f.program}`);
  if (f.assignedTo !== undefined) terms.push(sql<SqlBool>`c.assigned_to = ${f.assignedTo}`);
  if (f.stage !== undefined) terms.push(f.stage === 'none' ? sql<SqlBool>`c.furthest_stage IS NULL` : sql<SqlBool>`c.furthest_stage = ${f.stage}`);
  if (f.tag !== undefined) terms.push(sql<SqlBool>`c.id IN (SELECT case_id FROM case_tags WHERE tag = ${f.tag})`);
  if (f.team !== undefined) terms.push(sql<SqlBool>`(c.assigned_to = ${f.team} OR c.id IN (SELECT case_id FROM case_members WHERE user_name = ${f.team}))`);
  if (f.viewer !== null) terms.push(visibleCases(f.viewer));
  return terms;
}

/** An SQL term with one FTS5 query bound where `param` stood. */
function withQuery(term: (param: string) => string, query: string): RawBuilder<SqlBool> {
  const mark = '\u0000';
  const [before, after, ...rest] = term(mark).split(mark);
  if (before === undefined || after === undefined || rest.length > 0) throw new AppError('internal', 'A search term does not take exactly one query.');
  return sql<SqlBool>`${sql.raw(before)}${query}${sql.raw(after)}`;
}

/** The cases of the item index's matches of one word: a match's row id shifted right is its case's search key (migration 0018). */
const itemsMatching = (param: string) => `c.search_key IN (SELECT rowid >> ${SEARCH_ITEM_BITS} FROM search_fts WHERE search_fts MATCH ${param})`;

/**
 * Every word must occur in the case, each in any of its items: one lookup in
 * the index of cases, or one per word in the item index.
 */
function matchTerms(search: CaseSearch): Term[] {
  if (search === null) return [];
  if (search.index === 'cases') return [withQuery(casesHoldingAll, search.words)];
  return search.words.map((word) => withQuery(itemsMatching, word));
}

/**
 * A unary + keeps SQLite from using an index for a term, so that a walk reads
 * the sort column's index and checks each term against the row it reaches.
 */
const unindexed = (term: Term): RawBuilder<SqlBool> => sql<SqlBool>`+(${term})`;

/**
 * Rows after the cursor in the list's order (sort key, then case number, both
 * in the chosen direction). Row values let SQLite start inside the sort index
 * at the cursor instead of stepping over every earlier row, so the last page
 * costs what the first does.
 */
function afterCursor(page: CasePage, cursor: NonNullable<CasePage['after']>): RawBuilder<SqlBool> {
  const key = sql.raw(sortKeys[page.sort]);
  const asc = page.direction === 'asc';
  const op = sql.raw(asc ? '>' : '<');
  const { key: afterKey, number: afterNumber } = cursor;
  if (page.sort === 'number') return sql<SqlBool>`c.number ${op} ${afterNumber}`;
  if (!nullable.has(page.sort)) return sql<SqlBool>`(${key}, c.number) ${op} (${afterKey}, ${afterNumber})`;
  if (afterKey === null) return asc ? sql<SqlBool>`((${key} IS NULL AND c.number > ${afterNumber}) OR ${key} IS NOT NULL)` : sql<SqlBool>`(${key} IS NULL AND c.number < ${afterNumber})`;
  return asc ? sql<SqlBool>`(${key}, c.number) > (${afterKey}, ${afterNumber})` : sql<SqlBool>`((${key}, c.number) < (${afterKey}, ${afterNumber}) OR ${key} IS NULL)`;
}

/** How many cases match the filters and the search. */
export async function countListedCases(q: Queries, filters: CaseListFilters, search: CaseSearch): Promise<number> {
  const terms = [...filterTerms(filters), ...matchTerms(search)];
  const { n } = await q
    .selectFrom('cases as c')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .$if(terms.length > 0, (qb) => qb.where((eb) => eb.and(terms)))
    .executeTakeFirstOrThrow();
  return n;
}

/**
 * A case's program, status, risk and stage as stored. The list has always shown
 * what the vault holds, a value this version does not know included (a case
 * imported with another program, say), so these are passed on unchecked; the
 * contract's types name the known values. This is the one narrowing of a stored
 * value in the list, kept here so it is not repeated per column.
 */
function stored<T extends string>(value: string): T {
  return value as T;
}

/** A page of the listed cases in the list's order (sort key, then case number, both in the page's direction). */
export async function listCasePage(q: Queries, filters: CaseListFilters, search: CaseSearch, page: CasePage): Promise<ListedCase[]> {
  const filtered = filterTerms(filters);
  const matches = matchTerms(search);
  // Walking: the sort index is read in order and every term is checked on the
  // row reached. Collecting: the terms pick the rows, which are then sorted.
  const terms: Term[] = page.walk ? [...filtered.map(unindexed), ...matches.map(unindexed)] : [...filtered, ...matches];
  if (page.after !== undefined) terms.push(afterCursor(page, page.after));
  const key = sql.raw(sortKeys[page.sort]);
  const direction = sql.raw(page.direction === 'asc' ? 'ASC' : 'DESC');
  // The subject sort walks the subjects' display-id index: subjects first (CROSS JOIN fixes the order).
  const from = page.walk && page.sort === 'subject' ? q.selectFrom('subjects as s').crossJoin('cases as c') : q.selectFrom('cases as c').innerJoin('subjects as s', 's.id', 'c.subject_id');
  const rows = await from
    .select([
      'c.id',
      'c.search_key',
      'c.number',
      's.display_id',
      'c.title',
      'c.program',
      'c.status',
      'c.risk',
      'c.furthest_stage',
      'c.assigned_to',
      'c.next_review',
      'c.last_activity_at',
      sql<string | number | null>`${key}`.as('sort_key'),
    ])
    .$if(page.walk && page.sort === 'subject', (qb) => qb.where(sql<SqlBool>`s.id = c.subject_id`))
    .$if(terms.length > 0, (qb) => qb.where((eb) => eb.and(terms)))
    .orderBy(sql`${key} ${direction}, c.number ${direction}`)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    searchKey: r.search_key,
    number: r.number,
    subjectDisplayId: r.display_id,
    title: r.title,
    program: stored<CaseRow['program']>(r.program),
    status: stored<CaseRow['status']>(r.status),
    risk: stored<CaseRow['risk']>(r.risk),
    furthestStage: r.furthest_stage === null ? null : stored<NonNullable<CaseRow['furthestStage']>>(r.furthest_stage),
    assignedTo: r.assigned_to,
    nextReview: r.next_review,
    lastActivityAt: r.last_activity_at,
    sortKey: r.sort_key,
  }));
}

/** The tags of each listed case, in name order. */
export async function tagsOfCases(q: Queries, caseIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (caseIds.length === 0) return out;
  const rows = await q
    .selectFrom('case_tags')
    .select(['case_id', 'tag'])
    .where('case_id', 'in', sql<string>`(SELECT value FROM json_each(${JSON.stringify(caseIds)}))`)
    .orderBy('tag')
    .execute();
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r.tag]);
  return out;
}
