import { sql, type Selectable } from 'kysely';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * The keys of other hubs this vault accepts packets from (table pinned_signers,
 * migration 0002): each pinned by a program manager under a label.
 */
export type PinnedSignerRow = Selectable<Database['pinned_signers']>;

export interface PinnedSigner {
  fingerprint: string;
  label: string;
  publicKeyPem: string;
  pinnedBy: string;
  pinnedAt: string;
}

export function rowToPinnedSigner(r: PinnedSignerRow): PinnedSigner {
  return { fingerprint: r.fingerprint, label: r.label, publicKeyPem: r.public_key, pinnedBy: r.pinned_by, pinnedAt: r.pinned_at };
}

export function pinnedSignerToRow(x: PinnedSigner): PinnedSignerRow {
  return { fingerprint: x.fingerprint, label: x.label, public_key: x.publicKeyPem, pinned_by: x.pinnedBy, pinned_at: x.pinnedAt };
}

/** Every pinned key by label, ignoring (ASCII) letter case. */
export async function listPinnedSigners(q: Queries): Promise<PinnedSigner[]> {
  const rows = await q.selectFrom('pinned_signers').selectAll().orderBy(sql`label collate nocase`).execute();
  return rows.map(rowToPinnedSigner);
}

export async function findPinnedSigner(q: Queries, fingerprint: string): Promise<PinnedSigner | null> {
  const row = await q.selectFrom('pinned_signers').selectAll().where('fingerprint', '=', fingerprint).executeTakeFirst();
  return row === undefined ? null : rowToPinnedSigner(row);
}

export async function insertPinnedSigner(q: Queries, x: PinnedSigner): Promise<void> {
  await q.insertInto('pinned_signers').values(pinnedSignerToRow(x)).execute();
}

/** Whether a key of that fingerprint was pinned (and is now removed). */
export async function deletePinnedSigner(q: Queries, fingerprint: string): Promise<boolean> {
  const result = await q.deleteFrom('pinned_signers').where('fingerprint', '=', fingerprint).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
