import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { findPacketCase, insertPacket, listPackets, packetToRow, rowToPacket, type StoredPacket } from './packetRecords';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-packets-');
const packet = (packetId: string, caseId: string | null, at: string, direction: StoredPacket['direction'] = 'export'): StoredPacket => ({
  packetId,
  direction,
  caseId,
  caseNumber: 'OR-2026-0001',
  recipient: 'fbi',
  profile: 'fbi_referral',
  purpose: 'Referral',
  training: false,
  fileName: `${packetId}.offramp`,
  mediumPath: null,
  packetSha256: 'a'.repeat(64),
  manifestSha256: 'b'.repeat(64),
  signerFingerprint: 'c'.repeat(64),
  encryption: 'x25519',
  at,
  actor: 'pm',
});

describe('the packet record in the data layer', () => {
  it('maps a packet to its row and back unchanged', () => {
    const p = { ...packet('p1', 'c1', '2026-01-01T00:00:00.000Z', 'import'), training: true, mediumPath: '/media/usb', encryption: 'passphrase' as const };
    expect(rowToPacket(packetToRow(p))).toEqual(p);
  });

  it('lists every packet or one case’s, newest first then by packet id', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1');
    await insertBareCase(q, 'c2');
    await insertPacket(q, packet('p2', 'c1', '2026-01-02T00:00:00.000Z'));
    await insertPacket(q, packet('p1', 'c1', '2026-01-02T00:00:00.000Z'));
    await insertPacket(q, packet('p3', 'c2', '2026-01-03T00:00:00.000Z'));
    await insertPacket(q, packet('p0', null, '2026-01-01T00:00:00.000Z', 'import'));
    expect((await listPackets(q)).map((p) => p.packetId)).toEqual(['p3', 'p1', 'p2', 'p0']);
    expect((await listPackets(q, 'c1')).map((p) => p.packetId)).toEqual(['p1', 'p2']);
    expect(await listPackets(q, 'none')).toEqual([]);
  });

  it('refuses a stored encryption Offramp does not know as an integrity error', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    // A row the table's checks would refuse, as a damaged or foreign vault could hold.
    db.pragma('ignore_check_constraints = ON');
    await q.insertInto('packets').values({ ...packetToRow(packet('p1', null, '2026-01-01T00:00:00.000Z')), encryption: 'rot13' }).execute();
    await expect(listPackets(q)).rejects.toMatchObject({ code: 'integrity', message: expect.stringContaining('Packet p1') as string });
  });

  it('finds a packet of one direction with the case it was recorded under and that case as it is now', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1', { number: 'OR-2026-0007' });
    await insertPacket(q, packet('p1', 'c1', '2026-01-02T00:00:00.000Z'));
    await insertPacket(q, packet('p2', null, '2026-01-02T00:00:00.000Z', 'import'));
    expect(await findPacketCase(q, 'p1', 'export')).toEqual({ caseNumber: 'OR-2026-0001', caseId: 'c1', currentNumber: 'OR-2026-0007' });
    expect(await findPacketCase(q, 'p1', 'import')).toBeNull();
    expect(await findPacketCase(q, 'p2', 'import')).toEqual({ caseNumber: 'OR-2026-0001', caseId: null, currentNumber: null });
    expect(await findPacketCase(q, 'none', 'export')).toBeNull();
  });
});
