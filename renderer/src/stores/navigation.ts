import { create } from 'zustand';

export type Route =
  | { name: 'home' }
  | { name: 'cases' }
  | { name: 'case'; caseId: string; tab?: string }
  | { name: 'intake' }
  | { name: 'packets' }
  | { name: 'records' }
  | { name: 'admin' }
  | { name: 'exercises' }
  | { name: 'auditLog' }
  /** The print view of the job in stores/print.ts; it replaces the whole window while printing. */
  | { name: 'print' };

interface NavigationState {
  route: Route;
  go: (route: Route) => void;
}

/** In-memory navigation: the app never navigates the page itself (that is denied). */
export const useNavigation = create<NavigationState>((set) => ({
  route: { name: 'home' },
  go: (route) => set({ route }),
}));
