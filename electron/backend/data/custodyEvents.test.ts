import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { custodyEventsOfCase, custodyEventToRow, insertCustodyEvent, rowToCustodyEvent, type CustodyEvent } from './custodyEvents';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-custody-');
const event = (caseId: string, action: string, detail: Record<string, unknown> = {}): CustodyEvent => ({ caseId, evidenceId: null, at: '2026-01-01T00:00:00.000Z', actor: 'pm', action, detail });

describe('the custody log in the data layer', () => {
  it('maps an event to its row and back unchanged', () => {
    const e = { ...event('c1', 'packet_export', { packetId: 'p1', evidenceIds: ['e1'] }), evidenceId: 'e1' };
    expect(rowToCustodyEvent({ id: 7, ...custodyEventToRow(e), detail: JSON.stringify(e.detail) })).toEqual(e);
  });

  it('appends events and lists a case’s in the order written', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1');
    await insertBareCase(q, 'c2');
    await insertCustodyEvent(q, event('c1', 'packet_export', { n: 1 }));
    await insertCustodyEvent(q, event('c2', 'packet_import'));
    await insertCustodyEvent(q, event('c1', 'packet_export', { n: 2 }));
    expect((await custodyEventsOfCase(q, 'c1')).map((e) => e.detail)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await custodyEventsOfCase(q, 'none')).toEqual([]);
    await expect(insertCustodyEvent(q, event('none', 'intake'))).rejects.toThrow(/FOREIGN KEY/);
  });

  it('refuses stored details that are not an object as an integrity error', () => {
    expect(() => rowToCustodyEvent({ id: 3, ...custodyEventToRow(event('c1', 'intake')), detail: '[1]' })).toThrow(/Custody event 3/);
  });
});
