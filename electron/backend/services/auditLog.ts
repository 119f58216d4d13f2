import { AppError } from '../../../shared/contract';
import type { Actor } from '../../../shared/security/permissions';
import { listAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import { auditRead, requireVaultOp } from './access';
import type { AuditEventKind } from '../../../shared/contract/auditLog';
import { auditKindFilter, describeEvent } from './auditWords';
import { findCaseId } from './cases';

/** One audit event in words: when, who, what, and which case by its number. */
export interface AuditLogLine {
  seq: number;
  at: string;
  actor: string;
  action: string;
  caseId: string | null;
  /** The case's number; null when the event concerns no case or its case was disposed of. */
  caseNumber: string | null;
  text: string;
  detail: Record<string, unknown>;
}

export interface AuditLogQuery {
  /** Only this case's events: its id or number. */
  caseRef?: string | undefined;
  actor?: string | undefined;
  kind?: AuditEventKind | undefined;
  limit: number;
  beforeSeq?: number | undefined;
}

/**
 * The vault's audit log in words, newest first (program manager: `audit.log` in
 * the permission map) — the one query behind `offramp audit log` and the Audit
 * log screen. Each query is itself one audit event, with how many events it
 * showed and the filters used; `more` tells whether older events follow; events hold no case text, so neither does this.
 */
export function readAuditLog(db: Db, actor: Actor, query: AuditLogQuery, now: Date): { lines: AuditLogLine[]; more: boolean } {
  requireVaultOp(db, actor, 'audit.log', now);
  if (query.actor !== undefined && db.prepare('SELECT 1 FROM audit_events WHERE actor = ? LIMIT 1').get(query.actor) === undefined) {
    throw new AppError('invalid_input', `No one called ${query.actor} appears in the audit log. Nothing was changed.`);
  }
  const caseId = query.caseRef === undefined ? undefined : findCaseId(db, query.caseRef);
  const events = listAudit(db, { caseId, actor: query.actor, action: query.kind === undefined ? undefined : auditKindFilter(query.kind), limit: query.limit + 1, beforeSeq: query.beforeSeq });
  const numberOf = db.prepare('SELECT number FROM cases WHERE id = ?');
  const lines = events.slice(0, query.limit).map((e) => ({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    caseId: e.caseId,
    caseNumber: e.caseId === null ? null : ((numberOf.get(e.caseId) as { number: string } | undefined)?.number ?? null),
    text: describeEvent(e),
    detail: e.detail,
  }));
  const filters = { ...(query.actor === undefined ? {} : { user: query.actor }), ...(query.kind === undefined ? {} : { kind: query.kind }) };
  auditRead(db, actor, caseId === undefined ? 'audit.read' : 'case.audit_read', caseId ?? null, now, { events: lines.length, ...filters });
  return { lines, more: events.length > query.limit };
}

/** Everyone who appears in the audit log, by name, for the log's filter. */
export function auditActors(db: Db): string[] {
  return (db.prepare('SELECT DISTINCT actor FROM audit_events ORDER BY actor').all() as { actor: string }[]).map((r) => r.actor);
}
