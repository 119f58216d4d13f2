import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHubUser, initHub, type HubLogin } from '../../electron/backend/data/postgres/hub';
import { openHubStore, type HubStore } from '../../electron/backend/data/postgres/store';
import { findPacketRecipient, insertPacketRecipient, listPacketRecipients, updatePacketRecipient, type PacketRecipient } from '../../electron/backend/data/packetRecipients';
import { embeddedStore } from '../../electron/backend/data/sqlcipher';
import type { DataStore } from '../../electron/backend/data/store';
import { openDatabase, type Db } from '../../electron/backend/vault/database';
import { migrate } from '../../electron/backend/vault/migrations';
import { startPgCluster, type PgCluster } from '../helpers/pgCluster';

// The data layer's table modules run unchanged on both engines: the vault's
// SQLCipher database and a hub's PostgreSQL server (as a program manager, under
// the server's privileges and row-level security).
const recipient = (id: string, name: string, agency: string, key: string): PacketRecipient => ({
  id, name, agency, ageKey: `age1${key.repeat(58)}`, fingerprint: 'f'.repeat(64), addedBy: 'dana', addedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'dana', updatedAt: '2026-01-01T00:00:00.000Z',
});

let pg: PgCluster;
let db: Db;
let dir: string;
let manager: HubLogin;
let analyst: HubLogin;
const hubStores: HubStore[] = [];
const PASSWORD = 'plum orchard lantern 41';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'offramp-engines-'));
  db = openDatabase(join(dir, 'offramp.db'), randomBytes(32), { create: true });
  migrate(db);
  pg = await startPgCluster();
  pg.psql('CREATE DATABASE hub');
  const address = { host: '127.0.0.1' as const, port: pg.port, database: 'hub' };
  const ca = readFileSync(pg.caFile, 'utf8');
  await initHub({ address, ca, user: pg.admin.user, password: pg.admin.password }, { manager: { name: 'dana', password: PASSWORD } });
  manager = { address, ca, user: 'dana', password: PASSWORD };
  await addHubUser(manager, { name: 'ana', role: 'analyst', password: PASSWORD });
  analyst = { ...manager, user: 'ana' };
});
afterAll(async () => {
  for (const s of hubStores) await s.close();
  db?.close();
  pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const engines: [string, () => Promise<DataStore>][] = [
  ['SQLCipher', () => Promise.resolve(embeddedStore(db))],
  [
    'PostgreSQL',
    async () => {
      const store = await openHubStore(manager);
      hubStores.push(store);
      return store;
    },
  ],
];

describe.each(engines)('packet recipients on %s', (_engine, open) => {
  it('stores, lists by agency then name ignoring case, and updates without touching who added the recipient', async () => {
    const { q } = await open();
    await insertPacketRecipient(q, recipient('r1', 'zed', 'fbi', 'q'));
    await insertPacketRecipient(q, recipient('r2', 'Amy', 'FBI', 'p'));
    await insertPacketRecipient(q, recipient('r3', 'Bo', 'Army CID', 'z'));
    expect((await listPacketRecipients(q)).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    await updatePacketRecipient(q, { ...recipient('r1', 'Zed', 'FBI', 'q'), addedBy: 'someone else', updatedBy: 'pm2' });
    expect(await findPacketRecipient(q, 'r1')).toMatchObject({ name: 'Zed', addedBy: 'dana', updatedBy: 'pm2' });
    expect(await findPacketRecipient(q, 'nope')).toBeNull();
  });

  it('rolls a failed transaction back whole, and refuses a query outside it from inside', async () => {
    const store = await open();
    await expect(
      store.transaction(async (tx) => {
        await insertPacketRecipient(tx, recipient('r9', 'Temp', 'NCIS', 'n'));
        expect(await findPacketRecipient(tx, 'r9')).not.toBeNull();
        await insertPacketRecipient(tx, recipient('r9', 'Again', 'NCIS', 'm'));
      }),
    ).rejects.toThrow();
    expect(await findPacketRecipient(store.q, 'r9')).toBeNull();
    await expect(store.transaction(() => Promise.resolve(store.q))).rejects.toThrow('A query outside the transaction was started inside a transaction');
  });
});

describe('the PostgreSQL engine', () => {
  it('applies the server’s privileges to the logged-in user: an analyst reads the address book but cannot change it', async () => {
    const store = await openHubStore(analyst);
    hubStores.push(store);
    expect((await listPacketRecipients(store.q)).map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    await expect(insertPacketRecipient(store.q, recipient('r8', 'Nope', 'FBI', 'x'))).rejects.toThrow(/permission denied for table packet_recipients/);
  });

  it('returns INTEGER columns as numbers, as the schema map types them', async () => {
    const store = await openHubStore(manager);
    hubStores.push(store);
    const row = await store.q.selectFrom('audit_events').select(['seq']).orderBy('seq').executeTakeFirstOrThrow();
    expect(row.seq).toBe(1);
  });
});
