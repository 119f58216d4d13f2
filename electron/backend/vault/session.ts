/**
 * What the backend holds while a vault is unlocked. The vault module owns the
 * details; everything else sees only this shape.
 */
export interface VaultSession {
  readonly user: { readonly name: string; readonly role: string };
  /** Closes the database and drops the key material. Idempotent. */
  close(): void;
}
