import { create } from 'zustand';
import type { RecoveryNotice, VaultStatus } from '../../../shared/contract/vault';
import type { Role } from '../../../shared/domain/ids';
import { call, errorMessage, onBackendLocked } from '../api/client';
import { useNavigation } from './navigation';
import { resetAllStores } from './reset';

interface SessionState {
  status: VaultStatus | null;
  error: string | null;
  /** Shown once after creating the vault or rotating its key; cleared when confirmed. */
  pendingRecoveryKey: string | null;
  /** For a program manager: passphrases reset with the recovery key, as the last unlock reported them; cleared when dismissed. */
  recoveries: RecoveryNotice[];
  refresh: () => Promise<void>;
  create: (input: { userName: string; role: Role; passphrase: string }) => Promise<void>;
  unlock: (userName: string, passphrase: string) => Promise<void>;
  recover: (input: { recoveryKey: string; userName: string; newPassphrase: string; reason: string }) => Promise<void>;
  dismissRecoveries: () => void;
  lock: (reason?: 'user' | 'idle') => Promise<void>;
  showRecoveryKey: (key: string) => void;
  openTraining: () => Promise<void>;
  resetTraining: () => Promise<void>;
  confirmRecoveryKeyStored: () => void;
}

function dropDecryptedState(): void {
  resetAllStores();
  useNavigation.getState().go({ name: 'home' });
}

export const useSession = create<SessionState>((set, get) => ({
  status: null,
  error: null,
  pendingRecoveryKey: null,
  recoveries: [],
  refresh: async () => {
    try {
      const status = await call('vault.status', {});
      if (status.state !== 'unlocked' && get().status?.state === 'unlocked') dropDecryptedState();
      set({ status, error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  create: async ({ userName, role, passphrase }) => {
    const created = await call('vault.create', { userName, role, passphrase });
    set({ pendingRecoveryKey: created.recoveryKey });
    await get().refresh();
  },
  unlock: async (userName, passphrase) => {
    const { recoveries } = await call('vault.unlock', { userName, passphrase });
    set({ recoveries });
    useNavigation.getState().go({ name: 'home' });
    await get().refresh();
  },
  recover: async (input) => {
    const { recoveries } = await call('vault.recover', input);
    set({ recoveries });
    useNavigation.getState().go({ name: 'home' });
    await get().refresh();
  },
  dismissRecoveries: () => set({ recoveries: [] }),
  lock: async (reason = 'user') => {
    dropDecryptedState();
    set({ pendingRecoveryKey: null, recoveries: [] });
    try {
      await call('vault.lock', { reason });
    } finally {
      await get().refresh();
    }
  },
  showRecoveryKey: (key) => set({ pendingRecoveryKey: key }),
  // The switch happens in the backend first; only then are the screens reset, so
  // no screen asks the backend for data while it has no vault open.
  openTraining: async () => {
    await call('training.open', {});
    dropDecryptedState();
    await get().refresh();
  },
  resetTraining: async () => {
    await call('training.reset', { confirm: true });
    dropDecryptedState();
    await get().refresh();
  },
  confirmRecoveryKeyStored: () => set({ pendingRecoveryKey: null }),
}));

// The backend locked on its own (idle timeout): follow it.
onBackendLocked(() => {
  void useSession.getState().refresh();
});
