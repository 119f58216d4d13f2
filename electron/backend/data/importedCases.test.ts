import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { caseImportedFrom } from './importedCases';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-imported-');

describe('the cases imported from packets in the data layer', () => {
  it('finds the case created from a packet, and none for a packet never imported', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1');
    await insertBareCase(q, 'c2');
    await q.updateTable('cases').set({ source_packet_id: 'p1' }).where('id', '=', 'c2').execute();
    expect(await caseImportedFrom(q, 'p1')).toBe('c2');
    expect(await caseImportedFrom(q, 'p2')).toBeNull();
  });
});
