import type { WarningCode } from '../domain/ids';
import type { Warning } from '../domain/guardrails/guardrails';
import type { actionStatuses } from './caseRecord';

export type ActionStatus = (typeof actionStatuses)[number];

/**
 * The life of a mitigation action: proposed → legal review → approved → in
 * progress → done, or discontinued from any state that is not final. Legal signs
 * off during legal review; approval needs that sign-off.
 */
export const actionTransitions: Readonly<Record<ActionStatus, readonly ActionStatus[]>> = {
  proposed: ['legal_review', 'discontinued'],
  legal_review: ['approved', 'discontinued'],
  approved: ['in_progress', 'discontinued'],
  in_progress: ['done', 'discontinued'],
  done: [],
  discontinued: [],
};

export const finalActionStatuses: readonly ActionStatus[] = ['done', 'discontinued'];

export function canTransition(from: ActionStatus, to: ActionStatus): boolean {
  return actionTransitions[from].includes(to);
}

/** Actions that count as part of the plan for the engine: everything not discontinued. */
export function inPlan(status: ActionStatus): boolean {
  return status !== 'discontinued';
}

/** Approval needs a justification of at least this many characters when warnings stand. */
export const MIN_JUSTIFICATION = 20;

/**
 * Warnings about the facts alone (a report due, a determination still open) are
 * not objections to approving an action; they are handled on the reporting and
 * assessment screens. `consider_espionage_report` is not among them: while it is
 * open whether an industry disclosure went to a foreign power (possible
 * espionage, for the FBI and DCSA), any action may interfere with their inquiry.
 */
const factOnlyCodes: readonly WarningCode[] = ['reporting_due', 'section_811_undetermined', 'adverse_information_undetermined'];

/**
 * The engine's warnings that stand against approving one action: those naming its
 * option, and those about the plan as a whole. `legal_review_missing` asks that
 * legal take part in developing the response; the action's own legal sign-off,
 * which approval requires anyway, is that participation, so it does not count.
 */
export function warningsAgainstApproval(warnings: readonly Warning[], optionId: string): Warning[] {
  return warnings.filter((w) => {
    if (factOnlyCodes.includes(w.code) || w.code === 'legal_review_missing') return false;
    if (w.options !== undefined) return (w.options as readonly string[]).includes(optionId);
    return true;
  });
}

/** Statuses in which a planned action counts as an existing response (e.g. a post-separation safety plan). */
export const activeActionStatuses: readonly ActionStatus[] = ['approved', 'in_progress', 'done'];
