import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { deletePinnedSigner, findPinnedSigner, insertPinnedSigner, listPinnedSigners, pinnedSignerToRow, rowToPinnedSigner, type PinnedSigner } from './pinnedSigners';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-pins-');
const pin = (fingerprint: string, label: string): PinnedSigner => ({
  fingerprint,
  label,
  publicKeyPem: `-----BEGIN PUBLIC KEY-----\n${fingerprint}\n-----END PUBLIC KEY-----\n`,
  pinnedBy: 'pm',
  pinnedAt: '2026-01-01T00:00:00.000Z',
});

describe('pinned signing keys in the data layer', () => {
  it('maps a pinned key to its row and back unchanged', () => {
    const p = pin('a'.repeat(64), 'Hub West');
    expect(rowToPinnedSigner(pinnedSignerToRow(p))).toEqual(p);
  });

  it('stores, finds, lists by label ignoring letter case, and removes a key once', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertPinnedSigner(q, pin('a'.repeat(64), 'west'));
    await insertPinnedSigner(q, pin('b'.repeat(64), 'East'));
    await insertPinnedSigner(q, pin('c'.repeat(64), 'Central'));
    expect((await listPinnedSigners(q)).map((p) => p.label)).toEqual(['Central', 'East', 'west']);
    expect(await findPinnedSigner(q, 'b'.repeat(64))).toEqual(pin('b'.repeat(64), 'East'));
    expect(await findPinnedSigner(q, 'd'.repeat(64))).toBeNull();
    await expect(insertPinnedSigner(q, pin('a'.repeat(64), 'again'))).rejects.toThrow(/UNIQUE|PRIMARY/);
    expect(await deletePinnedSigner(q, 'a'.repeat(64))).toBe(true);
    expect(await deletePinnedSigner(q, 'a'.repeat(64))).toBe(false);
    expect((await listPinnedSigners(q)).map((p) => p.label)).toEqual(['Central', 'East']);
  });
});
