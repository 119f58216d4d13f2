import { create } from 'zustand';
import type { CaseView } from '../../../shared/contract/cases';
import type { EvaluateOutput } from '../../../shared/domain';
import { call, errorMessage } from '../api/client';
import { registerReset } from './reset';

interface CurrentCaseState {
  view: CaseView | null;
  evaluation: EvaluateOutput | null;
  /** The real name, only after an audited reveal; dropped on lock or when leaving the case. */
  revealedName: string | null;
  error: string | null;
  /**
   * Opens a case, or re-reads the one on screen after a change (then no new view
   * is audited). One call brings the case and the rules engine's reading of it.
   */
  load: (caseId: string) => Promise<void>;
  reveal: (caseId: string, reason: string) => Promise<void>;
  clear: () => void;
}

/** Each request's number: only the answer to the latest one is shown. */
let latestRequest = 0;

/** The case on screen. Decrypted data: cleared when the vault locks. */
export const useCurrentCase = create<CurrentCaseState>((set, get) => ({
  view: null,
  evaluation: null,
  revealedName: null,
  error: null,
  load: async (caseId) => {
    const request = ++latestRequest;
    const refresh = get().view?.case.id === caseId;
    try {
      const { evaluation, ...view } = await call('cases.get', { id: caseId, refresh });
      // An answer overtaken by a later request (another case opened, a newer reload) is dropped.
      if (request !== latestRequest) return;
      const keepName = get().view?.case.id === caseId ? get().revealedName : null;
      set({ view, evaluation, error: null, revealedName: keepName });
    } catch (error) {
      if (request !== latestRequest) return;
      set({ error: errorMessage(error) });
    }
  },
  reveal: async (caseId, reason) => {
    const { realName } = await call('cases.reveal', { caseId, reason });
    set({ revealedName: realName });
  },
  clear: () => {
    latestRequest++;
    set({ view: null, evaluation: null, revealedName: null, error: null });
  },
}));

registerReset(() => useCurrentCase.getState().clear());
