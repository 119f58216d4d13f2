import type { Migration } from './types';

/**
 * The address book of packet recipients kept by the program manager: each
 * receiving agency's contact with its age public key and that key's SHA-256
 * fingerprint (for reading back over a trusted channel). One entry per key.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'packet-recipients',
  up: `
CREATE TABLE packet_recipients (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  agency TEXT NOT NULL CHECK (length(trim(agency)) > 0),
  age_key TEXT NOT NULL UNIQUE CHECK (age_key GLOB 'age1*' AND length(age_key) = 62),
  fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`,
};
