import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { CaseListInput } from '../../../shared/contract/cases';
import { programTypes } from '../../../shared/domain/ids';
import { caseRiskValues } from '../../../shared/model/schedule';
import { ListReviewCell } from '../components/ListReviewCell';
import { caseStatuses, type CaseRow } from '../../../shared/model/caseRecord';
import { call, errorMessage } from '../api/client';
import { RiskBadge } from '../components/RiskBadge';
import { formatDate, programLabels, riskLabels, stageLabels, statusLabels } from '../labels';
import { useNavigation } from '../stores/navigation';
import { useSession } from '../stores/session';
import { FindSubjectDialog } from '../team/FindSubjectDialog';
import { useCan } from '../team/usePermission';

const PAGE = 100;
const ROW_HEIGHT = 38;
const HEAD_HEIGHT = 36;

type Sort = NonNullable<CaseListInput['sort']>;
const columns: { key: Sort; label: string; width: string }[] = [
  { key: 'number', label: 'Case', width: '120px' },
  { key: 'subject', label: 'Subject', width: '90px' },
  { key: 'program', label: 'Program', width: '80px' },
  { key: 'status', label: 'Status', width: '90px' },
  { key: 'risk', label: 'Risk', width: '95px' },
  { key: 'furthestStage', label: 'Furthest stage', width: '170px' },
  { key: 'assignedTo', label: 'Assigned to', width: 'minmax(120px, 1fr)' },
  { key: 'nextReview', label: 'Next review', width: '210px' },
  { key: 'lastActivity', label: 'Last activity', width: '105px' },
];
const template = columns.map((c) => c.width).join(' ');

interface Filters {
  query: string;
  status: string;
  risk: string;
  program: string;
  mine: boolean;
}

/** The hub's cases: sortable, filterable, searchable, virtualized for very large vaults. */
export function CaseList() {
  const go = useNavigation((s) => s.go);
  const canFind = useCan('subject.find');
  const [finding, setFinding] = useState(false);
  const me = useSession((s) => s.status?.user?.name ?? '');
  const [filters, setFilters] = useState<Filters>({ query: '', status: '', risk: '', program: '', mine: false });
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ column: Sort; direction: 'asc' | 'desc' }>({ column: 'lastActivity', direction: 'desc' });
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, CaseRow[]>>(new Map());
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pastDue, setPastDue] = useState<MethodOutput<'cases.pastDue'>>({});
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchId = useId();

  // Debounce typing in the search box.
  useEffect(() => {
    const t = window.setTimeout(() => setFilters((f) => ({ ...f, query })), 200);
    return () => window.clearTimeout(t);
  }, [query]);

  const request = useCallback(
    (page: number): CaseListInput => ({
      offset: page * PAGE,
      limit: PAGE,
      sort: sort.column,
      direction: sort.direction,
      ...(filters.status !== '' ? { status: filters.status as CaseListInput['status'] } : {}),
      ...(filters.risk !== '' ? { risk: filters.risk as CaseListInput['risk'] } : {}),
      ...(filters.program !== '' ? { program: filters.program as CaseListInput['program'] } : {}),
      ...(filters.mine ? { assignedTo: me } : {}),
      ...(filters.query.trim() !== '' ? { query: filters.query.trim() } : {}),
    }),
    [filters, sort, me],
  );

  const loadPage = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const result = await call('cases.list', request(page));
        if (gen !== generation.current) return;
        setTotal(result.total);
        setPages((prev) => new Map(prev).set(page, result.rows));
        setError(null);
        const flagged = await call('cases.pastDue', { caseIds: result.rows.map((r) => r.id) });
        if (gen === generation.current) setPastDue((prev) => ({ ...prev, ...flagged }));
      } catch (e) {
        if (gen === generation.current) setError(errorMessage(e));
      } finally {
        loading.current.delete(page);
      }
    },
    [request],
  );

  // New filters or sort: start again from the first page.
  useEffect(() => {
    generation.current += 1;
    loading.current.clear();
    setPages(new Map());
    setPastDue({});
    setTotal(null);
    setActive(0);
    void loadPage(0, generation.current);
  }, [loadPage]);

  const count = total ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12, scrollPaddingStart: HEAD_HEIGHT });
  const items = virtualizer.getVirtualItems();

  // Fetch the pages the visible rows need.
  useEffect(() => {
    const needed = new Set(items.map((i) => Math.floor(i.index / PAGE)));
    for (const page of needed) if (!pages.has(page)) void loadPage(page, generation.current);
  }, [items, pages, loadPage]);

  const rowAt = (index: number): CaseRow | undefined => pages.get(Math.floor(index / PAGE))?.[index % PAGE];

  const open = (index: number) => {
    const row = rowAt(index);
    if (row !== undefined) go({ name: 'case', caseId: row.id });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: pageRows, PageUp: -pageRows };
    let next: number | null = null;
    if (event.key in moves) next = active + (moves[event.key] ?? 0);
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = count - 1;
    if (next !== null) {
      event.preventDefault();
      const clamped = Math.max(0, Math.min(count - 1, next));
      setActive(clamped);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(active);
    }
  };

  const toggleSort = (column: Sort) =>
    setSort((s) => (s.column === column ? { column, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: column === 'lastActivity' || column === 'risk' ? 'desc' : 'asc' }));

  return (
    <section className="screen screen-wide stack" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">Cases</h1>
          <p className="muted" aria-live="polite">
            {total === null ? 'Loading…' : `${total.toLocaleString('en-US')} case${total === 1 ? '' : 's'}`}
            {filters.query.trim() !== '' ? ` matching “${filters.query.trim()}”` : ''}
          </p>
        </div>
        <div className="row">
          {canFind ? (
            <button type="button" className="btn" onClick={() => setFinding(true)}>
              Find subject…
            </button>
          ) : null}
          <button type="button" className="btn btn-primary" onClick={() => go({ name: 'intake' })}>
            New case
          </button>
        </div>
      </div>
      {finding ? <FindSubjectDialog onClose={() => setFinding(false)} /> : null}
      <div className="toolbar" role="search">
        <div className="field grow">
          <label htmlFor={searchId}>Search all case text</label>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder="Words from narratives, indicators, analysis…"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                scrollRef.current?.focus();
              }
            }}
          />
        </div>
        <FilterSelect label="Status" value={filters.status} options={caseStatuses.map((s) => [s, statusLabels[s]])} onChange={(status) => setFilters((f) => ({ ...f, status }))} />
        <FilterSelect label="Risk" value={filters.risk} options={caseRiskValues.map((r) => [r, riskLabels[r]])} onChange={(risk) => setFilters((f) => ({ ...f, risk }))} />
        <FilterSelect label="Program" value={filters.program} options={programTypes.map((p) => [p, programLabels[p]])} onChange={(program) => setFilters((f) => ({ ...f, program }))} />
        <label className="check">
          <input type="checkbox" checked={filters.mine} onChange={(e) => setFilters((f) => ({ ...f, mine: e.target.checked }))} /> Assigned to me
        </label>
      </div>
      {error !== null ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="vtable">
        <div
          className="vtable-body"
          ref={scrollRef}
          tabIndex={0}
          role="grid"
          aria-label="Cases: arrow keys move, Enter opens"
          aria-rowcount={count + 1}
          aria-colcount={columns.length}
          aria-activedescendant={count > 0 ? `case-row-${active}` : undefined}
          onKeyDown={onKeyDown}
          data-testid="case-rows"
        >
          <div className="vtable-head" role="rowgroup">
            <div className="vtable-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
              {columns.map((c) => (
                <div key={c.key} role="columnheader" aria-sort={sort.column === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" className="sort-button" onClick={() => toggleSort(c.key)}>
                    {c.label}
                    <span aria-hidden="true">{sort.column === c.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </div>
              ))}
            </div>
          </div>
          <div role="rowgroup" className="vtable-rows" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <div
                  key={item.key}
                  id={`case-row-${item.index}`}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={item.index === active}
                  className={`vtable-row${item.index === active ? ' active' : ''}`}
                  style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => {
                    setActive(item.index);
                    open(item.index);
                  }}
                >
                  {row === undefined ? (
                    <div role="gridcell" className="muted">
                      Loading…
                    </div>
                  ) : (
                    <>
                      <div role="gridcell" className="mono">
                        {row.number}
                      </div>
                      <div role="gridcell" className="mono">
                        {row.subjectDisplayId}
                      </div>
                      <div role="gridcell">{programLabels[row.program]}</div>
                      <div role="gridcell">{statusLabels[row.status]}</div>
                      <div role="gridcell">
                        <RiskBadge risk={row.risk} />
                      </div>
                      <div role="gridcell">{row.furthestStage === null ? '—' : stageLabels[row.furthestStage]}</div>
                      <div role="gridcell">{row.assignedTo ?? '—'}</div>
                      <div role="gridcell">
                        <ListReviewCell row={row} pastDue={pastDue[row.id]} />
                      </div>
                      <div role="gridcell">{formatDate(row.lastActivityAt)}</div>
                    </>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {count === 0 && total !== null ? <p className="empty">No cases match. Clear the search or filters, or open a new case.</p> : null}
      </div>
    </section>
  );
}

function FilterSelect({ label, value, options, onChange }: { label: string; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
