import type { z } from 'zod';
import { AppError } from '../../../shared/contract';
import type { actionFieldsSchema, newActionSchema, transitionInputSchema } from '../../../shared/contract/mitigation';
import { justificationSchema } from '../../../shared/contract/mitigation';
import type { EvaluateOutput, Warning } from '../../../shared/domain';
import type { OptionId } from '../../../shared/domain/ids';
import { canTransition, finalActionStatuses, MIN_JUSTIFICATION, warningsAgainstApproval, type ActionStatus } from '../../../shared/model/actionStatus';
import type { Action, CaseRecord } from '../../../shared/model/caseRecord';
import { MIN_DECISION_REASON } from '../../../shared/security/separation';
import { storeOf, type Queries } from '../data';
import { actionProposer, insertAction, insertStrategy, moveAction, signOffActionRow, strategyIsOnCase, updateActionPlanning } from '../data/caseItems';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { changeCase, evaluateStoredCase, requireRecord } from './casework';
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

async function requireStrategy(q: Queries, caseId: string, strategyId: string | null): Promise<void> {
  if (strategyId === null) return;
  if (!(await strategyIsOnCase(q, caseId, strategyId))) throw new AppError('not_found', 'That strategy is not on this case.');
}

function requireAction(record: CaseRecord, actionId: string): Action {
  const action = record.actions.find((a) => a.id === actionId);
  if (action === undefined) throw new AppError('not_found', 'There is no such action on this case.');
  return action;
}

export async function addStrategy(session: VaultSession, caseId: string, title: string, now: Date): Promise<string> {
  const id = newId();
  await changeCase(session, caseId, now, { action: 'strategy.add', detail: { strategyId: id } }, async (tx) => {
    await insertStrategy(tx, caseId, { id, title }, session.user.name, now.toISOString());
  });
  return id;
}

/**
 * Proposes an option as an action. Returns the engine's warnings the option draws
 * (those naming it, and any the plan did not raise before), so the planner sees
 * them at once.
 */
export async function addAction(session: VaultSession, input: NewActionInput, now: Date): Promise<{ id: string; warnings: Warning[] }> {
  const id = newId();
  const stamp = now.toISOString();
  return changeCase(session, input.caseId, now, { action: 'action.add', detail: { actionId: id, optionId: input.optionId, ownerDiscipline: input.ownerDiscipline } }, async (tx) => {
    await requireStrategy(tx, input.caseId, input.strategyId);
    const before = new Set((await evaluateStoredCase(tx, await requireRecord(tx, input.caseId))).warnings.map((w) => w.code));
    const action: Action = {
      id,
      strategyId: input.strategyId,
      optionId: input.optionId,
      ownerDiscipline: input.ownerDiscipline,
      ownerPerson: input.ownerPerson,
      status: 'proposed',
      dueOn: input.dueOn,
      notes: input.notes,
      legalSignoffBy: null,
      legalSignoffAt: null,
      warningJustification: '',
    };
    await insertAction(tx, input.caseId, action, session.user.name, stamp);
    const after = (await evaluateStoredCase(tx, await requireRecord(tx, input.caseId))).warnings;
    return { id, warnings: after.filter((w) => w.options?.includes(input.optionId) === true || !before.has(w.code)) };
  });
}

export async function updateAction(session: VaultSession, input: ActionFields, now: Date): Promise<void> {
  await changeCase(session, input.caseId, now, { action: 'action.update', detail: { actionId: input.actionId } }, async (tx) => {
    const action = requireAction(await requireRecord(tx, input.caseId), input.actionId);
    if (finalActionStatuses.includes(action.status)) throw new AppError('conflict', `The action is ${statusNames[action.status]} and can no longer be changed.`);
    await requireStrategy(tx, input.caseId, input.strategyId);
    const { strategyId, ownerDiscipline, ownerPerson, dueOn, notes } = input;
    await updateActionPlanning(tx, input.caseId, input.actionId, { strategyId, ownerDiscipline, ownerPerson, dueOn, notes }, now.toISOString());
  });
}

/**
 * Legal's sign-off of an action under legal review: only a user with the legal
 * role gives it, and not the person who proposed the action (separation of duties).
 */
export async function signOffAction(session: VaultSession, caseId: string, actionId: string, now: Date, within?: Queries): Promise<{ signedOffBy: string; signedOffAt: string }> {
  if (session.user.role !== 'legal') throw new AppError('forbidden', 'Only a user with the legal role can sign off an action.');
  const stamp = now.toISOString();
  const q = within ?? storeOf(session).q;
  const record = await requireRecord(q, caseId);
  const optionId = requireAction(record, actionId).optionId;
  const waived = enforceSeparation(session, 'proposer_not_signer', await actionProposer(q, caseId, actionId), caseId, now);
  await changeCase(
    session,
    caseId,
    now,
    { action: 'action.signoff', detail: { actionId, optionId, ...(waived ? { dualRoleWaived: true } : {}) } },
    async (tx) => {
    const action = requireAction(await requireRecord(tx, caseId), actionId);
    if (action.status !== 'legal_review') throw new AppError('conflict', `Legal signs off an action during legal review; this one is ${statusNames[action.status]}.`);
    if (action.legalSignoffBy !== null) throw new AppError('conflict', `Legal already signed off this action (${action.legalSignoffBy}).`);
    await signOffActionRow(tx, caseId, actionId, session.user.name, stamp);
    },
    { within },
  );
  return { signedOffBy: session.user.name, signedOffAt: stamp };
}

/**
 * Moves an action along its life. Approval needs legal's sign-off; approving while
 * the engine raises warnings against the action needs a written justification,
 * which is kept on the action (the audit event holds only the warning codes).
 * The legal signer cannot also approve (separation of duties). Discontinuing
 * needs a reason, kept with the case and named by id on the audit event.
 */
export async function transitionAction(session: VaultSession, input: TransitionInput, now: Date, within?: Queries): Promise<{ status: ActionStatus; warnings: string[] }> {
  const q = within ?? storeOf(session).q;
  const record = await requireRecord(q, input.caseId);
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
    standing = warningsAgainstApproval((await evaluateStoredCase(q, record)).warnings, current.optionId).map((w) => w.code);
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
  await changeCase(
    session,
    input.caseId,
    now,
    { action: 'action.transition', detail },
    async (tx) => {
    if (input.to === 'discontinued') {
      detail['decisionId'] = await keepDecisionReason(tx, { caseId: input.caseId, kind: 'action.discontinue', targetId: input.actionId, reason: input.reason, actor: session.user.name }, now);
    }
    if (!(await moveAction(tx, input.caseId, input.actionId, current.status, input.to, justification, now.toISOString()))) throw new AppError('conflict', 'The action changed meanwhile; reload the case and try again.');
    },
    { within },
  );
  return { status: input.to, warnings: standing };
}

/** The engine on the plan as it would be with some options added. */
export async function previewPlan(db: Db, caseId: string, add: readonly OptionId[]): Promise<EvaluateOutput> {
  const { q } = storeOf({ db });
  const record = await requireRecord(q, caseId);
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
  return evaluateStoredCase(q, { ...record, actions: [...record.actions, ...extra] });
}
