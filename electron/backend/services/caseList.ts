import type { CaseCursor, CaseListInput, CaseListOutput, CaseListRow, MatchSnippet } from '../../../shared/contract/cases';
import { caseListInputSchema } from '../../../shared/contract/cases';
import type { CaseRow } from '../../../shared/model/caseRecord';
import type { Db } from '../vault/database';
import type { Actor as PermissionActor } from '../../../shared/security/permissions';
import { visibleCasesFilter } from './access';
import { caseIndexReady, casesHoldingAll } from '../data/searchIndex';
import { ftsWords, matchSnippets, searchedCaseKeys } from './fts';

/** Tags are compared without case: kept in lower case, one spelling per tag. */
export const normalTag = (tag: string) => tag.trim().normalize('NFC').toLowerCase().replace(/\s+/g, ' ');

type Input = ReturnType<typeof caseListInputSchema.parse>;

const sortSql: Record<Input['sort'], string> = {
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
const nullable = new Set<Input['sort']>(['assignedTo', 'nextReview']);

/**
 * Above this many matching cases, a page is read by walking the index of the
 * sort column, skipping inside the index the cases that do not match, and
 * stopping after one page — about limit × cases / matches index entries
 * visited. Below it, fetching the few matches and sorting them is cheaper.
 * Both plans return the same rows in the same order. Measured at 100,000 cases
 * (npm run bench): the two cost the same at a few hundred matches.
 */
export const WALK_SORT_INDEX_ABOVE = 500;

/**
 * The list's filters, each a SQL term over the case row `c` with its named
 * parameter. Adding a filter (a case team, say) is one entry here and one
 * field in caseListInputSchema. Each term must be answerable from the case row
 * or a keyed lookup; none may scan another table.
 */
const filterTerms: readonly ((input: Input, params: Record<string, unknown>) => string | null)[] = [
  (i, p) => (i.status === undefined ? null : ((p['status'] = i.status), 'c.status = @status')),
  (i, p) => (i.risk === undefined ? null : ((p['risk'] = i.risk), 'c.risk = @risk')),
  (i, p) => (i.program === undefined ? null : ((p['program'] = i.program), 'c.program = @program')),
  (i, p) => (i.assignedTo === undefined ? null : ((p['assignedTo'] = i.assignedTo), 'c.assigned_to = @assignedTo')),
  (i, p) => (i.stage === undefined ? null : i.stage === 'none' ? 'c.furthest_stage IS NULL' : ((p['stage'] = i.stage), 'c.furthest_stage = @stage')),
  (i, p) => (i.tag === undefined ? null : ((p['tag'] = normalTag(i.tag)), 'c.id IN (SELECT case_id FROM case_tags WHERE tag = @tag)')),
  (i, p) => (i.team === undefined ? null : ((p['team'] = i.team), '(c.assigned_to = @team OR c.id IN (SELECT case_id FROM case_members WHERE user_name = @team))')),
];

/**
 * Rows after the cursor in the list's order (sort key, then case number, both
 * in the chosen direction). Row values let SQLite start inside the sort index
 * at the cursor instead of stepping over every earlier row, so the last page
 * costs what the first does.
 */
function afterCursor(input: Input, cursor: CaseCursor, params: Record<string, unknown>): string {
  const key = sortSql[input.sort];
  params['afterKey'] = cursor.key;
  params['afterNumber'] = cursor.number;
  const asc = input.direction === 'asc';
  const op = asc ? '>' : '<';
  if (input.sort === 'number') return `c.number ${op} @afterNumber`;
  if (!nullable.has(input.sort)) return `(${key}, c.number) ${op} (@afterKey, @afterNumber)`;
  if (cursor.key === null) return asc ? `((${key} IS NULL AND c.number > @afterNumber) OR ${key} IS NOT NULL)` : `(${key} IS NULL AND c.number < @afterNumber)`;
  return asc ? `(${key}, c.number) > (@afterKey, @afterNumber)` : `((${key}, c.number) < (@afterKey, @afterNumber) OR ${key} IS NULL)`;
}

/** Whether a case's review date has passed while it is still being worked. */
export function reviewOverdue(status: string, nextReview: string | null, today: string): boolean {
  return status !== 'closed' && nextReview !== null && nextReview < today;
}

/**
 * A page of the case list. Sort and direction come from fixed maps, never from
 * the caller's text. Pages follow each other by keyset (`after`, from the
 * previous page's nextCursor); `offset` remains for callers that jump. The total
 * is counted only when asked (once per filter change); later pages pass it back
 * as knownTotal so the plan is chosen without counting again.
 */
export function listCases(db: Db, raw: CaseListInput, plan: { walkSortIndexAbove?: number; today?: string; viewer?: PermissionActor } = {}): CaseListOutput {
  const input = caseListInputSchema.parse(raw);
  const params: Record<string, unknown> = {};
  const filters = filterTerms.map((f) => f(input, params)).filter((t): t is string => t !== null);
  // Need-to-know: anyone but a program manager lists only their teams' cases, inside the query.
  const visible = plan.viewer === undefined ? null : visibleCasesFilter(plan.viewer);
  if (visible !== null) {
    filters.push(visible.sql);
    Object.assign(params, visible.params);
  }
  const words = input.query === undefined ? [] : ftsWords(input.query);
  if (input.query !== undefined && words.length === 0) return { rows: [], total: input.withTotal ? 0 : null, nextCursor: null };
  // Every word must occur in the case, each in any of its items. The index of
  // cases (one row per case with the words of all its items, migration 0022)
  // answers that in one lookup of at most one entry per case. While some of its
  // rows wait to be rebuilt and cannot be rebuilt now, the item index answers
  // (one row per report, indicator, analysis item… and one for the case itself;
  // the case of a match is its row id shifted right, migration 0018). A unary +
  // keeps SQLite from using an index for that term: the search's matches are
  // then checked against the case's key inside whichever index is read.
  let matches: string[];
  if (words.length > 0 && caseIndexReady(db)) {
    params['words'] = words.join(' ');
    matches = [`+${casesHoldingAll('@words')}`];
  } else {
    matches = words.map((word, n) => {
      params[`w${n}`] = word;
      return `+${searchedCaseKeys(`@w${n}`)}`;
    });
  }
  const whereOf = (terms: string[]) => (terms.length > 0 ? `WHERE ${terms.join(' AND ')}` : '');
  const total = input.withTotal ? (db.prepare(`SELECT count(*) AS n FROM cases c ${whereOf([...filters, ...matches.map((m) => m.slice(1))])}`).get(params) as { n: number }).n : null;
  if (total === 0) return { rows: [], total, nextCursor: null };
  const size = total ?? input.knownTotal;
  const walk = size === undefined ? words.length === 0 : size > (plan.walkSortIndexAbove ?? WALK_SORT_INDEX_ABOVE);
  const terms = walk ? [...filters.map((f) => `+${f}`), ...matches] : [...filters, ...matches.map((m) => m.slice(1))];
  if (input.after !== undefined) terms.push(afterCursor(input, input.after, params));
  const from = walk && input.sort === 'subject' ? 'subjects s CROSS JOIN cases c ON s.id = c.subject_id' : 'cases c JOIN subjects s ON s.id = c.subject_id';
  const direction = input.direction === 'asc' ? 'ASC' : 'DESC';
  const found = db
    .prepare(
      `SELECT c.id, c.search_key, c.number, s.display_id, c.title, c.program, c.status, c.risk, c.furthest_stage, c.assigned_to, c.next_review, c.last_activity_at,
         ${sortSql[input.sort]} AS sort_key
       FROM ${from} ${whereOf(terms)}
       ORDER BY ${sortSql[input.sort]} ${direction}, c.number ${direction} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: input.limit, offset: input.offset }) as Record<string, string | number | null>[];
  const ids = found.map((r) => String(r['id']));
  const tags = tagsOf(db, ids);
  const snippets = words.length > 0 ? matchSnippets(db, found.map((r) => ({ id: String(r['id']), searchKey: Number(r['search_key']) })), words) : new Map<string, MatchSnippet>();
  const today = plan.today ?? new Date().toISOString().slice(0, 10);
  const rows = found.map((r): CaseListRow => {
    const base: CaseRow = {
      id: String(r['id']),
      number: String(r['number']),
      subjectDisplayId: String(r['display_id'] ?? ''),
      title: String(r['title'] ?? ''),
      program: r['program'] as CaseRow['program'],
      status: r['status'] as CaseRow['status'],
      risk: r['risk'] as CaseRow['risk'],
      furthestStage: r['furthest_stage'] as CaseRow['furthestStage'],
      assignedTo: (r['assigned_to'] as string | null) ?? null,
      nextReview: (r['next_review'] as string | null) ?? null,
      lastActivityAt: String(r['last_activity_at'] ?? ''),
    };
    return { ...base, tags: tags.get(base.id) ?? [], overdue: reviewOverdue(base.status, base.nextReview, today), snippet: snippets.get(base.id) ?? null };
  });
  const last = found[found.length - 1];
  const nextCursor = found.length === input.limit && last !== undefined ? { key: last['sort_key'] ?? null, number: String(last['number']) } : null;
  return { rows, total, nextCursor };
}

/** The tags of each listed case, in name order. */
export function tagsOf(db: Db, caseIds: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (caseIds.length === 0) return out;
  const rows = db.prepare(`SELECT case_id, tag FROM case_tags WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY tag`).all(JSON.stringify(caseIds)) as { case_id: string; tag: string }[];
  for (const r of rows) out.set(r.case_id, [...(out.get(r.case_id) ?? []), r.tag]);
  return out;
}
