import { beforeEach, describe, expect, it, vi } from 'vitest';

type Pending = { method: string; input: { id: string; refresh?: boolean }; resolve: (value: unknown) => void; reject: (error: unknown) => void };
const pending: Pending[] = [];
vi.mock('../api/client', () => ({
  call: (method: string, input: { id: string; refresh?: boolean }) => new Promise((resolve, reject) => pending.push({ method, input, resolve, reject })),
  errorMessage: (error: unknown) => (error instanceof Error ? error.message : String(error)),
}));
const { openCase, useCurrentCase } = await import('./currentCase');

const opened = (id: string, title: string) => ({ case: { id, title }, evaluation: { pathway: [], warnings: [] } });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const store = () => useCurrentCase.getState();

beforeEach(() => {
  pending.length = 0;
  store().clear();
});

describe('the case on screen', () => {
  it('opens a case with one call and keeps the case and its evaluation apart', async () => {
    const open = store().open('a');
    expect(pending.map((p) => [p.method, p.input])).toEqual([['cases.get', { id: 'a', refresh: false }]]);
    pending[0]?.resolve(opened('a', 'First'));
    await open;
    expect(openCase(store()).view).toEqual({ case: { id: 'a', title: 'First' } });
    expect(openCase(store()).evaluation).toEqual({ pathway: [], warnings: [] });
  });

  it('re-reads the open case after a change as a refresh, not as a new view', async () => {
    const open = store().open('a');
    pending[0]?.resolve(opened('a', 'First'));
    await open;
    const refetch = store().refetch();
    expect(pending.map((p) => p.input)).toEqual([
      { id: 'a', refresh: false },
      { id: 'a', refresh: true },
    ]);
    pending[1]?.resolve(opened('a', 'First, edited'));
    await refetch;
    expect(openCase(store()).view?.case).toEqual({ id: 'a', title: 'First, edited' });
  });

  it('drops a re-read overtaken by another case opened, whose answer came first', async () => {
    const first = store().open('a');
    pending[0]?.resolve(opened('a', 'First'));
    await first;

    // A slow re-read of case a, then the user opens case b, whose answer comes first.
    const slow = store().refetch();
    const other = store().open('b');
    expect(pending[1]?.input).toEqual({ id: 'a', refresh: true });
    expect(pending[2]?.input).toEqual({ id: 'b', refresh: false });
    pending[2]?.resolve(opened('b', 'Second'));
    await other;
    pending[1]?.resolve(opened('a', 'First, stale'));
    await slow;
    await settle();
    expect(openCase(store()).view?.case).toEqual({ id: 'b', title: 'Second' });
    // The stale answer did not even reach the cache of case a.
    expect(store().cases['a']?.view.case).toEqual({ id: 'a', title: 'First' });
  });

  it('drops two re-reads answered out of order: the older answer never replaces the newer', async () => {
    const first = store().open('a');
    pending[0]?.resolve(opened('a', 'v1'));
    await first;
    const older = store().refetch();
    const newer = store().refetch();
    pending[2]?.resolve(opened('a', 'v3'));
    await newer;
    pending[1]?.resolve(opened('a', 'v2'));
    await older;
    expect(openCase(store()).view?.case).toEqual({ id: 'a', title: 'v3' });
  });

  it('shows a case read before at once when it is opened again, and still reads it as a view', async () => {
    const a = store().open('a');
    pending[0]?.resolve(opened('a', 'First'));
    await a;
    const b = store().open('b');
    pending[1]?.resolve(opened('b', 'Second'));
    await b;

    const again = store().open('a');
    expect(openCase(store()).view?.case).toEqual({ id: 'a', title: 'First' });
    expect(pending[2]?.input).toEqual({ id: 'a', refresh: false });
    pending[2]?.reject(new Error('You are no longer on this case’s team.'));
    await again;
    // A case that can no longer be read is not shown from the cache.
    expect(openCase(store()).view).toBeNull();
    expect(store().cases['a']).toBeUndefined();
    expect(store().error).toBe('You are no longer on this case’s team.');
  });

  it('drops a late failure of an overtaken request and an answer arriving after the case was closed', async () => {
    const a = store().open('a');
    const b = store().open('b');
    pending[1]?.resolve(opened('b', 'Second'));
    await b;
    pending[0]?.reject(new Error('The vault is locked.'));
    await a;
    expect(store().error).toBeNull();

    const late = store().open('c');
    store().clear();
    pending[2]?.resolve(opened('c', 'Third'));
    await late;
    expect(openCase(store()).view).toBeNull();
    expect(store().cases).toEqual({});
  });

  it('re-reads nothing when no case is open', async () => {
    await store().refetch();
    expect(pending).toEqual([]);
  });
});
