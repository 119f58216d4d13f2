import { AppError } from '../../../shared/contract';
import { appendAudit } from '../vault/audit';
import { readHeader, unwrapKey, vaultExists } from '../vault/keyslots';
import type { VaultSession } from '../vault/session';
import { unlockVault } from '../vault/vault';

/**
 * Unlocks a vault for one command. With --user, that user's slot; without, the
 * slot the passphrase opens (each user's passphrase opens only their own slot),
 * so an administrator need not repeat a name the passphrase already implies.
 */
export async function unlockForCommand(vaultDir: string, userName: string | undefined, passphrase: string, now: () => Date): Promise<VaultSession> {
  if (!vaultExists(vaultDir)) throw new AppError('not_found', `No vault at ${vaultDir}.`);
  let user = userName;
  if (user === undefined) {
    const header = readHeader(vaultDir);
    for (const slot of header.slots) {
      const key = await unwrapKey(header.vaultId, slot, passphrase);
      if (key === null) continue;
      key.fill(0);
      user = slot.user;
      break;
    }
  }
  // No slot opened: unlockVault records the failed attempt and answers auth_failed.
  return unlockVault(vaultDir, user ?? '(no user named)', passphrase, { now });
}

/** Records the end of the command's session in the audit log and closes it. */
export function closeCommandSession(session: VaultSession, now: Date): void {
  try {
    appendAudit(session.db, { actor: session.user.name, action: 'vault.lock', detail: { reason: 'quit' } }, now);
  } finally {
    session.close();
  }
}
