import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { CaseListInput, CaseListRow } from '../../../shared/contract/cases';
import type { SavedView, SavedViewFilters } from '../../../shared/contract/caseTags';
import { indicatorStages, programTypes } from '../../../shared/domain/ids';
import { caseRiskValues } from '../../../shared/model/schedule';
import { ListReviewCell } from '../components/ListReviewCell';
import { caseStatuses } from '../../../shared/model/caseRecord';
import { call } from '../api/client';
import { RiskBadge } from '../components/RiskBadge';
import { formatDate, programLabels, riskLabels, stageLabels, statusLabels } from '../labels';
import { useNavigation } from '../stores/navigation';
import { useSession } from '../stores/session';
import { FindSubjectDialog } from '../team/FindSubjectDialog';
import { useCan } from '../team/usePermission';
import { MatchSnippetText, SavedViews, snippetKindLabels } from './caseListParts';
import './caseList.css';
import { Alert } from '../components/Alert';
import { PAGE, useCaseListPages, type CaseListPages, type PastDue } from './useCaseListPages';

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
 * vaults. The pages come from useCaseListPages (keyset paging, the total
 * counted once per filter change); the next page is fetched before the rows
 * reach it.
 *
 * Scrolling re-renders the grid alone (CaseGrid owns the virtualizer), not the
 * filters above it, and each row is memoized on its own case row and flags, so
 * a frame in which a page arrives renders only the rows that were waiting for
 * it.
 */
export function CaseList() {
  const go = useNavigation((s) => s.go);
  const canFind = useCan('subject.find');
  const [finding, setFinding] = useState(false);
  const me = useSession((s) => s.status?.user?.name ?? '');
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ column: Sort; direction: 'asc' | 'desc' }>({ column: 'lastActivity', direction: 'desc' });
  const [tags, setTags] = useState<{ tag: string; cases: number }[]>([]);
  const [people, setPeople] = useState<string[]>([]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchId = useId();
  const wide = useMediaQuery(WIDE);

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

  const request = useMemo(
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
  const list = useCaseListPages(request);
  const total = list.total;

  const toggleSort = useCallback(
    (column: Sort) =>
      setSort((s) => (s.column === column ? { column, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: column === 'lastActivity' || column === 'risk' ? 'desc' : 'asc' })),
    [],
  );

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
      {list.error !== null ? <Alert kind="error">{list.error}</Alert> : null}
      <CaseGrid list={list} scrollRef={scrollRef} rowHeight={searching ? SEARCH_ROW_HEIGHT : ROW_HEIGHT} sort={sort} toggleSort={toggleSort} wide={wide} />
    </section>
  );
}

/**
 * The virtualized grid: its own component, so the scroll position's re-renders
 * (the virtualizer's state) stop here. Keyboard: arrows, Page Up/Down, Home,
 * End move the active row, Enter opens it.
 */
function CaseGrid({
  list,
  scrollRef,
  rowHeight,
  sort,
  toggleSort,
  wide,
}: {
  list: CaseListPages;
  scrollRef: RefObject<HTMLDivElement | null>;
  rowHeight: number;
  sort: { column: Sort; direction: 'asc' | 'desc' };
  toggleSort: (column: Sort) => void;
  wide: boolean;
}) {
  const go = useNavigation((s) => s.go);
  const [active, setActive] = useState(0);
  const { total, rowAt, want, generation, arrivals } = list;
  const shown = columns.filter((c) => wide || c.wideOnly !== true);
  const template = shown.map((c) => c.width).join(' ');

  // New filters or sort: back to the top.
  useEffect(() => {
    setActive(0);
    scrollRef.current?.scrollTo({ top: 0 });
  }, [generation, scrollRef]);

  const count = total ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12, scrollPaddingStart: HEAD_HEIGHT });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const items = virtualizer.getVirtualItems();

  // Fetch the pages the visible rows need, and the next one before it is reached.
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index;
  useEffect(() => {
    const needed = new Set<number>();
    for (let i = firstIndex; lastIndex !== undefined && i <= lastIndex; i += 1) needed.add(Math.floor(i / PAGE));
    if (lastIndex !== undefined) needed.add(Math.floor(Math.min(count - 1, lastIndex + PREFETCH_WITHIN) / PAGE));
    want([...needed]);
  }, [firstIndex, lastIndex, count, want, arrivals, generation]);

  // The latest list for the handlers, so the rows' click handler stays the same function.
  const latest = useRef({ rowAt, go });
  latest.current = { rowAt, go };
  const open = useCallback((index: number) => {
    const row = latest.current.rowAt(index);
    if (row !== undefined) latest.current.go({ name: 'case', caseId: row.id });
  }, []);
  const pick = useCallback(
    (index: number) => {
      setActive(index);
      open(index);
    },
    [open],
  );

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

  return (
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
              <CaseRowView
                key={item.key}
                index={item.index}
                start={item.start}
                height={rowHeight}
                template={template}
                wide={wide}
                active={item.index === active}
                row={row}
                pastDue={row === undefined ? undefined : list.pastDueOf(row.id)}
                onPick={pick}
              />
            );
          })}
        </div>
      </div>
      {count === 0 && total !== null ? <p className="empty">No cases match. Clear the search or filters, or open a new case.</p> : null}
    </div>
  );
}

/** One row of the grid; rendered again only when its own case, flags, place or state changed. */
const CaseRowView = memo(function CaseRowView({
  index,
  start,
  height,
  template,
  wide,
  active,
  row,
  pastDue,
  onPick,
}: {
  index: number;
  start: number;
  height: number;
  template: string;
  wide: boolean;
  active: boolean;
  row: CaseListRow | undefined;
  pastDue: PastDue | undefined;
  onPick: (index: number) => void;
}) {
  return (
    <div
      id={`case-row-${index}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      className={`vtable-row${active ? ' active' : ''}${row?.overdue === true ? ' overdue' : ''}`}
      style={{ gridTemplateColumns: template, transform: `translateY(${start}px)`, height }}
      onClick={() => onPick(index)}
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
            <ListReviewCell row={row} pastDue={pastDue} />
          </div>
          <div role="gridcell">{formatDate(row.lastActivityAt)}</div>
        </>
      )}
    </div>
  );
});

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
