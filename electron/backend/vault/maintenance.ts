import { hasCaseIndex, mergeCaseIndex, refreshSearchCases } from '../data/searchIndex';
import { checkpointLog, mergeSearchIndex } from '../data/sqlcipher';
import type { Db } from './database';

/**
 * Work that used to run inside a user's commit, moved off it.
 *
 * - WAL checkpoints: automatic checkpoints are off (configureConnection sets
 *   wal_autocheckpoint = 0); a PASSIVE checkpoint runs when the vault has been
 *   idle for a moment, and a TRUNCATE checkpoint when it is locked or closed,
 *   so no copy of a page lingers in the log of a locked vault.
 * - Full-text merges: the index's automerge is off (migration 0012); its
 *   segments are merged a step at a time when idle, and fully at lock.
 * - The index of cases (migration 0022): rows of cases changed since it was
 *   last brought up to date are rebuilt, some at each idle moment, all at lock
 *   (a search rebuilds the few left itself, so results never lag a change).
 *
 * Durability is unchanged: every commit is still fsynced (synchronous = FULL).
 * During a long run of calls without an idle moment (a bulk import) the log
 * grows with the pages written; the next idle moment or the lock moves them.
 */
export const IDLE_DELAY_MS = 1500;

const timers = new WeakMap<Db, NodeJS.Timeout>();

/** Cases whose row of the case index one idle moment rebuilds at most. */
export const IDLE_CASE_REFRESH = 200;

/** One step of idle work: merge a few index segments, then a PASSIVE checkpoint (never waits for readers). */
export function idleMaintenance(db: Db): void {
  if (!db.open || db.inTransaction) return;
  mergeSearchIndex(db, 200);
  if (hasCaseIndex(db)) {
    refreshSearchCases(db, IDLE_CASE_REFRESH);
    mergeCaseIndex(db, 200);
  }
  checkpointLog(db, 'PASSIVE');
}

/** At lock or close: merge the index and move the whole log into the database, truncating it. */
export function lockMaintenance(db: Db): void {
  cancelIdleMaintenance(db);
  if (!db.open || db.readonly) return;
  mergeSearchIndex(db, 2000);
  if (hasCaseIndex(db)) {
    refreshSearchCases(db);
    mergeCaseIndex(db, 2000);
  }
  checkpointLog(db, 'TRUNCATE');
}

/**
 * (Re)starts the idle timer after a call: the work runs once no call has come
 * for IDLE_DELAY_MS. The timer does not keep the process alive.
 */
export function scheduleIdleMaintenance(db: Db, onError: (error: unknown) => void = () => undefined): void {
  if (db.readonly) return;
  cancelIdleMaintenance(db);
  const timer = setTimeout(() => {
    timers.delete(db);
    try {
      idleMaintenance(db);
    } catch (error) {
      onError(error);
    }
  }, IDLE_DELAY_MS);
  timer.unref();
  timers.set(db, timer);
}

export function cancelIdleMaintenance(db: Db): void {
  const timer = timers.get(db);
  if (timer !== undefined) clearTimeout(timer);
  timers.delete(db);
}
