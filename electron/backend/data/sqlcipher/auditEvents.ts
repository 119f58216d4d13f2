import { sql, type SqlBool } from 'kysely';
import { AppError } from '../../../../shared/contract';
import type { Db } from './connection';
import { allRows, build, compileOnce, eachRow, firstRow, runWrite } from './sync';

/**
 * The audit log's rows (table audit_events) on the embedded engine. The chain
 * (hashes, verification) is vault/audit.ts's; these are its reads and its one
 * write. The append runs inside the transaction of the change it records, often
 * one of other code on the same connection, so all of it is synchronous. The
 * hub engine appends with a server function of its own (data/postgres/access.ts).
 */
const last = compileOnce([], () => build.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(sql.lit(1)));
const insert = compileOnce(['seq', 'at', 'actor', 'action', 'case_id', 'detail', 'prev_hash', 'hash'], (v) =>
  build.insertInto('audit_events').values({ seq: v.seq, at: v.at, actor: v.actor, action: v.action, case_id: v.case_id, detail: v.detail, prev_hash: v.prev_hash, hash: v.hash }),
);
const hashAt = compileOnce(['seq'], (v) => build.selectFrom('audit_events').select('hash').where('seq', '=', v.seq));

/** The sequence number and hash of the newest event; undefined when the log is empty. */
export function lastAuditEvent(db: Db): { seq: number; hash: string } | undefined {
  return firstRow(db, last({}));
}

/** Appends one row, its hash already computed (the triggers of the table refuse any change after). */
export function insertAuditEvent(db: Db, row: { seq: number; at: string; actor: string; action: string; case_id: string | null; detail: string; prev_hash: string; hash: string }): void {
  runWrite(db, insert(row));
}

/** The hash of event `seq`; undefined when there is no such event. */
export function auditHashAt(db: Db, seq: number): string | undefined {
  return firstRow(db, hashAt({ seq }))?.hash;
}

/** How many events the log holds. */
export function countAuditEvents(db: Db): number {
  return firstRow(db, build.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
}

/** Every event after `seq`, whole and in order, read one at a time (the chain's walk). */
export function auditEventsAfter(db: Db, seq: number) {
  return eachRow(db, build.selectFrom('audit_events').select(['seq', 'at', 'actor', 'action', 'case_id', 'detail', 'prev_hash', 'hash']).where('seq', '>', seq).orderBy('seq'));
}

/**
 * An SQL condition given as text with `?` for each of its values, in order, as
 * one term of a query: the kinds of audit events are named by conditions on
 * `action` (services/auditWords.ts).
 */
function condition(text: string, params: readonly string[]) {
  const pieces = text.split('?');
  if (pieces.length !== params.length + 1) throw new AppError('internal', 'An audit filter has another number of values than of places for them.');
  const parts = pieces.flatMap((piece, i) => {
    const param = params[i];
    return param === undefined ? [sql.raw(piece)] : [sql.raw(piece), sql.val(param)];
  });
  return sql<SqlBool>`(${sql.join(parts, sql``)})`;
}

/**
 * Events newest first (without their hashes): of one case, by one actor, and of
 * the actions a condition allows, each optional; `beforeSeq` pages back.
 */
export function auditEventPage(
  db: Db,
  options: { caseId?: string | undefined; actor?: string | undefined; action?: { sql: string; params: string[] } | undefined; limit: number; beforeSeq?: number | undefined },
) {
  let query = build.selectFrom('audit_events').select(['seq', 'at', 'actor', 'action', 'case_id', 'detail']);
  if (options.caseId !== undefined) query = query.where('case_id', '=', options.caseId);
  if (options.actor !== undefined) query = query.where('actor', '=', options.actor);
  if (options.action !== undefined) query = query.where(condition(options.action.sql, options.action.params));
  if (options.beforeSeq !== undefined) query = query.where('seq', '<', options.beforeSeq);
  return allRows(db, query.orderBy('seq', 'desc').limit(options.limit));
}

/** One action's events in order, read through the index audit_action (migration 0021), never by walking the whole log. */
const ofAction = compileOnce(['action'], (v) => build.selectFrom('audit_events').select('detail').where('action', '=', v.action).orderBy('seq'));
const firstOfAction = compileOnce(['action'], (v) => build.selectFrom('audit_events').select('detail').where('action', '=', v.action).orderBy('seq').limit(sql.lit(1)));

/** The SQL of the read of one action's events (its one value: the action), for the test of its plan. */
export const auditEventsOfActionSql = ofAction({ action: '' }).sql;

/** The details (JSON text) of every event of one action, oldest first. */
export function auditDetailsOfAction(db: Db, action: string): string[] {
  return allRows(db, ofAction({ action })).map((r) => r.detail);
}

/** The detail (JSON text) of the first event of one action; undefined when there is none. */
export function firstAuditDetailOfAction(db: Db, action: string): string | undefined {
  return firstRow(db, firstOfAction({ action }))?.detail;
}
