import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * The engine-neutral face of the data layer. The table modules beside this file
 * take `Queries` (a Kysely query builder over the vault's typed schema, or the
 * transaction inside one) and return Promises; services take a `DataStore` and
 * never see the engine behind it, so a PostgreSQL engine can serve the same
 * services by implementing this interface.
 */
export type Queries = Kysely<Database>;

export interface DataStore {
  /**
   * Queries outside a transaction. Each statement waits for a transaction in
   * progress on the same store to finish, so it never reads or writes inside
   * someone else's.
   */
  readonly q: Queries;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when
   * it throws (the error is passed on). Transactions on one store run one after
   * the other, never interleaved. Inside, query through `tx` only: the store's
   * own `q` or a second `transaction` would wait for this one to end, so they
   * are refused.
   */
  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>;
}
