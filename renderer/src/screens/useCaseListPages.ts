import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { CaseCursor, CaseListInput, CaseListRow } from '../../../shared/contract/cases';
import { call, errorMessage } from '../api/client';

/** Rows per page. */
export const PAGE = 100;

/**
 * Page requests on their way at once. A fast scroll passes over many pages; only
 * the pages wanted when a request slot frees are fetched, so the page in view
 * never waits behind pages already scrolled past.
 */
export const MAX_IN_FLIGHT = 2;

/** A case's open actions past due, as the list flags them. */
export type PastDue = MethodOutput<'cases.pastDue'>[string];

export interface CaseListPages {
  /** Cases matching, once counted (null until the first page arrives). */
  total: number | null;
  /** The row at a position of the list, when its page has arrived. */
  rowAt: (index: number) => CaseListRow | undefined;
  /** A case's past-due flag, when it has one (the same object until the filters change). */
  pastDueOf: (caseId: string) => PastDue | undefined;
  /** Fetches the pages that hold these positions, unless held or on their way: at most MAX_IN_FLIGHT at once, the latest want first. */
  want: (pages: readonly number[]) => void;
  error: string | null;
  /** Changes when the filters or sort change: the list starts again from its first page. */
  generation: number;
  /** Changes whenever a page or past-due flags arrived. */
  arrivals: number;
}

/**
 * Which of the wanted pages (in order) to request now: none held or on its way,
 * none whose page before is on its way (it will follow by keyset), and only as
 * many as leave at most MAX_IN_FLIGHT requests on their way.
 */
export function pagesToStart(wanted: readonly number[], held: ReadonlyMap<number, unknown>, onTheirWay: ReadonlySet<number>): number[] {
  const start: number[] = [];
  for (const page of wanted) {
    if (onTheirWay.size + start.length >= MAX_IN_FLIGHT) break;
    if (held.has(page) || onTheirWay.has(page) || start.includes(page)) continue;
    if (page > 0 && !held.has(page - 1) && (onTheirWay.has(page - 1) || start.includes(page - 1))) continue;
    start.push(page);
  }
  return start;
}

/**
 * The case list's pages, kept apart from its rows on screen. Pages follow each
 * other by keyset (each asks for the rows after the last one of the page
 * before); a page far from any loaded one (a jump to the end) is fetched by
 * position once, and paging continues by keyset from it. The total is counted
 * once per filter change.
 *
 * At most MAX_IN_FLIGHT pages are requested at once; the rest of what the
 * screen wants is remembered (the latest want replaces the one before) and
 * fetched as requests finish.
 *
 * Pages and past-due flags are kept in place (never copied on arrival); one
 * state number changes when something arrived, so the list renders once per
 * arrival and its rows, memoized on their own row objects, only where
 * something changed.
 */
export function useCaseListPages(request: CaseListInput): CaseListPages {
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [arrivals, setArrivals] = useState(0);
  const [generation, setGeneration] = useState(0);
  const pages = useRef(new Map<number, CaseListRow[]>());
  const pastDue = useRef(new Map<string, PastDue>());
  const loading = useRef(new Set<number>());
  const cursors = useRef(new Map<number, CaseCursor | null>());
  const knownTotal = useRef<number | null>(null);
  const current = useRef(0);
  const wanted = useRef<number[]>([]);
  const pump = useRef<() => void>(() => undefined);

  const loadPage = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const previous = page > 0 ? cursors.current.get(page - 1) : undefined;
        if (previous === null) return; // the page before was the last one
        const first = knownTotal.current === null;
        const input: CaseListInput = {
          ...request,
          withTotal: first,
          ...(knownTotal.current === null ? {} : { knownTotal: knownTotal.current }),
          ...(previous !== undefined ? { after: previous } : page === 0 ? {} : { offset: page * PAGE }),
        };
        const result = await call('cases.list', input);
        if (gen !== current.current) return;
        if (result.total !== null) {
          knownTotal.current = result.total;
          setTotal(result.total);
        }
        cursors.current.set(page, result.nextCursor);
        pages.current.set(page, result.rows);
        setArrivals((n) => n + 1);
        setError(null);
        const flagged = await call('cases.pastDue', { caseIds: result.rows.map((r) => r.id) });
        if (gen === current.current && Object.keys(flagged).length > 0) {
          for (const [id, entry] of Object.entries(flagged)) pastDue.current.set(id, entry);
          setArrivals((n) => n + 1);
        }
      } catch (e) {
        if (gen === current.current) setError(errorMessage(e));
      } finally {
        loading.current.delete(page);
        // A slot is free: fetch what the screen wants now (not what it wanted when this was asked for).
        if (gen === current.current) pump.current();
      }
    },
    [request],
  );

  useEffect(() => {
    pump.current = () => {
      for (const page of pagesToStart(wanted.current, pages.current, loading.current)) void loadPage(page, current.current);
    };
  }, [loadPage]);

  // New filters or sort: start again from the first page, counting once.
  useEffect(() => {
    current.current += 1;
    loading.current.clear();
    cursors.current.clear();
    knownTotal.current = null;
    pages.current = new Map();
    pastDue.current = new Map();
    wanted.current = [];
    setTotal(null);
    setGeneration(current.current);
    void loadPage(0, current.current);
  }, [loadPage]);

  const want = useCallback((pagesWanted: readonly number[]) => {
    wanted.current = [...pagesWanted].sort((a, b) => a - b);
    pump.current();
  }, []);

  return {
    total,
    rowAt: (index) => pages.current.get(Math.floor(index / PAGE))?.[index % PAGE],
    pastDueOf: (caseId) => pastDue.current.get(caseId),
    want,
    error,
    generation,
    arrivals,
  };
}
