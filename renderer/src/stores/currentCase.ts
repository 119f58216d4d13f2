import { useEffect } from 'react';
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { CaseView } from '../../../shared/contract/cases';
import type { EvaluateOutput } from '../../../shared/domain';
import { call, errorMessage } from '../api/client';
import { registerReset } from './reset';

/** One case as its screen shows it: the record and the rules engine's reading of the same record. */
export interface CaseEntry {
  view: CaseView;
  evaluation: EvaluateOutput;
}

interface CurrentCaseState {
  /** The case on screen; its entry is `cases[openId]`. */
  openId: string | null;
  /** The cases read since the case screen opened, by case id: going back to one shows it at once while it is read again. */
  cases: Record<string, CaseEntry>;
  /** The real name, only after an audited reveal; dropped on lock or when leaving the case. */
  revealedName: string | null;
  error: string | null;
  /** Opens a case: one call brings the case and the rules engine on it, audited as a view. */
  open: (caseId: string) => Promise<void>;
  /** Re-reads the case on screen after a change on it: not a new view, so no new view event. */
  refetch: () => Promise<void>;
  reveal: (caseId: string, reason: string) => Promise<void>;
  clear: () => void;
}

/** Each request's number: only the answer to the latest one is shown. */
let latestRequest = 0;

/** The case on screen. Decrypted data: cleared when the vault locks and when the case screen closes. */
export const useCurrentCase = create<CurrentCaseState>((set, get) => {
  const read = async (caseId: string, refresh: boolean) => {
    const request = ++latestRequest;
    try {
      const { evaluation, ...view } = await call('cases.get', { id: caseId, refresh });
      // An answer overtaken by a later request (another case opened, a newer re-read) is dropped.
      if (request !== latestRequest) return;
      set((s) => ({ cases: { ...s.cases, [caseId]: { view, evaluation } }, error: null }));
    } catch (error) {
      if (request !== latestRequest) return;
      // A case that can no longer be read (removed from its team, disposed of) is not shown from the cache.
      set((s) => {
        const { [caseId]: _dropped, ...cases } = s.cases;
        return { cases, error: errorMessage(error) };
      });
    }
  };
  return {
    openId: null,
    cases: {},
    revealedName: null,
    error: null,
    open: async (caseId) => {
      const keepName = get().openId === caseId ? get().revealedName : null;
      set({ openId: caseId, revealedName: keepName, error: null });
      await read(caseId, false);
    },
    refetch: async () => {
      const caseId = get().openId;
      if (caseId === null) return;
      await read(caseId, true);
    },
    reveal: async (caseId, reason) => {
      const { realName } = await call('cases.reveal', { caseId, reason });
      if (get().openId === caseId) set({ revealedName: realName });
    },
    clear: () => {
      latestRequest++;
      set({ openId: null, cases: {}, revealedName: null, error: null });
    },
  };
});

registerReset(() => useCurrentCase.getState().clear());

/** The case on screen and its evaluation: the open case's entry, shown at once when it was read before. */
export function openCase(s: Pick<CurrentCaseState, 'openId' | 'cases'>): { view: CaseView | null; evaluation: EvaluateOutput | null } {
  const entry = s.openId === null ? undefined : s.cases[s.openId];
  return { view: entry?.view ?? null, evaluation: entry?.evaluation ?? null };
}

/**
 * How a screen reads a case: `useCaseQuery(caseId)` on the case screen opens the
 * case (one audited call) and forgets it when the screen closes; `useCaseQuery()`
 * anywhere inside it gives the same case and `refetch`, which re-reads it after a
 * change without counting as a new view.
 */
export function useCaseQuery(caseId?: string) {
  const state = useCurrentCase(
    useShallow((s) => ({ ...openCase(s), revealedName: s.revealedName, error: s.error, refetch: s.refetch, reveal: s.reveal })),
  );
  useEffect(() => {
    if (caseId === undefined) return;
    void useCurrentCase.getState().open(caseId);
  }, [caseId]);
  // Forgotten when the screen that opened it closes, not when it moves to another case.
  const opens = caseId !== undefined;
  useEffect(() => {
    if (!opens) return;
    return () => useCurrentCase.getState().clear();
  }, [opens]);
  return state;
}
