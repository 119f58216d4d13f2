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
  load: (caseId: string) => Promise<void>;
  reveal: (caseId: string, reason: string) => Promise<void>;
  clear: () => void;
}

/** The case on screen. Decrypted data: cleared when the vault locks. */
export const useCurrentCase = create<CurrentCaseState>((set, get) => ({
  view: null,
  evaluation: null,
  revealedName: null,
  error: null,
  load: async (caseId) => {
    try {
      const [view, evaluation] = await Promise.all([call('cases.get', { id: caseId }), call('cases.evaluate', { caseId })]);
      const keepName = get().view?.case.id === caseId ? get().revealedName : null;
      set({ view, evaluation, error: null, revealedName: keepName });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  reveal: async (caseId, reason) => {
    const { realName } = await call('cases.reveal', { caseId, reason });
    set({ revealedName: realName });
  },
  clear: () => set({ view: null, evaluation: null, revealedName: null, error: null }),
}));

registerReset(() => useCurrentCase.getState().clear());
