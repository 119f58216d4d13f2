import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../../vault/migrations';
import { embeddedStore } from '../sqlcipher';
import { allRows, build, compileOnce, eachRow, firstRow, runWrite } from './sync';

const freshDb = freshDatabases('offramp-data-sync-');

function migrated() {
  const db = freshDb();
  migrate(db);
  return db;
}

const put = (key: string, value: string) => build.insertInto('settings').values({ key, value });
const testKeys = build.selectFrom('settings').select(['key', 'value']).where('key', 'like', 'test.%').orderBy('key');

describe('synchronous queries of the embedded engine', () => {
  it('runs typed selects and writes on the connection at once', () => {
    const db = migrated();
    expect(runWrite(db, put('test.b', '2'))).toBe(1);
    expect(runWrite(db, put('test.a', '1'))).toBe(1);
    const rows: { key: string; value: string }[] = allRows(db, testKeys);
    expect(rows).toEqual([
      { key: 'test.a', value: '1' },
      { key: 'test.b', value: '2' },
    ]);
    expect(firstRow(db, testKeys.limit(1))).toEqual({ key: 'test.a', value: '1' });
    expect(firstRow(db, testKeys.where('key', '=', 'test.none'))).toBeUndefined();
    expect([...eachRow(db, testKeys)].map((r) => r.key)).toEqual(['test.a', 'test.b']);
    expect(runWrite(db, build.deleteFrom('settings').where('key', 'like', 'test.%'))).toBe(2);
    expect(allRows(db, testKeys)).toEqual([]);
  });

  it('compiles a query once and binds new values by name, keeping the values it wrote itself', () => {
    const db = migrated();
    const insert = compileOnce(['key', 'value'], (v) => build.insertInto('settings').values({ value: v.value, key: v.key }));
    const byPrefix = compileOnce(['prefix'], (v) => build.selectFrom('settings').select('key').where('key', 'like', v.prefix).orderBy('key', 'desc').limit(1));
    runWrite(db, insert({ key: 'test.x', value: 'one' }));
    runWrite(db, insert({ key: 'test.y', value: 'two' }));
    expect(allRows(db, testKeys)).toEqual([
      { key: 'test.x', value: 'one' },
      { key: 'test.y', value: 'two' },
    ]);
    expect(byPrefix({ prefix: 'test.%' }).sql).toBe(byPrefix({ prefix: 'other' }).sql);
    expect(byPrefix({ prefix: 'test.%' }).parameters).toEqual(['test.%', 1]);
    expect(firstRow(db, byPrefix({ prefix: 'test.%' }))).toEqual({ key: 'test.y' });
    expect(() => compileOnce(['unused'], () => testKeys)).toThrow(/unused not used/);
  });

  it('writes inside a transaction of the data layer on the same connection, and rolls back with it', async () => {
    const db = migrated();
    const store = embeddedStore(db);
    await expect(
      store.transaction(async (tx) => {
        await tx.insertInto('settings').values({ key: 'test.async', value: '1' }).execute();
        runWrite(db, put('test.sync', '2'));
        expect(allRows(db, testKeys).map((r) => r.key)).toEqual(['test.async', 'test.sync']);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(allRows(db, testKeys)).toEqual([]);
  });
});
