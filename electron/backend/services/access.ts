import { AppError } from '../../../shared/contract';
import {
  can,
  caseMethodOperations,
  operationScope,
  refusalMessage,
  relationOf,
  type Actor,
  type Operation,
  type Relation,
} from '../../../shared/security/permissions';
import { caseAccessFacts } from '../data/caseAccess';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { requireManager } from '../vault/vault';

/**
 * Enforces the permission map (shared/security/permissions.ts) on the backend.
 * A refusal is recorded as `access.denied` (the operation, the relation and the
 * case id; never case text) in its own write, outside any transaction of the
 * refused work, so nothing of the work happens and the attempt stays on record.
 */

/** The user's relation to a case; null when there is no such case. */
export function caseRelation(db: Db, actor: Actor, caseId: string): Relation | null {
  const facts = caseAccessFacts(db, caseId, actor.name);
  if (facts === null) return null;
  if (actor.role === 'program_manager') return 'program_manager';
  return relationOf(actor, facts.lead, facts.caseRole);
}

function deny(db: Db, actor: Actor, op: Operation, relation: Relation, caseId: string | null, now: Date): never {
  appendAudit(db, { actor: actor.name, action: 'access.denied', caseId, detail: { operation: op, relation } }, now);
  throw new AppError('forbidden', refusalMessage(op, relation));
}

/**
 * Allows `op` on the case or throws `forbidden` (audited). A case that does not
 * exist is left to the caller, which answers `not_found` as before.
 */
export function requireCaseOp(db: Db, actor: Actor, op: Operation, caseId: string, now: Date): Relation | null {
  const relation = caseRelation(db, actor, caseId);
  if (relation === null) return null;
  if (!can(actor, op, relation)) deny(db, actor, op, relation, caseId, now);
  return relation;
}

/** Allows a vault-wide operation (case import, backup, audit log, …) or throws `forbidden` (audited). */
export function requireVaultOp(db: Db, actor: Actor, op: Operation, now: Date): void {
  const relation: Relation = actor.role === 'program_manager' ? 'program_manager' : 'none';
  if (!can(actor, op, relation)) deny(db, actor, op, relation, null, now);
}

/** Whose cases the actor sees (the cases that person leads or is on the team of); null for the program manager, who sees every case. */
export function caseViewer(actor: Actor): string | null {
  return actor.role === 'program_manager' ? null : actor.name;
}

/**
 * The dispatcher's check before any handler runs: a method on one case (input
 * `caseId`, or `id` for cases.get) needs its operation of the map — a read its
 * own, anything else 'case.edit'. audit.list without a case is the vault's
 * whole log, for the program manager only.
 */
export function guardMethod(db: Db, actor: Actor, method: string, input: unknown, now: Date): void {
  const fields = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const caseId = method === 'cases.get' ? fields['id'] : fields['caseId'];
  if (method === 'audit.list' && caseId === undefined) {
    requireVaultOp(db, actor, 'audit.log', now);
    return;
  }
  if (typeof caseId !== 'string') return;
  const op = caseMethodOperations[method] ?? 'case.edit';
  if (operationScope(op) === 'vault') requireVaultOp(db, actor, op, now);
  else requireCaseOp(db, actor, op, caseId, now);
}

/**
 * Records a read of case content (a timeline, an evidence list, an audit tab):
 * who, which case, what kind of read — never the content itself.
 */
export function auditRead(db: Db, actor: Actor, action: string, caseId: string | null, now: Date, detail: Record<string, string | number | boolean | null> = {}): void {
  appendAudit(db, { actor: actor.name, action, caseId, detail }, now);
}

/**
 * A manager-only vault operation on an unlocked session (backup, restore over the
 * vault, anchors, users, keys): the permission map decides (a refusal is audited
 * and worded as every other refusal), then the manager's role is checked against
 * the vault's verified grant chain.
 */
export function requireManagerOp(session: VaultSession, op: Operation, now: Date): void {
  requireVaultOp(session.db, session.user, op, now);
  requireManager(session, op);
}
