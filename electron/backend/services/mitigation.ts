import type { z } from 'zod';
import { AppError } from '../../../shared/contract';
import type { actionFieldsSchema, newActionSchema, transitionInputSchema } from '../../../shared/contract/mitigation';
import { justificationSchema } from '../../../shared/contract/mitigation';
import type { EvaluateOutput, Warning } from '../../../shared/domain';
import type { OptionId } from '../../../shared/domain/ids';
import { canTransition, finalActionStatuses, MIN_JUSTIFICATION, warningsAgainstApproval, type ActionStatus } from '../../../shared/model/actionStatus';
import type { Action, CaseRecord } from '../../../shared/model/caseRecord';
import { MIN_DECISION_REASON } from '../../../shared/security/separation';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { requireCase } from './cases';
import { changeCase, evaluateCase } from './casework';
import { keepDecisionReason } from './decisions';
import { newId } from './ids';
import { enforceSeparation } from './separation';

type NewActionInput = z.output<typeof newActionSchema>;
type ActionFields = z.output<typeof actionFieldsSchema> & { caseId: string; actionId: string };
type TransitionInput = z.output<typeof transitionInputSchema>;

const statusNames: Record<ActionStatus, string> = {
  proposed: 'proposed',
  legal_review: 'in legal review',
  approved: 'approved',
  in_progress: 'in progress',
  done: 'done',
  discontinued: 'discontinued',
};

function requireStrategy(db: Db, caseId: string, strategyId: string | null): void {
  if (strategyId === null) return;
  if (db.prepare('SELECT 1 FROM strategies WHERE id = ? AND case_id = ?').get(strategyId, caseId) === undefined) {
    throw new AppError('not_found', 'That strategy is not on this case.');
  }
}

function requireAction(record: CaseRecord, actionId: string): Action {
  const action = record.actions.find((a) => a.id === actionId);
  if (action === undefined) throw new AppError('not_found', 'There is no such action on this case.');
  return action;
}

export function addStrategy(session: VaultSession, caseId: string, title: string, now: Date): string {
  const id = newId();
  changeCase(session, caseId, now, { action: 'strategy.add', detail: { strategyId: id } }, (db) => {
    db.prepare('INSERT INTO strategies (id, case_id, title, created_by, created_at) VALUES (?, ?, ?, ?, ?)').run(id, caseId, title, session.user.name, now.toISOString());
  });
  return id;
}

/**
 * Proposes an option as an action. Returns the engine's warnings the option draws
 * (those naming it, and any the plan did not raise before), so the planner sees
 * them at once.
 */
export function addAction(session: VaultSession, input: NewActionInput, now: Date): { id: string; warnings: Warning[] } {
  const id = newId();
  const stamp = now.toISOString();
  return changeCase(session, input.caseId, now, { action: 'action.add', detail: { actionId: id, optionId: input.optionId, ownerDiscipline: input.ownerDiscipline } }, (db) => {
    requireStrategy(db, input.caseId, input.strategyId);
    const before = new Set(evaluateCase(requireCase(db, input.caseId), db).warnings.map((w) => w.code));
    db.prepare(
      `INSERT INTO actions (id, case_id, strategy_id, option_id, owner_discipline, owner_person, status, due_on, notes, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'proposed', ?, ?, ?, ?, ?)`,
    ).run(id, input.caseId, input.strategyId, input.optionId, input.ownerDiscipline, input.ownerPerson, input.dueOn, input.notes, session.user.name, stamp, stamp);
    const after = evaluateCase(requireCase(db, input.caseId), db).warnings;
    return { id, warnings: after.filter((w) => w.options?.includes(input.optionId) === true || !before.has(w.code)) };
  });
}

export function updateAction(session: VaultSession, input: ActionFields, now: Date): void {
  changeCase(session, input.caseId, now, { action: 'action.update', detail: { actionId: input.actionId } }, (db) => {
    const action = requireAction(requireCase(db, input.caseId), input.actionId);
    if (finalActionStatuses.includes(action.status)) throw new AppError('conflict', `The action is ${statusNames[action.status]} and can no longer be changed.`);
    requireStrategy(db, input.caseId, input.strategyId);
    db.prepare('UPDATE actions SET strategy_id = ?, owner_discipline = ?, owner_person = ?, due_on = ?, notes = ?, updated_at = ? WHERE id = ? AND case_id = ?').run(
      input.strategyId,
      input.ownerDiscipline,
      input.ownerPerson,
      input.dueOn,
      input.notes,
      now.toISOString(),
      input.actionId,
      input.caseId,
    );
  });
}

/** Who proposed an action (its creator), or null when there is no such action. */
function proposer(db: Db, caseId: string, actionId: string): string | null {
  const row = db.prepare('SELECT created_by FROM actions WHERE id = ? AND case_id = ?').get(actionId, caseId) as { created_by: string } | undefined;
  return row?.created_by ?? null;
}

/**
 * Legal's sign-off of an action under legal review: only a user with the legal
 * role gives it, and not the person who proposed the action (separation of duties).
 */
export function signOffAction(session: VaultSession, caseId: string, actionId: string, now: Date): { signedOffBy: string; signedOffAt: string } {
  if (session.user.role !== 'legal') throw new AppError('forbidden', 'Only a user with the legal role can sign off an action.');
  const stamp = now.toISOString();
  const record = requireCase(session.db, caseId);
  const optionId = requireAction(record, actionId).optionId;
  const waived = enforceSeparation(session, 'proposer_not_signer', proposer(session.db, caseId, actionId), caseId, now);
  changeCase(session, caseId, now, { action: 'action.signoff', detail: { actionId, optionId, ...(waived ? { dualRoleWaived: true } : {}) } }, (db) => {
    const action = requireAction(requireCase(db, caseId), actionId);
    if (action.status !== 'legal_review') throw new AppError('conflict', `Legal signs off an action during legal review; this one is ${statusNames[action.status]}.`);
    if (action.legalSignoffBy !== null) throw new AppError('conflict', `Legal already signed off this action (${action.legalSignoffBy}).`);
    db.prepare('UPDATE actions SET legal_signoff_by = ?, legal_signoff_at = ?, updated_at = ? WHERE id = ? AND case_id = ?').run(session.user.name, stamp, stamp, actionId, caseId);
  });
  return { signedOffBy: session.user.name, signedOffAt: stamp };
}

/**
 * Moves an action along its life. Approval needs legal's sign-off; approving while
 * the engine raises warnings against the action needs a written justification,
 * which is kept on the action (the audit event holds only the warning codes).
 * The legal signer cannot also approve (separation of duties). Discontinuing
 * needs a reason, kept with the case and named by id on the audit event.
 */
export function transitionAction(session: VaultSession, input: TransitionInput, now: Date): { status: ActionStatus; warnings: string[] } {
  const record = requireCase(session.db, input.caseId);
  const current = requireAction(record, input.actionId);
  let standing: string[] = [];
  let justification = current.warningJustification;
  if (!canTransition(current.status, input.to)) {
    throw new AppError('conflict', `An action that is ${statusNames[current.status]} cannot become ${statusNames[input.to]}.`);
  }
  let waived = false;
  if (input.to === 'approved') {
    if (current.legalSignoffBy === null) throw new AppError('conflict', 'Legal must sign off the action before it can be approved.');
    waived = enforceSeparation(session, 'signer_not_approver', current.legalSignoffBy, input.caseId, now);
    standing = warningsAgainstApproval(evaluateCase(record, session.db).warnings, current.optionId).map((w) => w.code);
    if (standing.length > 0) {
      const checked = justificationSchema.safeParse(input.justification);
      if (!checked.success) {
        throw new AppError('conflict', `The engine warns against this action (${standing.join(', ')}). Approving it anyway needs a written justification of at least ${MIN_JUSTIFICATION} characters.`);
      }
      justification = checked.data;
    }
  }
  if (input.to === 'discontinued' && input.reason.length < MIN_DECISION_REASON) {
    throw new AppError('invalid_input', `Reason: write at least ${MIN_DECISION_REASON} characters saying why the action is discontinued.`);
  }
  const detail: Record<string, string | string[] | boolean> = { actionId: input.actionId, optionId: current.optionId, from: current.status, to: input.to, ...(standing.length > 0 ? { warnings: standing } : {}) };
  if (waived) detail['dualRoleWaived'] = true;
  changeCase(session, input.caseId, now, { action: 'action.transition', detail }, (db) => {
    if (input.to === 'discontinued') {
      detail['decisionId'] = keepDecisionReason(db, { caseId: input.caseId, kind: 'action.discontinue', targetId: input.actionId, reason: input.reason, actor: session.user.name }, now);
    }
    const result = db
      .prepare('UPDATE actions SET status = ?, warning_justification = ?, updated_at = ? WHERE id = ? AND case_id = ? AND status = ?')
      .run(input.to, justification, now.toISOString(), input.actionId, input.caseId, current.status);
    if (result.changes === 0) throw new AppError('conflict', 'The action changed meanwhile; reload the case and try again.');
  });
  return { status: input.to, warnings: standing };
}

/** The engine on the plan as it would be with some options added. */
export function previewPlan(db: Db, caseId: string, add: readonly OptionId[]): EvaluateOutput {
  const record = requireCase(db, caseId);
  const extra: Action[] = add.map((optionId, i) => ({
    id: `preview-${i}`,
    strategyId: null,
    optionId,
    ownerDiscipline: 'security',
    ownerPerson: '',
    status: 'proposed',
    dueOn: null,
    notes: '',
    legalSignoffBy: null,
    legalSignoffAt: null,
    warningJustification: '',
  }));
  return evaluateCase({ ...record, actions: [...record.actions, ...extra] }, db);
}
