import { describe, expect, it } from 'vitest';
import { freshDatabases } from './freshDatabase.test-helper';
import { migration0020 } from './0020-packet-import-staging';
import { migrate, migrations, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig20-');

describe('migration 0020 (packet import staging)', () => {
  it('adds the staging table beside existing evidence, which stays as it was', () => {
    const db = freshDb();
    const before = migrations[migrations.indexOf(migration0020) - 1]?.version ?? 0;
    migrate(db, before);
    db.prepare("INSERT INTO subjects (id, display_id, real_name, employee_id, org_unit, position, created_at) VALUES ('s1', 'S-AAAAA', 'Q', 'E', 'L', 'P', 't')").run();
    db.prepare(
      `INSERT INTO cases (id, number, subject_id, title, program, status, risk, furthest_stage, created_by, created_at, updated_at, last_activity_at)
       VALUES ('c1', 'OR-2026-0001', 's1', 'Gambling debt', 'dod', 'open', 'high', NULL, 'u', 't', 't', 't')`,
    ).run();
    db.prepare("INSERT INTO evidence (id, case_id, name, media_type, size, sha256, content, received_on, source, created_by, created_at) VALUES ('e1', 'c1', 'a.bin', 'application/octet-stream', 3, 'h', X'', '2026-11-01', 's', 'u', 't')").run();
    db.prepare("INSERT INTO evidence_chunks (evidence_id, seq, data) VALUES ('e1', 0, X'010203')").run();

    expect(migrate(db, migration0020.version)).toEqual({ from: before, to: migration0020.version });
    expect(schemaVersion(db)).toBe(20);
    expect(db.prepare('SELECT evidence_id, seq, hex(data) AS data FROM evidence_chunks').all()).toEqual([{ evidence_id: 'e1', seq: 0, data: '010203' }]);
    const stage = db.prepare('INSERT INTO packet_import_chunks (import_id, file, seq, data) VALUES (?, ?, ?, ?)');
    stage.run('i1', 'evidence/a.bin', 0, Buffer.from('abc'));
    // No foreign key: staged chunks exist before the case and evidence rows they will belong to.
    expect(db.prepare('SELECT count(*) FROM packet_import_chunks').pluck().get()).toBe(1);
    expect(() => stage.run('i1', 'evidence/a.bin', 0, Buffer.from('abc'))).toThrow(/UNIQUE/);
    expect(() => stage.run('i1', 'evidence/a.bin', -1, Buffer.from('abc'))).toThrow(/CHECK/);
  });
});
