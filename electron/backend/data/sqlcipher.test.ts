import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from '../vault/migrations/freshDatabase.test-helper';
import { migration0012 } from '../vault/migrations/0012-counts-search-tags';
import { migrate } from '../vault/migrations';
import type { Db } from '../vault/database';
import { checkpointLog, embeddedStore, hasSearchIndex, mergeSearchIndex, optimizeSearchIndex } from './sqlcipher';
import type { Queries } from './store';

const freshDb = freshDatabases('offramp-data-engine-');

function migrated(): Db {
  const db = freshDb();
  migrate(db);
  return db;
}

const put = (tx: Queries, key: string, value: string) => tx.insertInto('settings').values({ key, value }).execute();
const keys = async (q: Queries) => (await q.selectFrom('settings').select('key').where('key', 'like', 'test.%').orderBy('key').execute()).map((r) => r.key);

describe('the embedded SQLCipher engine', () => {
  it('runs two concurrent transactions one after the other, never interleaved, even when the first awaits in between', async () => {
    const db = migrated();
    const store = embeddedStore(db);
    const events: string[] = [];
    const first = store.transaction(async (tx) => {
      events.push('first begins');
      await put(tx, 'test.a', '1');
      await sleep(30);
      await put(tx, 'test.b', '2');
      events.push('first ends');
      return 'first';
    });
    const second = store.transaction(async (tx) => {
      events.push('second begins');
      const seen = await keys(tx);
      await put(tx, 'test.c', '3');
      events.push('second ends');
      return seen;
    });
    const single = keys(store.q).then((seen) => {
      events.push('single query');
      return seen;
    });
    await expect(first).resolves.toBe('first');
    // The second saw both rows of the first, never the first alone.
    await expect(second).resolves.toEqual(['test.a', 'test.b']);
    await expect(single).resolves.toEqual(['test.a', 'test.b', 'test.c']);
    expect(events).toEqual(['first begins', 'first ends', 'second begins', 'second ends', 'single query']);
  });

  it('rolls a transaction back when its work throws, with the synchronous writes made inside it, and lets the waiting one commit alone', async () => {
    const db = migrated();
    const store = embeddedStore(db);
    const failing = store.transaction(async (tx) => {
      await put(tx, 'test.a', '1');
      // Unconverted code writes through the same connection: inside this transaction.
      db.prepare("INSERT INTO settings (key, value) VALUES ('test.sync', 'x')").run();
      await sleep(20);
      throw new Error('refused half-way');
    });
    const waiting = store.transaction(async (tx) => {
      const seen = await keys(tx);
      await put(tx, 'test.c', '3');
      return seen;
    });
    await expect(failing).rejects.toThrow('refused half-way');
    await expect(waiting).resolves.toEqual([]);
    expect(await keys(store.q)).toEqual(['test.c']);
    expect(db.inTransaction).toBe(false);
  });

  it('refuses a second transaction or an outside query started inside a transaction, which would wait for itself', async () => {
    const store = embeddedStore(migrated());
    await expect(store.transaction(async () => store.transaction(() => Promise.resolve('inner')))).rejects.toThrow(/second transaction was started inside a transaction/i);
    await expect(store.transaction(async () => keys(store.q))).rejects.toThrow(/query outside the transaction/i);
    // Nothing is left open: the store still works.
    await expect(store.transaction(async (tx) => put(tx, 'test.after', '1'))).resolves.toBeDefined();
    expect(await keys(store.q)).toEqual(['test.after']);
  });

  it('keeps one store per connection, so every caller of a vault shares its one queue', () => {
    const db = migrated();
    expect(embeddedStore(db)).toBe(embeddedStore(db));
    expect(embeddedStore(migrated())).not.toBe(embeddedStore(db));
  });

  it('merges and optimizes the full-text index, and does nothing to a vault from before the index', () => {
    const old = freshDb(versionBefore(migration0012));
    expect(hasSearchIndex(old)).toBe(false);
    expect(() => mergeSearchIndex(old, 200)).not.toThrow();
    const db = migrated();
    expect(hasSearchIndex(db)).toBe(true);
    mergeSearchIndex(db, 200);
    optimizeSearchIndex(db);
    expect(() => db.exec("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')")).not.toThrow();
  });

  it('empties the write-ahead log with a TRUNCATE checkpoint', async () => {
    const db = migrated();
    await put(embeddedStore(db).q, 'test.wal', 'x'.repeat(10_000));
    const wal = `${db.name}-wal`;
    expect(statSync(wal).size).toBeGreaterThan(0);
    checkpointLog(db, 'PASSIVE');
    expect(statSync(wal).size).toBeGreaterThan(0);
    checkpointLog(db, 'TRUNCATE');
    expect(statSync(wal).size).toBe(0);
    expect(await keys(embeddedStore(db).q)).toEqual(['test.wal']);
  });
});
