import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0006 } from './0006-fts-routine-deletes';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig6-');

describe('migration 0006 (routine FTS deletes)', () => {
  it('turns secure-delete off on a schema-5 vault, keeping the indexed text searchable and optimize still erasing deleted tokens', () => {
    const before = versionBefore(migration0006);
    expect(before).toBe(5);
    const db = freshDb(before);
    expect(db.prepare("SELECT v FROM case_fts_config WHERE k = 'secure-delete'").get()).toEqual({ v: 1 });
    db.prepare("INSERT INTO case_fts (rowid, body) VALUES (1, 'kept words'), (2, 'vanishing marmalade')").run();

    expect(migrate(db, migration0006.version)).toEqual({ from: 5, to: 6 });
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare("SELECT v FROM case_fts_config WHERE k = 'secure-delete'").get()).toEqual({ v: 0 });
    expect(db.prepare("SELECT rowid FROM case_fts WHERE case_fts MATCH 'kept'").all()).toEqual([{ rowid: 1 }]);

    // A routine delete leaves the old token in the index segments until FTS5 merges them...
    db.prepare('DELETE FROM case_fts WHERE rowid = 2').run();
    expect(db.prepare("SELECT rowid FROM case_fts WHERE case_fts MATCH 'marmalade'").all()).toEqual([]);
    const segments = () => Buffer.concat((db.prepare('SELECT block FROM case_fts_data').all() as { block: Buffer }[]).map((r) => r.block));
    expect(segments().includes(Buffer.from('marmalade'))).toBe(true);
    // ...and optimize (what disposition runs) rewrites the index without it.
    db.prepare("INSERT INTO case_fts (case_fts) VALUES ('optimize')").run();
    expect(segments().includes(Buffer.from('marmalade'))).toBe(false);
    expect(db.prepare("SELECT rowid FROM case_fts WHERE case_fts MATCH 'kept'").all()).toEqual([{ rowid: 1 }]);
  });
});
