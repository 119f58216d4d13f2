import { addUser, unlockVault } from '../../electron/backend/vault/vault';
import type { VaultSession } from '../../electron/backend/vault/session';
import type { Role } from '../../shared/domain/ids';
import { createTestVault, TEST_PASSPHRASE, type TestVault } from './vault';

export interface TestTeam {
  vault: TestVault;
  /** The program manager who created the vault. */
  manager: VaultSession;
  legal: VaultSession;
  analyst: VaultSession;
  cleanup: () => void;
}

/**
 * A vault with a program manager, a legal user and an analyst, each signed in with
 * their own session on the same encrypted file, as three workstations' worth of
 * users would be one after another.
 */
export async function createTestTeam(): Promise<TestTeam> {
  const vault = await createTestVault();
  const options = { now: vault.now, kdf: 'fast-insecure-for-tests' as const };
  const sessions: VaultSession[] = [];
  const signIn = async (name: string, role: Role) => {
    await addUser(vault.session, { name, role, passphrase: TEST_PASSPHRASE }, options);
    const session = await unlockVault(vault.dir, name, TEST_PASSPHRASE, options);
    sessions.push(session);
    return session;
  };
  const legal = await signIn('Lee Okafor', 'legal');
  const analyst = await signIn('Ana Ruiz', 'analyst');
  return {
    vault,
    manager: vault.session,
    legal,
    analyst,
    cleanup: () => {
      for (const s of sessions) s.close();
      vault.cleanup();
    },
  };
}
