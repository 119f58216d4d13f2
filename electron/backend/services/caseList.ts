import type { CaseListInput, CaseListOutput, CaseListRow, MatchSnippet } from '../../../shared/contract/cases';
import { localToday } from '../../../shared/model/schedule';
import { caseListInputSchema } from '../../../shared/contract/cases';
import type { Db } from '../vault/database';
import type { Actor as PermissionActor } from '../../../shared/security/permissions';
import { storeOf } from '../data';
import { countListedCases, listCasePage, tagsOfCases, type CaseListFilters, type CaseSearch } from '../data/caseList';
import { caseIndexReady } from '../data/searchIndex';
import { caseViewer } from './access';
import { ftsWords, matchSnippets } from './fts';

/** Tags are compared without case: kept in lower case, one spelling per tag. */
export const normalTag = (tag: string) => tag.trim().normalize('NFC').toLowerCase().replace(/\s+/g, ' ');

/**
 * Above this many matching cases, a page is read by walking the index of the
 * sort column, skipping inside the index the cases that do not match, and
 * stopping after one page — about limit × cases / matches index entries
 * visited. Below it, fetching the few matches and sorting them is cheaper.
 * Both plans return the same rows in the same order. Measured at 100,000 cases
 * (npm run bench): the two cost the same at a few hundred matches.
 */
export const WALK_SORT_INDEX_ABOVE = 500;

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
export async function listCases(db: Db, raw: CaseListInput, plan: { walkSortIndexAbove?: number; today?: string; viewer?: PermissionActor } = {}): Promise<CaseListOutput> {
  const input = caseListInputSchema.parse(raw);
  const { q } = storeOf({ db });
  const filters: CaseListFilters = {
    status: input.status,
    risk: input.risk,
    program: input.program,
    assignedTo: input.assignedTo,
    stage: input.stage,
    tag: input.tag === undefined ? undefined : normalTag(input.tag),
    team: input.team,
    // Need-to-know: anyone but a program manager lists only their teams' cases, inside the query.
    viewer: plan.viewer === undefined ? null : caseViewer(plan.viewer),
  };
  const words = input.query === undefined ? [] : ftsWords(input.query);
  if (input.query !== undefined && words.length === 0) return { rows: [], total: input.withTotal ? 0 : null, nextCursor: null };
  // Every word must occur in the case, each in any of its items. The index of
  // cases (one row per case with the words of all its items, migration 0022)
  // answers that in one lookup of at most one entry per case. While some of its
  // rows wait to be rebuilt and cannot be rebuilt now, the item index answers.
  const search: CaseSearch = words.length === 0 ? null : caseIndexReady(db) ? { index: 'cases', words: words.join(' ') } : { index: 'items', words };
  const total = input.withTotal ? await countListedCases(q, filters, search) : null;
  if (total === 0) return { rows: [], total, nextCursor: null };
  const size = total ?? input.knownTotal;
  const walk = size === undefined ? words.length === 0 : size > (plan.walkSortIndexAbove ?? WALK_SORT_INDEX_ABOVE);
  const found = await listCasePage(q, filters, search, { sort: input.sort, direction: input.direction, after: input.after, limit: input.limit, offset: input.offset, walk });
  const tags = await tagsOfCases(
    q,
    found.map((r) => r.id),
  );
  const snippets = words.length > 0 ? matchSnippets(db, found.map((r) => ({ id: r.id, searchKey: Number(r.searchKey) })), words) : new Map<string, MatchSnippet>();
  const today = plan.today ?? localToday();
  const rows = found.map(({ searchKey: _searchKey, sortKey: _sortKey, ...base }): CaseListRow => ({ ...base, tags: tags.get(base.id) ?? [], overdue: reviewOverdue(base.status, base.nextReview, today), snippet: snippets.get(base.id) ?? null }));
  const last = found[found.length - 1];
  const nextCursor = found.length === input.limit && last !== undefined ? { key: last.sortKey, number: last.number } : null;
  return { rows, total, nextCursor };
}
