import type { Database } from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../../shared/contract';
import { migration0001 } from './0001-initial';
import { migration0003 } from './0003-retention';
import type { Migration } from './types';

/** Every migration, in order. Append only; never edit one that has shipped. */
export const migrations: readonly Migration[] = [
  migration0001,
  migration0003,
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
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema up to `target` (default: the latest), each migration in its own
 * transaction together with its user_version bump, so a crash leaves either the old
 * or the new version, never half of one.
 */
export function migrate(db: Database, target = LATEST_VERSION): { from: number; to: number } {
  const from = schemaVersion(db);
  if (from > LATEST_VERSION) throw new VaultTooNewError(from, LATEST_VERSION);
  for (const migration of migrations) {
    if (migration.version <= from || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}
