import { AppError } from '../../../shared/contract';
import { MIN_DECISION_REASON } from '../../../shared/security/separation';
import { storeOf, type Queries } from '../data';
import { decisionReasonsOfCase, insertDecisionReason, type DecisionKind } from '../data/decisionReasons';
import type { Db } from '../vault/database';
import { newId } from './ids';

export type { DecisionKind } from '../data/decisionReasons';

/**
 * Keeps the reason a user confirmed a weighty step with, in the case (it goes
 * with the case at disposition); the step's audit event names it by id only.
 */
export async function keepDecisionReason(q: Queries, input: { caseId: string; kind: DecisionKind; targetId: string | null; reason: string; actor: string }, now: Date): Promise<string> {
  const reason = input.reason.trim();
  if (reason.length < MIN_DECISION_REASON) throw new AppError('invalid_input', `Reason: write at least ${MIN_DECISION_REASON} characters saying why.`);
  const id = newId();
  await insertDecisionReason(q, { id, caseId: input.caseId, kind: input.kind, targetId: input.targetId, reason, actor: input.actor, at: now.toISOString() });
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

export async function decisionReasons(db: Db, caseId: string): Promise<DecisionReason[]> {
  return (await decisionReasonsOfCase(storeOf({ db }).q, caseId)).map((r) => ({ id: r.id, kind: r.kind, targetId: r.targetId, reason: r.reason, actor: r.actor, at: r.at }));
}
