import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { errorMessage } from './api/client';
import { Alert } from './components/Alert';

/**
 * Numbers each request so that only the answer to the latest one is kept: the
 * guard the open case uses (stores/currentCase.ts), for any read a screen shows.
 * `begin` starts a request and returns whether it is still the latest; `drop`
 * makes every request started so far stale (the screen closed).
 */
export function latestOnly(): { begin: () => () => boolean; drop: () => void } {
  let latest = 0;
  return {
    begin: () => {
      const request = ++latest;
      return () => request === latest;
    },
    drop: () => {
      latest++;
    },
  };
}

/** One read on screen: its data once it came, else its error, else still loading; `reload` reads it again. */
export interface Load<T> {
  data: T | null;
  error: string | null;
  reload: () => Promise<void>;
}

/**
 * Reads what a screen shows when it opens and again whenever `deps` change. What
 * was shown stays until the new answer comes; an answer overtaken by a newer read,
 * or arriving after the screen closed, is dropped; a failure shows its message
 * until the next read. `deps` name the read, as with useEffect.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Load<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  const loadRef = useRef(load);
  loadRef.current = load;
  const [guard] = useState(latestOnly);
  const reload = useCallback(async () => {
    const current = guard.begin();
    // Trying again after a failure shows "Loading…" (or what was shown) until the answer.
    setState((s) => (s.error === null ? s : { data: s.data, error: null }));
    try {
      const data = await loadRef.current();
      if (current()) setState({ data, error: null });
    } catch (error) {
      if (current()) setState((s) => ({ data: s.data, error: errorMessage(error) }));
    }
  }, [guard]);
  useEffect(() => {
    void reload();
    return guard.drop;
  }, deps);
  return { ...state, reload };
}

/** Whether the read has its data and no error: the screen shows its content. */
export function loaded<T>(load: Load<T>): load is Load<T> & { data: T; error: null } {
  return load.error === null && load.data !== null;
}

/**
 * What a screen shows before its data: "Loading…" (or what is loading), or the
 * error as an alert with a way to try again.
 */
export function LoadStatus({ of, loading = 'Loading…', failed }: { of: Load<unknown>; loading?: string; failed?: string }) {
  if (of.error === null) return <p className="muted">{loading}</p>;
  return (
    <Alert kind="error">
      {failed === undefined ? of.error : `${failed}: ${of.error}`}{' '}
      <button type="button" className="btn-link" onClick={() => void of.reload()}>
        Try again
      </button>
    </Alert>
  );
}
