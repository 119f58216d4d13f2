import type { Migration } from './types';

/**
 * Referral packets: every packet exported from or imported into the vault, and the
 * signing keys of other hubs this vault trusts. A packet id is imported at most
 * once (also enforced on cases.source_packet_id).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'packets',
  up: `
CREATE TABLE packets (
  packet_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('export', 'import')),
  case_id TEXT REFERENCES cases(id) ON DELETE SET NULL,
  case_number TEXT NOT NULL,
  recipient TEXT NOT NULL,
  profile TEXT NOT NULL,
  purpose TEXT NOT NULL,
  training INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  medium_path TEXT,
  packet_sha256 TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL,
  signer_fingerprint TEXT NOT NULL,
  encryption TEXT NOT NULL CHECK (encryption IN ('x25519', 'passphrase')),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  PRIMARY KEY (packet_id, direction)
) STRICT;
CREATE INDEX packets_case ON packets(case_id, at);

CREATE TABLE pinned_signers (
  fingerprint TEXT PRIMARY KEY,
  label TEXT NOT NULL,
  public_key TEXT NOT NULL,
  pinned_by TEXT NOT NULL,
  pinned_at TEXT NOT NULL
) STRICT;

CREATE UNIQUE INDEX cases_source_packet ON cases(source_packet_id) WHERE source_packet_id IS NOT NULL;
`,
};
