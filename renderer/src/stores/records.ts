import { create } from 'zustand';
import type { DispositionCertificate } from '../../../shared/model/retention';
import { registerReset } from './reset';

interface RecordsState {
  /** Certificates of the dispositions approved in this session, newest first, so they can be printed after leaving the screen. */
  certificates: DispositionCertificate[];
  addCertificate: (certificate: DispositionCertificate) => void;
  clear: () => void;
}

export const useRecords = create<RecordsState>((set) => ({
  certificates: [],
  addCertificate: (certificate) => set((s) => ({ certificates: [certificate, ...s.certificates.filter((c) => c.caseId !== certificate.caseId)] })),
  clear: () => set({ certificates: [] }),
}));

registerReset(() => useRecords.getState().clear());
