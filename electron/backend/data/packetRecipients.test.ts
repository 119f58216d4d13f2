import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { findPacketRecipient, insertPacketRecipient, listPacketRecipients, packetRecipientToRow, rowToPacketRecipient, updatePacketRecipient, type PacketRecipient } from './packetRecipients';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-recipients-');
const recipient = (id: string, name: string, agency: string, key: string): PacketRecipient => ({
  id, name, agency, ageKey: `age1${key.repeat(58)}`, fingerprint: 'f'.repeat(64), addedBy: 'pm', addedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'pm', updatedAt: '2026-01-01T00:00:00.000Z',
});

describe('packet recipients in the data layer', () => {
  it('maps a recipient to its row and back unchanged', () => {
    const r = recipient('r1', 'Duty agent', 'FBI', 'q');
    expect(rowToPacketRecipient(packetRecipientToRow(r))).toEqual(r);
  });

  it('stores, lists by agency then name ignoring case, and updates without touching who added the recipient', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertPacketRecipient(q, recipient('r1', 'zed', 'fbi', 'q'));
    await insertPacketRecipient(q, recipient('r2', 'Amy', 'FBI', 'p'));
    await insertPacketRecipient(q, recipient('r3', 'Bo', 'Army CID', 'z'));
    expect((await listPacketRecipients(q)).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    await updatePacketRecipient(q, { ...recipient('r1', 'Zed', 'FBI', 'q'), addedBy: 'someone else', updatedBy: 'pm2' });
    expect(await findPacketRecipient(q, 'r1')).toMatchObject({ name: 'Zed', addedBy: 'pm', updatedBy: 'pm2' });
    expect(await findPacketRecipient(q, 'nope')).toBeNull();
  });
});
