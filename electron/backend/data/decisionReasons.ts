import { sql, type Selectable } from 'kysely';
import type { Database } from './schema';
import type { Queries } from './store';
import { known } from './caseRecord';

/**
 * The reasons users confirmed weighty steps with (table decision_reasons): kept
 * in the case, disposed of with it; the step's audit event names the row by id.
 */
export type DecisionReasonRow = Selectable<Database['decision_reasons']>;

export const decisionKinds = ['action.discontinue', 'case.close', 'case.reopen'] as const;
export type DecisionKind = (typeof decisionKinds)[number];

export interface DecisionReason {
  id: string;
  caseId: string;
  kind: DecisionKind;
  targetId: string | null;
  reason: string;
  actor: string;
  at: string;
}

export function rowToDecisionReason(r: DecisionReasonRow): DecisionReason {
  return { id: r.id, caseId: r.case_id, kind: known(decisionKinds, r.kind, 'A decision reason'), targetId: r.target_id, reason: r.reason, actor: r.actor, at: r.at };
}

export function decisionReasonToRow(x: DecisionReason): DecisionReasonRow {
  return { id: x.id, case_id: x.caseId, kind: x.kind, target_id: x.targetId, reason: x.reason, actor: x.actor, at: x.at };
}

export async function insertDecisionReason(q: Queries, x: DecisionReason): Promise<void> {
  await q.insertInto('decision_reasons').values(decisionReasonToRow(x)).execute();
}

/** A case's decision reasons in the order they were given. */
export async function decisionReasonsOfCase(q: Queries, caseId: string): Promise<DecisionReason[]> {
  const rows = await q.selectFrom('decision_reasons').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy(sql`rowid`).execute();
  return rows.map(rowToDecisionReason);
}
