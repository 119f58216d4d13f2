import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { MethodOutput } from '../../../shared/contract';
import type { CaseCursor, CaseListInput, CaseListRow } from '../../../shared/contract/cases';
import type { SavedView, SavedViewFilters } from '../../../shared/contract/caseTags';
import { indicatorStages, programTypes } from '../../../shared/domain/ids';
import { caseRiskValues } from '../../../shared/model/schedule';
import { ListReviewCell } from '../components/ListReviewCell';
import { caseStatuses } from '../../../shared/model/caseRecord';
import { call, errorMessage } from '../api/client';
import { RiskBadge } from '../components/RiskBadge';
import { formatDate, programLabels, riskLabels, stageLabels, statusLabels } from '../labels';
import { useNavigation } from '../stores/navigation';
import { useSession } from '../stores/session';
import { FindSubjectDialog } from '../team/FindSubjectDialog';
import { useCan } from '../team/usePermission';
import { MatchSnippetText, SavedViews, snippetKindLabels } from './caseListParts';
import './caseList.css';
import { Alert } from '../components/Alert';

const PAGE = 100;
const ROW_HEIGHT = 40;
const SEARCH_ROW_HEIGHT = 62;
const HEAD_HEIGHT = 36;
/** Rows before the end of the loaded pages at which the next page is fetched. */
const PREFETCH_WITHIN = 60;

type Sort = NonNullable<CaseListInput['sort']>;
const columns: { key: Sort | 'title'; label: string; width: string; wideOnly?: boolean }[] = [
  { key: 'number', label: 'Case', width: '108px' },
  { key: 'title', label: 'Title', width: 'minmax(152px, 3fr)' },
  { key: 'subject', label: 'Subject', width: '72px' },
  { key: 'program', label: 'Program', width: '78px', wideOnly: true },
  { key: 'status', label: 'Status', width: '82px' },
  { key: 'risk', label: 'Risk', width: '112px' },
  { key: 'furthestStage', label: 'Furthest stage', width: 'minmax(110px, 1fr)' },
  { key: 'assignedTo', label: 'Assigned to', width: 'minmax(96px, 1fr)' },
  { key: 'nextReview', label: 'Next review', width: '140px' },
  { key: 'lastActivity', label: 'Last activity', width: '92px' },
];
/** Below this width the program column is left out so every other column fits. */
const WIDE = '(min-width: 1600px)';

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = () => setMatches(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

interface Filters {
  query: string;
  status: string;
  risk: string;
  program: string;
  stage: string;
  tag: string;
  assignedTo: string;
  team: string;
}
const noFilters: Filters = { query: '', status: '', risk: '', program: '', stage: '', tag: '', assignedTo: '', team: '' };

/**
 * The hub's cases: sortable, filterable, searchable, virtualized for very large
 * vaults. Pages follow each other by keyset (each page asks for the rows after
 * the last one of the page before); a page far from any loaded one (a jump to
 * the end) is fetched by position once, and paging continues by keyset from it.
 * The total is counted once per filter change, and the next page is fetched
 * before the rows reach it.
 */
export function CaseList() {
  const go = useNavigation((s) => s.go);
  const canFind = useCan('subject.find');
  const [finding, setFinding] = useState(false);
  const me = useSession((s) => s.status?.user?.name ?? '');
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ column: Sort; direction: 'asc' | 'desc' }>({ column: 'lastActivity', direction: 'desc' });
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, CaseListRow[]>>(new Map());
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [pastDue, setPastDue] = useState<MethodOutput<'cases.pastDue'>>({});
  const [tags, setTags] = useState<{ tag: string; cases: number }[]>([]);
  const [people, setPeople] = useState<string[]>([]);
  const loading = useRef(new Set<number>());
  const cursors = useRef(new Map<number, CaseCursor | null>());
  const knownTotal = useRef<number | null>(null);
  const generation = useRef(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchId = useId();
  const wide = useMediaQuery(WIDE);
  const shown = columns.filter((c) => wide || c.wideOnly !== true);
  const template = shown.map((c) => c.width).join(' ');

  useEffect(() => {
    void call('cases.allTags', {})
      .then((r) => setTags(r.tags))
      .catch(() => setTags([]));
    void call('users.list', {})
      .then((users) => setPeople(users.map((u) => u.name)))
      .catch(() => setPeople([]));
  }, []);

  // Debounce typing in the search box.
  useEffect(() => {
    const t = window.setTimeout(() => setFilters((f) => (f.query === query ? f : { ...f, query })), 200);
    return () => window.clearTimeout(t);
  }, [query]);

  const searching = filters.query.trim() !== '';
  const rowHeight = searching ? SEARCH_ROW_HEIGHT : ROW_HEIGHT;

  const request = useCallback(
    (): CaseListInput => ({
      limit: PAGE,
      sort: sort.column,
      direction: sort.direction,
      ...(filters.status !== '' ? { status: filters.status as CaseListInput['status'] } : {}),
      ...(filters.risk !== '' ? { risk: filters.risk as CaseListInput['risk'] } : {}),
      ...(filters.program !== '' ? { program: filters.program as CaseListInput['program'] } : {}),
      ...(filters.stage !== '' ? { stage: filters.stage as CaseListInput['stage'] } : {}),
      ...(filters.tag !== '' ? { tag: filters.tag } : {}),
      ...(filters.assignedTo !== '' ? { assignedTo: filters.assignedTo } : {}),
      ...(filters.team !== '' ? { team: filters.team } : {}),
      ...(filters.query.trim() !== '' ? { query: filters.query.trim() } : {}),
    }),
    [filters, sort],
  );

  const loadPage = useCallback(
    async (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      try {
        const previous = page > 0 ? cursors.current.get(page - 1) : undefined;
        if (previous === null) return; // the page before was the last one
        const first = knownTotal.current === null;
        const input: CaseListInput = {
          ...request(),
          withTotal: first,
          ...(knownTotal.current === null ? {} : { knownTotal: knownTotal.current }),
          ...(previous !== undefined ? { after: previous } : page === 0 ? {} : { offset: page * PAGE }),
        };
        const result = await call('cases.list', input);
        if (gen !== generation.current) return;
        if (result.total !== null) {
          knownTotal.current = result.total;
          setTotal(result.total);
        }
        cursors.current.set(page, result.nextCursor);
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

  // New filters or sort: start again from the first page, counting once.
  useEffect(() => {
    generation.current += 1;
    loading.current.clear();
    cursors.current.clear();
    knownTotal.current = null;
    setPages(new Map());
    setPastDue({});
    setTotal(null);
    setActive(0);
    scrollRef.current?.scrollTo({ top: 0 });
    void loadPage(0, generation.current);
  }, [loadPage]);

  const count = total ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12, scrollPaddingStart: HEAD_HEIGHT });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const items = virtualizer.getVirtualItems();

  // Fetch the pages the visible rows need, and the next one before it is reached.
  useEffect(() => {
    const needed = new Set<number>();
    for (const i of items) needed.add(Math.floor(i.index / PAGE));
    const last = items[items.length - 1];
    if (last !== undefined) {
      const ahead = Math.floor(Math.min(count - 1, last.index + PREFETCH_WITHIN) / PAGE);
      needed.add(ahead);
    }
    for (const page of [...needed].sort((a, b) => a - b)) {
      if (pages.has(page)) continue;
      // Prefer the keyset: wait for the page before when it is on its way.
      if (page > 0 && !pages.has(page - 1) && loading.current.has(page - 1)) continue;
      void loadPage(page, generation.current);
    }
  }, [items, pages, loadPage, count]);

  const rowAt = (index: number): CaseListRow | undefined => pages.get(Math.floor(index / PAGE))?.[index % PAGE];

  const open = (index: number) => {
    const row = rowAt(index);
    if (row !== undefined) go({ name: 'case', caseId: row.id });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / rowHeight) - 1);
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

  const current: SavedViewFilters = {
    sort: sort.column,
    direction: sort.direction,
    ...(filters.status !== '' ? { status: filters.status as SavedViewFilters['status'] } : {}),
    ...(filters.risk !== '' ? { risk: filters.risk as SavedViewFilters['risk'] } : {}),
    ...(filters.program !== '' ? { program: filters.program as SavedViewFilters['program'] } : {}),
    ...(filters.stage !== '' ? { stage: filters.stage as SavedViewFilters['stage'] } : {}),
    ...(filters.tag !== '' ? { tag: filters.tag } : {}),
    ...(filters.assignedTo !== '' ? { assignedTo: filters.assignedTo } : {}),
    ...(filters.team !== '' ? { team: filters.team } : {}),
    ...(filters.query.trim() !== '' ? { query: filters.query.trim() } : {}),
  };
  const applyView = (view: SavedView) => {
    const f = view.filters;
    setQuery(f.query ?? '');
    setFilters({ query: f.query ?? '', status: f.status ?? '', risk: f.risk ?? '', program: f.program ?? '', stage: f.stage ?? '', tag: f.tag ?? '', assignedTo: f.assignedTo ?? '', team: f.team ?? '' });
    setSort({ column: f.sort ?? 'lastActivity', direction: f.direction ?? 'desc' });
  };
  const filtered = Object.entries(filters).some(([, v]) => v !== '');
  const assignees = [...new Set([me, ...people, ...(filters.assignedTo === '' ? [] : [filters.assignedTo])])].filter((p) => p !== '');
  const teamPeople = [...new Set([me, ...people, ...(filters.team === '' ? [] : [filters.team])])].filter((p) => p !== '');

  return (
    <section className="screen screen-wide stack" aria-labelledby="screen-title">
      <div className="screen-head">
        <div>
          <h1 id="screen-title">Cases</h1>
          <p className="muted" aria-live="polite" data-testid="case-total">
            {total === null ? 'Counting…' : `${total.toLocaleString('en-US')} case${total === 1 ? '' : 's'}`}
            {searching ? ` matching “${filters.query.trim()}”` : ''}
          </p>
        </div>
        <div className="row">
          {canFind ? (
            <button type="button" className="btn" onClick={() => setFinding(true)}>
              Find subject…
            </button>
          ) : null}
          <SavedViews current={current} onApply={applyView} />
          <button type="button" className="btn btn-primary" onClick={() => go({ name: 'intake' })}>
            New case
          </button>
        </div>
      </div>
      {finding ? <FindSubjectDialog onClose={() => setFinding(false)} /> : null}
      <div className="toolbar case-filters" role="search">
        <div className="field grow">
          <label htmlFor={searchId}>Search all case text</label>
          <input
            id={searchId}
            type="search"
            value={query}
            placeholder="Words from titles, narratives, indicators, analysis…"
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
        <FilterSelect
          label="Furthest stage"
          value={filters.stage}
          options={[...indicatorStages.map((s): [string, string] => [s, stageLabels[s]]), ['none', 'No indicator yet']]}
          onChange={(stage) => setFilters((f) => ({ ...f, stage }))}
        />
        <FilterSelect label="Program" value={filters.program} options={programTypes.map((p) => [p, programLabels[p]])} onChange={(program) => setFilters((f) => ({ ...f, program }))} />
        <FilterSelect label="Assigned to" value={filters.assignedTo} options={assignees.map((p) => [p, p === me ? `${p} (me)` : p])} onChange={(assignedTo) => setFilters((f) => ({ ...f, assignedTo }))} />
        <FilterSelect label="On the team of" value={filters.team} options={teamPeople.map((p) => [p, p === me ? `${p} (me)` : p])} onChange={(team) => setFilters((f) => ({ ...f, team }))} />
        <FilterSelect label="Tag" value={filters.tag} options={tags.map((t) => [t.tag, `${t.tag} (${t.cases})`])} onChange={(tag) => setFilters((f) => ({ ...f, tag }))} />
        {filtered ? (
          <button
            type="button"
            className="btn clear-filters"
            onClick={() => {
              setQuery('');
              setFilters(noFilters);
            }}
          >
            Clear filters
          </button>
        ) : null}
      </div>
      {error !== null ? (
        <Alert kind="error">
          {error}
        </Alert>
      ) : null}
      <div className="vtable">
        <div
          className="vtable-body"
          ref={scrollRef}
          tabIndex={0}
          role="grid"
          aria-label="Cases: arrow keys move, Enter opens"
          aria-rowcount={count + 1}
          aria-colcount={shown.length}
          aria-activedescendant={count > 0 ? `case-row-${active}` : undefined}
          onKeyDown={onKeyDown}
          data-testid="case-rows"
        >
          <div className="vtable-head" role="rowgroup">
            <div className="vtable-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
              {shown.map((c) => {
                const key = c.key;
                return key === 'title' ? (
                  <div key={key} role="columnheader">
                    <span className="sort-button column-label">{c.label}</span>
                  </div>
                ) : (
                  <div key={key} role="columnheader" aria-sort={sort.column === key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                    <button type="button" className="sort-button" onClick={() => toggleSort(key)}>
                      {c.label}
                      <span aria-hidden="true">{sort.column === key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </div>
                );
              })}
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
                  className={`vtable-row${item.index === active ? ' active' : ''}${row?.overdue === true ? ' overdue' : ''}`}
                  style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: rowHeight }}
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
                      <div role="gridcell" className="title-cell">
                        <span className="case-title" title={row.title}>
                          {row.title}
                        </span>
                        {row.tags.map((t) => (
                          <span key={t} className="tag-chip">
                            {t}
                          </span>
                        ))}
                        {row.snippet !== null ? (
                          <span className="match-snippet" data-testid="match-snippet">
                            <span className="snippet-kind">{snippetKindLabels[row.snippet.kind] ?? 'Text'}:</span> <MatchSnippetText parts={row.snippet.parts} />
                          </span>
                        ) : null}
                      </div>
                      <div role="gridcell" className="mono">
                        {row.subjectDisplayId}
                      </div>
                      {wide ? <div role="gridcell">{programLabels[row.program]}</div> : null}
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
