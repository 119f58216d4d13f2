import { describe, expect, it } from 'vitest';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0017 } from './0017-packet-recipients';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig17-');
const key = `age1${'q'.repeat(58)}`;

describe('migration 0017 (packet recipients)', () => {
  it('adds a strict address book of recipients to a schema-16 vault and keeps its packets', () => {
    const before = versionBefore(migration0017);
    expect(before).toBe(16);
    const db = freshDb(before);
    db.prepare(
      `INSERT INTO packets (packet_id, direction, case_id, case_number, recipient, profile, purpose, training, file_name, medium_path, packet_sha256, manifest_sha256, signer_fingerprint, encryption, at, actor)
       VALUES ('p1', 'export', NULL, 'OR-2026-0001', 'fbi', 'consultation', 'consult', 0, 'f.age', NULL, ?, ?, ?, 'x25519', '2026-01-01T00:00:00Z', 'pm')`,
    ).run('a'.repeat(64), 'b'.repeat(64), 'c'.repeat(64));

    expect(migrate(db, migration0017.version)).toEqual({ from: 16, to: 17 });
    expect(schemaVersion(db)).toBe(17);
    expect(db.prepare('SELECT packet_id FROM packets').all()).toEqual([{ packet_id: 'p1' }]);

    const insert = db.prepare('INSERT INTO packet_recipients (id, name, agency, age_key, fingerprint, added_by, added_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    insert.run('r1', 'Duty agent', 'FBI Field Office', key, 'd'.repeat(64), 'pm', 'now', 'pm', 'now');
    expect(db.prepare('SELECT name, agency, age_key FROM packet_recipients').all()).toEqual([{ name: 'Duty agent', agency: 'FBI Field Office', age_key: key }]);
    expect(() => insert.run('r2', 'Other', 'Agency', key, 'd'.repeat(64), 'pm', 'now', 'pm', 'now')).toThrow(/UNIQUE/);
    expect(() => insert.run('r3', '  ', 'Agency', `age1${'p'.repeat(58)}`, 'd'.repeat(64), 'pm', 'now', 'pm', 'now')).toThrow(/CHECK/);
    expect(() => insert.run('r4', 'Name', 'Agency', 'not-a-key', 'd'.repeat(64), 'pm', 'now', 'pm', 'now')).toThrow(/CHECK/);
  });
});
