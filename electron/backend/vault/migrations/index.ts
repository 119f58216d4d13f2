import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../../shared/contract';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-packets';
import { migration0003 } from './0003-retention';
import { migration0004 } from './0004-indexes-at-scale';
import { migration0005 } from './0005-subject-reveals';
import { migration0006 } from './0006-fts-routine-deletes';
import { migration0007 } from './0007-program-rules';
import { migration0008 } from './0008-role-grants';
import { migration0010 } from './0010-case-teams';
import { migration0011 } from './0011-decisions-queues';
import { migration0012 } from './0012-counts-search-tags';
import { migration0013 } from './0013-evidence-chunks';
import { migration0015 } from './0015-disposition-due';
import { migration0016 } from './0016-case-edits';
import { migration0017 } from './0017-packet-recipients';
import { migration0018 } from './0018-search-by-case-key';
import { migration0020 } from './0020-packet-import-staging';
import { migration0021 } from './0021-audit-action-index';
import { migration0022 } from './0022-search-by-case';
import { migration0024 } from './0024-dashboard-counts';
import type { Migration } from './types';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0015,
  migration0016,
  migration0017,
  migration0018,
  migration0020,
  migration0021,
  migration0022,
  migration0024,
];

export const LATEST_VERSION = migrations[migrations.length - 1]?.version ?? 0;

/** A vault written by a newer Offramp: opening it could lose data, so we refuse. */
export class VaultTooNewError extends AppError {
  constructor(found: number, supported: number) {
    super('conflict', `This vault was written by a newer version of Offramp (schema ${found}; this version knows up to ${supported}). Update Offramp to open it.`);
    this.name = 'VaultTooNewError';
  }
}

export function schemaVersion(db: Database): number {
  const version: unknown = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new Error(`The database's user_version is not an integer (${String(version)}).`);
  return version;
}

/**
 * Brings the schema up to `target` (default: the latest), each migration in its own
 * transaction together with its user_version bump, so a crash leaves either the old
 * or the new version, never half of one. `registry` is the list above; tests pass
 * their own to prove how a failing migration is handled.
 */
export function migrate(db: Database, target?: number, registry: readonly Migration[] = migrations): { from: number; to: number } {
  const latest = registry[registry.length - 1]?.version ?? 0;
  const from = schemaVersion(db);
  if (from > latest) throw new VaultTooNewError(from, latest);
  for (const migration of registry) {
    if (target !== undefined && migration.version > target) continue;
    if (migration.version <= from) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}
