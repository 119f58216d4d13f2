/** Why a closed case is reopened; an id, so the audit log can hold it without case text. */
export const reopenReasons = ['new_information', 'new_indicators', 'closed_in_error', 'post_separation_follow_up', 'other'] as const;
export type ReopenReason = (typeof reopenReasons)[number];

export const reopenReasonLabels: Readonly<Record<ReopenReason, string>> = {
  new_information: 'New information received',
  new_indicators: 'New or escalating indicators',
  closed_in_error: 'Closed in error',
  post_separation_follow_up: 'Post-separation follow-up',
  other: 'Other',
};

/** The parts of a case record that say whether the person is, or is being, removed. */
export interface SeparationFacts {
  readonly determinations: readonly { readonly factId: string; readonly value: string }[];
  readonly actions: readonly { readonly optionId: string; readonly status: string }[];
}

/**
 * Why a case concerns a dismissal, or null: the person has been separated (the
 * determination), or a `terminate_employment` action is in the plan (any status but
 * discontinued, done included). Either way the case is not closed just because the
 * person is gone (CISA, Managing Insider Threats, II > Avoid concluding that a case
 * is closed): closing needs a post-separation safety plan in force.
 */
export function dismissalReason(record: SeparationFacts): 'separated' | 'termination_done' | 'termination_planned' | null {
  if (record.determinations.some((d) => d.factId === 'subject_separated' && d.value === 'yes')) return 'separated';
  const terminations = record.actions.filter((a) => a.optionId === 'terminate_employment' && a.status !== 'discontinued');
  if (terminations.some((a) => a.status === 'done')) return 'termination_done';
  return terminations.length > 0 ? 'termination_planned' : null;
}
