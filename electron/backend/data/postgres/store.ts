import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { AppError } from '../../../../shared/contract';
import type { Database } from '../schema';
import type { DataStore, Queries } from '../store';
import { hubClientConfig, withHubSession, type HubLogin } from './hub';

/** PostgreSQL's bigint: the schema map's INTEGER columns, returned as numbers (refused beyond 2^53). */
const INT8_OID = 20;

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new AppError('integrity', `The hub returned the integer ${text}, beyond what Offramp can hold exactly.`);
  return n;
}

export interface HubStore extends DataStore {
  /** Ends the pool's connections; the store cannot be used afterwards. */
  close(): Promise<void>;
}

/**
 * The hub engine: the data layer's interface over a pool of verified-TLS
 * connections to a hub's PostgreSQL server, logged in as one hub user. The
 * server applies that user's privileges and row-level security to every
 * query. As on the embedded engine the store has one connection: a
 * transaction holds it from BEGIN to COMMIT or ROLLBACK and every other query
 * or transaction of the store waits for it, and a query outside the
 * transaction or a second transaction started inside one is refused.
 */
export function hubStore(login: HubLogin): HubStore {
  const pool = new pg.Pool({
    ...hubClientConfig(login),
    max: 1,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) => (oid === INT8_OID && format !== 'binary' ? parseInt8 : (pg.types.getTypeParser(oid, format) as (value: string) => unknown))) as typeof pg.types.getTypeParser },
  });
  // An idle connection the server drops must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const kysely: Queries = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const inTransaction = new AsyncLocalStorage<HubStore>();
  const refuseInside = (what: string): void => {
    if (inTransaction.getStore() === store) throw new AppError('internal', `${what} was started inside a transaction of the same hub session; use the transaction's own queries.`);
  };
  const store: HubStore = {
    get q() {
      refuseInside('A query outside the transaction');
      return kysely;
    },
    transaction: async (work) => {
      refuseInside('A second transaction');
      return kysely.transaction().execute((tx) => inTransaction.run(store, () => work(tx)));
    },
    close: () => kysely.destroy(),
  };
  return store;
}

/** A hub store for `login`, after checking that the hub's schema is the one this Offramp knows. */
export async function openHubStore(login: HubLogin): Promise<HubStore> {
  await withHubSession(login, () => Promise.resolve());
  return hubStore(login);
}
