import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/contract';
import { auditEventPage, auditEventsAfter, insertAuditEvent, lastAuditEvent } from '../data/sqlcipher/auditEvents';
import type { Db } from './database';

/**
 * The audit log: append-only (triggers forbid UPDATE and DELETE) and hash-chained,
 * each event's hash covering the previous hash and all of its own fields. Details
 * hold ids, field names and counts only — never free text from a case — so that a
 * disposed case leaves no text behind in the log.
 */
export interface AuditInput {
  actor: string;
  action: string;
  caseId?: string | null;
  detail?: Record<string, string | number | boolean | null | string[]>;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  caseId: string | null;
  detail: Record<string, unknown>;
}

/** One row of audit_events, as either engine stores it. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  case_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export function eventHash(prevHash: string, e: { seq: number; at: string; actor: string; action: string; caseId: string | null; detail: string }): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(JSON.stringify([e.seq, e.at, e.actor, e.action, e.caseId, e.detail]))
    .digest('hex');
}

/** Appends one event. Call inside the transaction of the change it records. */
export function appendAudit(db: Db, input: AuditInput, at: Date): AuditEvent {
  const last = lastAuditEvent(db);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const detail = JSON.stringify(input.detail ?? {});
  const event = { seq, at: at.toISOString(), actor: input.actor, action: input.action, caseId: input.caseId ?? null, detail };
  insertAuditEvent(db, { seq, at: event.at, actor: event.actor, action: event.action, case_id: event.caseId, detail, prev_hash: prevHash, hash: eventHash(prevHash, event) });
  return { ...event, detail: input.detail ?? {} };
}

export interface AuditVerification {
  ok: boolean;
  events: number;
  firstBroken: { seq: number; reason: string } | null;
}

/**
 * Walks the chain in order and stops at the first broken link: from the first
 * event, or (`from`) from the event after one already verified, whose sequence
 * number and hash the caller has checked (see auditMark.ts). `events` counts
 * every event of the log either way.
 */
export function verifyAudit(db: Db, from: { seq: number; hash: string } | null = null): AuditVerification {
  return verifyAuditRows(auditEventsAfter(db, from?.seq ?? 0), from);
}

/** The chain check of `verifyAudit` over rows from any engine, in order of seq, after `from` when given. */
export function verifyAuditRows(rows: Iterable<AuditRow>, from: { seq: number; hash: string } | null = null): AuditVerification {
  let prevHash = from?.hash ?? GENESIS_HASH;
  let expectedSeq = (from?.seq ?? 0) + 1;
  let events = from?.seq ?? 0;
  for (const row of rows) {
    events += 1;
    const broken = (reason: string): AuditVerification => ({ ok: false, events, firstBroken: { seq: row.seq, reason } });
    if (row.seq !== expectedSeq) return broken(`event ${expectedSeq} is missing (the next one is ${row.seq})`);
    if (row.prev_hash !== prevHash) return broken('it does not point to the hash of the event before it');
    const computed = eventHash(prevHash, { seq: row.seq, at: row.at, actor: row.actor, action: row.action, caseId: row.case_id, detail: row.detail });
    if (computed !== row.hash) return broken('its content does not match its hash (it was altered)');
    prevHash = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, events, firstBroken: null };
}

/**
 * Audit events, newest first: of one case, by one actor, and of the actions a
 * condition on `action` allows (a kind of event), each optional; `beforeSeq`
 * pages back from an event already shown.
 */
export function listAudit(
  db: Db,
  options: { caseId?: string | undefined; actor?: string | undefined; action?: { sql: string; params: string[] } | undefined; limit: number; beforeSeq?: number | undefined },
): AuditEvent[] {
  const rows = auditEventPage(db, options);
  return rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, caseId: r.case_id, detail: storedDetail(r.seq, r.detail) }));
}

const isDetail = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An event's detail as stored: JSON of an object (appendAudit writes nothing else), or an integrity error naming the event. */
function storedDetail(seq: number, text: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('integrity', `Audit event ${seq} in the vault has a detail that is not readable JSON.`);
  }
  if (!isDetail(parsed)) throw new AppError('integrity', `Audit event ${seq} in the vault has a detail that is not a set of named values.`);
  return parsed;
}
