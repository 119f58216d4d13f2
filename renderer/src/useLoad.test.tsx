import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { latestOnly, loaded, LoadStatus, type Load } from './useLoad';

const reload = () => Promise.resolve();

describe('useLoad: only the latest answer is shown', () => {
  it('drops an answer overtaken by a newer read, whatever order they arrive in', async () => {
    const guard = latestOnly();
    const shown: string[] = [];
    const read = (answer: string, after: number) => {
      const current = guard.begin();
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          if (current()) shown.push(answer);
          resolve();
        }, after),
      );
    };
    // The first read (an older case) answers last: it must not replace the second.
    await Promise.all([read('old case', 20), read('new case', 5)]);
    expect(shown).toEqual(['new case']);
  });

  it('drops every answer still on its way when the screen closes', () => {
    const guard = latestOnly();
    const first = guard.begin();
    expect(first()).toBe(true);
    guard.drop();
    expect(first()).toBe(false);
    expect(guard.begin()()).toBe(true);
  });

  it('shows content only with data and no error', () => {
    expect(loaded({ data: null, error: null, reload })).toBe(false);
    expect(loaded({ data: [], error: null, reload })).toBe(true);
    expect(loaded({ data: [], error: 'The vault is locked.', reload })).toBe(false);
  });
});

describe('LoadStatus', () => {
  const load = (error: string | null): Load<unknown> => ({ data: null, error, reload });

  it('says what is loading', () => {
    expect(renderToStaticMarkup(<LoadStatus of={load(null)} />)).toBe('<p class="muted">Loading…</p>');
    expect(renderToStaticMarkup(<LoadStatus of={load(null)} loading="Loading history…" />)).toBe('<p class="muted">Loading history…</p>');
  });

  it('shows a failure as an alert with a way to try again', () => {
    expect(renderToStaticMarkup(<LoadStatus of={load('The vault is locked.')} failed="The program dashboard could not be read" />)).toBe(
      '<div class="alert alert-error" role="alert">The program dashboard could not be read: The vault is locked. <button type="button" class="btn-link">Try again</button></div>',
    );
  });
});
