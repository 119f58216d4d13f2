import type { Role } from '../../../shared/domain/ids';
import type { Db } from './database';

/**
 * What the backend holds while a vault is unlocked: the open database, who is
 * signed in, and the key material (zeroed on close).
 */
export interface VaultSession {
  readonly user: { readonly name: string; readonly role: Role; readonly createdAt: string };
  readonly db: Db;
  readonly dir: string;
  readonly vaultId: string;
  readonly training: boolean;
  /** Minutes without a call after which the backend locks the vault itself. */
  idleLockMinutes: number;
  /** Milliseconds since the epoch of the last call. */
  lastActivity: number;
  /** The key that wraps the database key; needed to add users and rekey. */
  readonly masterKey: Buffer;
  /** Closes the database and zeroes the key material. Idempotent. */
  close(): void;
  readonly closed: boolean;
}
