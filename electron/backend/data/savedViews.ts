import type { Selectable } from 'kysely';
import { savedViewFiltersSchema, type SavedView } from '../../../shared/contract/caseTags';
import type { Database } from './schema';
import type { Queries } from './store';

/** Each user's saved case-list views (table saved_views, migration 0012): one name per owner. */
export type SavedViewRow = Selectable<Database['saved_views']>;

export interface OwnedView extends SavedView {
  owner: string;
}

/** Filters that no longer pass the schema (written by an older Offramp) read as no filters. */
export function rowToOwnedView(r: SavedViewRow): OwnedView {
  const parsed = savedViewFiltersSchema.safeParse(JSON.parse(r.filters));
  return { id: r.id, owner: r.owner, name: r.name, filters: parsed.success ? parsed.data : {}, createdAt: r.created_at };
}

export function ownedViewToRow(x: OwnedView): SavedViewRow {
  return { id: x.id, owner: x.owner, name: x.name, filters: JSON.stringify(x.filters), created_at: x.createdAt };
}

export async function listOwnedViews(q: Queries, owner: string): Promise<OwnedView[]> {
  const rows = await q.selectFrom('saved_views').selectAll().where('owner', '=', owner).orderBy('name').execute();
  return rows.map(rowToOwnedView);
}

export async function findOwnedViewByName(q: Queries, owner: string, name: string): Promise<OwnedView | null> {
  const row = await q.selectFrom('saved_views').selectAll().where('owner', '=', owner).where('name', '=', name).executeTakeFirst();
  return row === undefined ? null : rowToOwnedView(row);
}

/** Stores the view; one of the same owner and name keeps its id and takes the new filters and time. */
export async function upsertOwnedView(q: Queries, x: OwnedView): Promise<void> {
  const row = ownedViewToRow(x);
  await q
    .insertInto('saved_views')
    .values(row)
    .onConflict((oc) => oc.columns(['owner', 'name']).doUpdateSet({ filters: row.filters, created_at: row.created_at }))
    .execute();
}

/** Deletes the owner's view; false when the owner has no view with that id. */
export async function deleteOwnedView(q: Queries, owner: string, id: string): Promise<boolean> {
  const result = await q.deleteFrom('saved_views').where('id', '=', id).where('owner', '=', owner).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
