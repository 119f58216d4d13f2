import { create } from 'zustand';
import type { CoverSheetPacket, PrintSection } from '../../../shared/contract/printing';
import type { DispositionCertificate } from '../../../shared/model/retention';
import { useNavigation, type Route } from './navigation';
import { registerReset } from './reset';

export type PageSize = 'A4' | 'Letter';
export type PrintMode = 'print' | 'pdf';

export type PrintJob =
  | {
      kind: 'case';
      caseId: string;
      sections: PrintSection[];
      pageSize: PageSize;
      mode: PrintMode;
      /** The real name, only after an audited reveal for this printout; otherwise the pseudonymous id is printed. */
      realName: string | null;
      returnTo: Route;
    }
  | { kind: 'cover'; packet: CoverSheetPacket; pageSize: PageSize; mode: PrintMode; returnTo: Route }
  | { kind: 'disposition'; certificate: DispositionCertificate; pageSize: PageSize; mode: PrintMode; returnTo: Route };

export interface PrintOutcome {
  kind: 'ok' | 'error' | 'info';
  text: string;
  /** The case the printout was of: the outcome is shown on that case only. */
  caseId?: string;
}

interface PrintState {
  job: PrintJob | null;
  /** What happened to the last job, shown on the screen it returns to. */
  outcome: PrintOutcome | null;
  /** Lays out the print view for the job; the view prints or saves it, then returns. */
  start: (job: PrintJob) => void;
  finish: (outcome: PrintOutcome) => void;
  dismiss: () => void;
  clear: () => void;
}

/**
 * The printout being prepared. Its real name is decrypted case data, so the store
 * is reset when the vault locks. The window prints whatever it shows, so the job
 * takes over the whole window until it is done.
 */
export const usePrint = create<PrintState>((set, get) => ({
  job: null,
  outcome: null,
  start: (job) => {
    set({ job, outcome: null });
    useNavigation.getState().go({ name: 'print' });
  },
  finish: (outcome) => {
    const job = get().job;
    const returnTo = job?.returnTo;
    set({ job: null, outcome: returnTo?.name === 'case' ? { ...outcome, caseId: returnTo.caseId } : outcome });
    useNavigation.getState().go(job?.returnTo ?? { name: 'home' });
  },
  dismiss: () => set({ outcome: null }),
  clear: () => set({ job: null, outcome: null }),
}));

registerReset(() => usePrint.getState().clear());
