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
