import type { VaultSession } from '../vault/session';
import { embeddedStore } from './sqlcipher';
import type { DataStore } from './store';

export type { DataStore, Queries } from './store';

/** The data layer of an unlocked vault. Services reach the tables through it. */
export function storeOf(session: Pick<VaultSession, 'db'>): DataStore {
  return embeddedStore(session.db);
}
