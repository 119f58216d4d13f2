import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0013 } from './0013-evidence-chunks';
import { evidenceChunks } from '../../services/evidenceStore';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig13-');

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('migration 0013 (evidence chunks)', () => {
  it('cuts each existing one-BLOB evidence body into 256 KiB chunks that read back to the same hash, and empties the old column', () => {
    const before = versionBefore(migration0013);
    expect(before).toBe(12);
    const db = freshDb(before);
    db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES ('s1', 'S-AAAAA', 'Name', '2026-01-01')").run();
    db.prepare(
      "INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at) VALUES ('c1', 'OR-2026-0001', 's1', 't', 'dod', 'open', 'low', 'u', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    ).run();
    const bodies = { big: randomBytes(256 * 1024 * 2 + 17), exact: randomBytes(256 * 1024), small: Buffer.from('a note'), empty: Buffer.alloc(0) };
    const insert = db.prepare("INSERT INTO evidence (id, case_id, name, media_type, size, sha256, content, received_on, created_by, created_at) VALUES (?, 'c1', ?, 'application/octet-stream', ?, ?, ?, '2026-01-01', 'u', 'now')");
    for (const [id, body] of Object.entries(bodies)) insert.run(id, `${id}.bin`, body.length, sha(body), body);
    db.prepare("INSERT INTO custody_events (case_id, evidence_id, at, actor, action) VALUES ('c1', 'big', 'now', 'u', 'intake')").run();

    expect(migrate(db, migration0013.version)).toEqual({ from: 12, to: 13 });
    expect(schemaVersion(db)).toBe(13);
    const counts = Object.fromEntries((db.prepare('SELECT evidence_id AS id, count(*) AS n FROM evidence_chunks GROUP BY evidence_id').all() as { id: string; n: number }[]).map((r) => [r.id, r.n]));
    expect(counts).toEqual({ big: 3, exact: 1, small: 1 });
    for (const [id, body] of Object.entries(bodies)) {
      expect(Buffer.concat([...evidenceChunks(db, id, { size: body.length, sha256: sha(body) })]).equals(body), id).toBe(true);
    }
    expect(db.prepare('SELECT max(length(content)) AS n FROM evidence').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM custody_events').get()).toEqual({ n: 1 });

    // STRICT, keyed, and gone with its item.
    expect(() => db.prepare("INSERT INTO evidence_chunks (evidence_id, seq, data) VALUES ('small', 0, X'00')").run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO evidence_chunks (evidence_id, seq, data) VALUES ('small', 'one', X'00')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() => db.prepare("INSERT INTO evidence_chunks (evidence_id, seq, data) VALUES ('nope', 0, X'00')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM evidence WHERE id = 'big'").run();
    expect(db.prepare("SELECT count(*) AS n FROM evidence_chunks WHERE evidence_id = 'big'").get()).toEqual({ n: 0 });
  });
});
