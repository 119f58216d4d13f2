import { AppError } from '../../../shared/contract';
import { MIN_DECISION_REASON } from '../../../shared/security/separation';
import type { Db } from '../vault/database';
import { newId } from './ids';

export type DecisionKind = 'action.discontinue' | 'case.close' | 'case.reopen';

/**
 * Keeps the reason a user confirmed a weighty step with, in the case (it goes
 * with the case at disposition); the step's audit event names it by id only.
 */
export function keepDecisionReason(db: Db, input: { caseId: string; kind: DecisionKind; targetId: string | null; reason: string; actor: string }, now: Date): string {
  const reason = input.reason.trim();
  if (reason.length < MIN_DECISION_REASON) throw new AppError('invalid_input', `Reason: write at least ${MIN_DECISION_REASON} characters saying why.`);
  const id = newId();
  db.prepare('INSERT INTO decision_reasons (id, case_id, kind, target_id, reason, actor, at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, input.caseId, input.kind, input.targetId, reason, input.actor, now.toISOString());
  return id;
}

export interface DecisionReason {
  id: string;
  kind: DecisionKind;
  targetId: string | null;
  reason: string;
  actor: string;
  at: string;
}

export function decisionReasons(db: Db, caseId: string): DecisionReason[] {
  const rows = db.prepare('SELECT id, kind, target_id, reason, actor, at FROM decision_reasons WHERE case_id = ? ORDER BY at, rowid').all(caseId) as {
    id: string;
    kind: DecisionKind;
    target_id: string | null;
    reason: string;
    actor: string;
    at: string;
  }[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, targetId: r.target_id, reason: r.reason, actor: r.actor, at: r.at }));
}
