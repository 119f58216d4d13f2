import { describe, expect, it } from 'vitest';
import { packetRecipientToRow, rowToPacketRecipient, type PacketRecipient } from './packetRecipients';

// The table's queries run on both engines in test/integration/dataEngines.test.ts.
describe('packet recipients in the data layer', () => {
  it('maps a recipient to its row and back unchanged', () => {
    const r: PacketRecipient = { id: 'r1', name: 'Duty agent', agency: 'FBI', ageKey: `age1${'q'.repeat(58)}`, fingerprint: 'f'.repeat(64), addedBy: 'pm', addedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'pm', updatedAt: '2026-01-01T00:00:00.000Z' };
    expect(rowToPacketRecipient(packetRecipientToRow(r))).toEqual(r);
  });
});
