import { AppError } from '../../../shared/contract';
import type { Actor } from '../../../shared/security/permissions';
import { storeOf } from '../data';
import { auditActorExists, auditActorNames, caseNumbersOf, newestAuditEvents } from '../data/auditLog';
import { caseIdByRef } from '../data/caseIds';
import { appendHubAudit, hubError, hubIsManager, withHubSession, type HubLogin } from '../data/postgres/hub';
import { openHubStore } from '../data/postgres/store';
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

/** An event's stored detail (JSON text written by the chain's append) as an object; anything else is a damaged log. */
function detailOf(text: string, seq: number): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('integrity', `Audit event ${seq} holds a detail that is not JSON: the log was altered. Run "offramp audit verify".`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new AppError('integrity', `Audit event ${seq} holds a detail that is not an object: the log was altered.`);
  return Object.fromEntries(Object.entries(parsed));
}

/**
 * The hub's audit chain in words, newest first, for `audit log --hub`: as
 * `readAuditLog`, with the program manager check asked of the server (anyone
 * else is refused on record) and the reading itself appended to the chain.
 */
export async function readHubAuditLog(login: HubLogin, query: Pick<AuditLogQuery, 'caseRef' | 'limit'>): Promise<AuditLogLine[]> {
  return withHubSession(login, async (client) => {
    if (!(await hubIsManager(client))) {
      await appendHubAudit(client, { action: 'access.denied', caseId: null, detail: { operation: 'audit.log', relation: 'none' } });
      throw new AppError('forbidden', 'You may not read the audit log. Your role does not allow it. Only a program manager can. Nothing was changed.');
    }
    const store = await openHubStore(login);
    let lines: AuditLogLine[];
    let caseId: string | undefined;
    try {
      if (query.caseRef !== undefined) {
        caseId = (await caseIdByRef(store.q, query.caseRef)) ?? undefined;
        if (caseId === undefined) throw new AppError('not_found', `The hub has no case ${query.caseRef}. Nothing was read.`);
      }
      const events = (await newestAuditEvents(store.q, { caseId, limit: query.limit })).map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, caseId: r.case_id, detail: detailOf(r.detail, r.seq) }));
      const numbers = await caseNumbersOf(store.q, events.flatMap((e) => (e.caseId === null ? [] : [e.caseId])));
      lines = events.map((e) => ({ ...e, caseNumber: e.caseId === null ? null : (numbers.get(e.caseId) ?? null), text: describeEvent(e) }));
    } catch (error) {
      throw hubError(error, login.address);
    } finally {
      await store.close();
    }
    await appendHubAudit(client, { action: caseId === undefined ? 'audit.read' : 'case.audit_read', caseId: caseId ?? null, detail: { events: lines.length } });
    return lines;
  });
}
