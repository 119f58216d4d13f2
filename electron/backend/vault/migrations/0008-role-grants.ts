import type { Migration } from './types';

/**
 * Signed role grants (vault/grants.ts): each grant or removal of a user's role
 * is a record signed with the Ed25519 key of the program manager who made it,
 * chained by hash to the record before it, back to the vault creator's
 * self-signed grant. Append-only: triggers refuse UPDATE and DELETE, so only a
 * direct write with the database key can change it, and verification at every
 * unlock detects that.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'role-grants',
  up: `
CREATE TABLE role_grants (
  seq INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('grant', 'removal')),
  vault_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  role TEXT,
  user_key TEXT NOT NULL,
  granted_by TEXT NOT NULL,
  signer_key TEXT NOT NULL,
  at TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  signature TEXT NOT NULL,
  CHECK ((kind = 'grant') = (role IS NOT NULL))
) STRICT;

CREATE TRIGGER role_grants_no_update BEFORE UPDATE ON role_grants
BEGIN SELECT RAISE(ABORT, 'role grants are append-only'); END;

CREATE TRIGGER role_grants_no_delete BEFORE DELETE ON role_grants
BEGIN SELECT RAISE(ABORT, 'role grants are append-only'); END;
`,
};
