import { beforeEach, describe, expect, it, vi } from 'vitest';

type Pending = { method: string; input: { id: string; refresh?: boolean }; resolve: (value: unknown) => void; reject: (error: unknown) => void };
const pending: Pending[] = [];
vi.mock('../api/client', () => ({
  call: (method: string, input: { id: string; refresh?: boolean }) => new Promise((resolve, reject) => pending.push({ method, input, resolve, reject })),
  errorMessage: (error: unknown) => (error instanceof Error ? error.message : String(error)),
}));
const { useCurrentCase } = await import('./currentCase');

const opened = (id: string, title: string) => ({ case: { id, title }, evaluation: { pathway: [], warnings: [] } });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  pending.length = 0;
  useCurrentCase.getState().clear();
});

describe('the case on screen', () => {
  it('opens a case with one call and keeps the case and its evaluation apart', async () => {
    const load = useCurrentCase.getState().load('a');
    expect(pending.map((p) => [p.method, p.input])).toEqual([['cases.get', { id: 'a', refresh: false }]]);
    pending[0]?.resolve(opened('a', 'First'));
    await load;
    expect(useCurrentCase.getState().view).toEqual({ case: { id: 'a', title: 'First' } });
    expect(useCurrentCase.getState().evaluation).toEqual({ pathway: [], warnings: [] });
  });

  it('re-reads the open case as a refresh, and drops an answer overtaken by a later request', async () => {
    const first = useCurrentCase.getState().load('a');
    pending[0]?.resolve(opened('a', 'First'));
    await first;

    // A slow reload of case a, then the user opens case b, whose answer comes first.
    const slow = useCurrentCase.getState().load('a');
    const other = useCurrentCase.getState().load('b');
    expect(pending[1]?.input).toEqual({ id: 'a', refresh: true });
    expect(pending[2]?.input).toEqual({ id: 'b', refresh: false });
    pending[2]?.resolve(opened('b', 'Second'));
    await other;
    pending[1]?.resolve(opened('a', 'First, stale'));
    await slow;
    await settle();
    expect(useCurrentCase.getState().view?.case).toEqual({ id: 'b', title: 'Second' });
  });

  it('drops a late failure of an overtaken request and an answer arriving after the case was closed', async () => {
    const a = useCurrentCase.getState().load('a');
    const b = useCurrentCase.getState().load('b');
    pending[1]?.resolve(opened('b', 'Second'));
    await b;
    pending[0]?.reject(new Error('The vault is locked.'));
    await a;
    expect(useCurrentCase.getState().error).toBeNull();

    const late = useCurrentCase.getState().load('c');
    useCurrentCase.getState().clear();
    pending[2]?.resolve(opened('c', 'Third'));
    await late;
    expect(useCurrentCase.getState().view).toBeNull();
  });
});
