import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract/app';
import { call, errorMessage } from '../api/client';

interface AppState {
  info: AppInfo | null;
  error: string | null;
  load: () => Promise<void>;
}

export const useAppInfo = create<AppState>((set) => ({
  info: null,
  error: null,
  load: async () => {
    try {
      set({ info: await call('app.info', {}), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
}));
