/** One numbered schema migration; `up` runs inside the migration's transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
  /**
   * The same change on a hub's PostgreSQL schema (data/postgres/schema.ts).
   * Required for every migration after the hub's baseline version; the ones
   * before it are covered by the baseline derived from `up`.
   */
  readonly postgres?: string;
}
