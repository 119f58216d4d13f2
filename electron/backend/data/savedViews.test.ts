import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { deleteOwnedView, findOwnedViewByName, listOwnedViews, ownedViewToRow, rowToOwnedView, upsertOwnedView, type OwnedView } from './savedViews';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-views-');
const view = (id: string, owner: string, name: string, filters: OwnedView['filters'] = {}): OwnedView => ({ id, owner, name, filters, createdAt: '2026-02-01T00:00:00.000Z' });

describe('saved views in the data layer', () => {
  it('maps a view to its row and back unchanged', () => {
    const v = view('v1', 'ana', 'Mine, by risk', { sort: 'risk', direction: 'desc', tag: 'travel' });
    expect(rowToOwnedView(ownedViewToRow(v))).toEqual(v);
  });

  it('reads filters that no longer pass the schema as no filters', () => {
    expect(rowToOwnedView({ ...ownedViewToRow(view('v1', 'ana', 'Old')), filters: '{"colour":"red"}' }).filters).toEqual({});
  });

  it('keeps one view per owner and name: saving the name again keeps its id and takes the new filters', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await upsertOwnedView(q, view('v1', 'ana', 'Open', { status: 'open' }));
    await upsertOwnedView(q, view('v2', 'bo', 'Open'));
    await upsertOwnedView(q, { ...view('v3', 'ana', 'Open', { status: 'closed' }), createdAt: '2026-03-01T00:00:00.000Z' });
    await upsertOwnedView(q, view('v4', 'ana', 'By risk', { sort: 'risk' }));
    expect(await findOwnedViewByName(q, 'ana', 'Open')).toEqual({ ...view('v1', 'ana', 'Open', { status: 'closed' }), createdAt: '2026-03-01T00:00:00.000Z' });
    expect((await listOwnedViews(q, 'ana')).map((v) => v.name)).toEqual(['By risk', 'Open']);
    expect((await listOwnedViews(q, 'bo')).map((v) => v.id)).toEqual(['v2']);
    expect(await findOwnedViewByName(q, 'ana', 'Nope')).toBeNull();
  });

  it('deletes only the owner’s own view', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await upsertOwnedView(q, view('v1', 'ana', 'Open'));
    expect(await deleteOwnedView(q, 'bo', 'v1')).toBe(false);
    expect(await listOwnedViews(q, 'ana')).toHaveLength(1);
    expect(await deleteOwnedView(q, 'ana', 'v1')).toBe(true);
    expect(await listOwnedViews(q, 'ana')).toEqual([]);
  });
});
