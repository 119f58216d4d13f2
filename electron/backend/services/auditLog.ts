import { AppError } from '../../../shared/contract';
import type { Actor } from '../../../shared/security/permissions';
import { storeOf } from '../data';
import { auditActorExists, auditActorNames, caseNumbersOf } from '../data/auditLog';
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
export async function readAuditLog(db: Db, actor: Actor, query: AuditLogQuery, now: Date): Promise<{ lines: AuditLogLine[]; more: boolean }> {
  requireVaultOp(db, actor, 'audit.log', now);
  const { q } = storeOf({ db });
  if (query.actor !== undefined && !(await auditActorExists(q, query.actor))) {
    throw new AppError('invalid_input', `No one called ${query.actor} appears in the audit log. Nothing was changed.`);
  }
  const caseId = query.caseRef === undefined ? undefined : findCaseId(db, query.caseRef);
  const events = listAudit(db, { caseId, actor: query.actor, action: query.kind === undefined ? undefined : auditKindFilter(query.kind), limit: query.limit + 1, beforeSeq: query.beforeSeq });
  const shown = events.slice(0, query.limit);
  const numbers = await caseNumbersOf(q, shown.flatMap((e) => (e.caseId === null ? [] : [e.caseId])));
  const lines = shown.map((e) => ({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    caseId: e.caseId,
    caseNumber: e.caseId === null ? null : (numbers.get(e.caseId) ?? null),
    text: describeEvent(e),
    detail: e.detail,
  }));
  const filters = { ...(query.actor === undefined ? {} : { user: query.actor }), ...(query.kind === undefined ? {} : { kind: query.kind }) };
  auditRead(db, actor, caseId === undefined ? 'audit.read' : 'case.audit_read', caseId ?? null, now, { events: lines.length, ...filters });
  return { lines, more: events.length > query.limit };
}

/** Everyone who appears in the audit log, by name, for the log's filter. */
export async function auditActors(db: Db): Promise<string[]> {
  return auditActorNames(storeOf({ db }).q);
}
