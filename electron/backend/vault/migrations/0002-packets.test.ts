import { describe, expect, it } from 'vitest';
import type { Db } from '../database';
import { migration0002 } from './0002-packets';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig2-');
let db: Db;

const insertCase = (id: string, packet: string | null) => {
  db.prepare("INSERT INTO subjects (id, display_id, real_name, created_at) VALUES (?, ?, 'Name', '2026-01-01T00:00:00Z')").run(`s-${id}`, `S-${id}`);
  db.prepare(
    `INSERT INTO cases (id, number, subject_id, title, program, status, risk, created_by, created_at, updated_at, last_activity_at, source_packet_id)
     VALUES (?, ?, ?, 'T', 'dod', 'open', 'low', 'u', 't', 't', 't', ?)`,
  ).run(id, `OR-2026-${id}`, `s-${id}`, packet);
};

describe('migration 0002 (packets)', () => {
  it('adds the packet and pinned-signer tables to a version 1 vault, keeping its cases, and imports a packet once', () => {
    const before = versionBefore(migration0002);
    expect(before).toBe(1);
    db = freshDb(before);
    expect(schemaVersion(db)).toBe(1);
    insertCase('0001', null);
    insertCase('0002', null);
    expect(migrate(db, migration0002.version)).toEqual({ from: 1, to: 2 });
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(2);
    const tables = (db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('packets', 'pinned_signers') ORDER BY name").all() as { name: string; sql: string }[]).map((t) => [
      t.name,
      /\) STRICT$/.test(t.sql.trim()),
    ]);
    expect(tables).toEqual([
      ['packets', true],
      ['pinned_signers', true],
    ]);
    insertCase('0003', 'packet-1');
    expect(() => insertCase('0004', 'packet-1')).toThrow(/UNIQUE/);
    const packet = db.prepare(
      `INSERT INTO packets (packet_id, direction, case_id, case_number, recipient, profile, purpose, training, file_name, packet_sha256, manifest_sha256, signer_fingerprint, encryption, at, actor)
       VALUES ('p', ?, '0001', 'OR-2026-0001', 'fbi', 'fbi_referral', 'x', 0, 'f', 'h', 'm', 's', ?, 't', 'u')`,
    );
    packet.run('export', 'x25519');
    packet.run('import', 'x25519');
    expect(() => packet.run('export', 'x25519')).toThrow(/UNIQUE|PRIMARY/);
    expect(() => packet.run('sideways', 'x25519')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO pinned_signers (fingerprint, label, public_key, pinned_by, pinned_at) VALUES ('f', 'l', 'k', 'u', X'00')").run()).toThrow(/cannot store BLOB/);
  });
});
