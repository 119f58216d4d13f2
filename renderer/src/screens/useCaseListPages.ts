import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { CaseCursor, CaseListInput, CaseListRow } from '../../../shared/contract/cases';
import { call, errorMessage } from '../api/client';

/** Rows per page. */
export const PAGE = 100;

/** A case's open actions past due, as the list flags them. */
export type PastDue = MethodOutput<'cases.pastDue'>[string];

export interface CaseListPages {
  /** Cases matching, once counted (null until the first page arrives). */
  total: number | null;
  /** The row at a position of the list, when its page has arrived. */
  rowAt: (index: number) => CaseListRow | undefined;
  /** A case's past-due flag, when it has one (the same object until the filters change). */
  pastDueOf: (caseId: string) => PastDue | undefined;
  /** Fetches the pages that hold these positions, unless held or on their way. */
  want: (pages: readonly number[]) => void;
  error: string | null;
  /** Changes when the filters or sort change: the list starts again from its first page. */
  generation: number;
  /** Changes whenever a page or past-due flags arrived. */
  arrivals: number;
}

/**
 * The case list's pages, kept apart from its rows on screen. Pages follow each
 * other by keyset (each asks for the rows after the last one of the page
 * before); a page far from any loaded one (a jump to the end) is fetched by
 * position once, and paging continues by keyset from it. The total is counted
 * once per filter change.
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
      }
    },
    [request],
  );

  // New filters or sort: start again from the first page, counting once.
  useEffect(() => {
    current.current += 1;
    loading.current.clear();
    cursors.current.clear();
    knownTotal.current = null;
    pages.current = new Map();
    pastDue.current = new Map();
    setTotal(null);
    setGeneration(current.current);
    void loadPage(0, current.current);
  }, [loadPage]);

  const want = useCallback(
    (wanted: readonly number[]) => {
      for (const page of [...wanted].sort((a, b) => a - b)) {
        if (pages.current.has(page)) continue;
        // Prefer the keyset: wait for the page before when it is on its way.
        if (page > 0 && !pages.current.has(page - 1) && loading.current.has(page - 1)) continue;
        void loadPage(page, current.current);
      }
    },
    [loadPage],
  );

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
