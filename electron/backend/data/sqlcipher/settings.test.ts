import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../../vault/migrations';
import { deleteSetting, eraseSetting, getSetting, setSetting } from './settings';

const freshDb = freshDatabases('offramp-data-settings-');

describe('the vault’s settings', () => {
  it('reads, writes over, deletes and erases a setting', () => {
    const db = freshDb();
    migrate(db);
    expect(getSetting(db, 'test.a')).toBeUndefined();
    setSetting(db, 'test.a', 'one');
    setSetting(db, 'test.b', 'kept');
    expect(getSetting(db, 'test.a')).toBe('one');
    setSetting(db, 'test.a', 'two');
    expect(getSetting(db, 'test.a')).toBe('two');
    expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'test.a'").get()).toEqual({ n: 1 });
    deleteSetting(db, 'test.a');
    expect(getSetting(db, 'test.a')).toBeUndefined();
    deleteSetting(db, 'test.none');
    db.pragma('secure_delete = OFF');
    eraseSetting(db, 'test.b');
    expect(getSetting(db, 'test.b')).toBeUndefined();
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
  });
});
