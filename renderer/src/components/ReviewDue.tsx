import type { CaseView } from '../../../shared/contract/cases';
import { caseDates, localToday, type CaseDates } from '../../../shared/model/schedule';
import { formatDate } from '../labels';

/** A case's dates and states as every case screen shows them: the one schedule function on the case as loaded, today. */
export function viewDates(view: CaseView, today: string = localToday()): CaseDates {
  return caseDates({ status: view.case.status, assessments: view.assessments, reviews: view.reviews, actions: view.actions, determinations: view.determinations }, today);
}

/** "Next review …" with its state: overdue (and by how long), due today, not assessed, or closed. */
export function ReviewDue({ dates, prefix = 'Next review' }: { dates: CaseDates; prefix?: string }) {
  if (dates.state === 'closed') return <span data-review-state="closed">No review scheduled (case closed)</span>;
  if (dates.state === 'not_assessed' || dates.nextReview === null) return <span data-review-state="not_assessed">Next review after the first assessment</span>;
  return (
    <span data-review-state={dates.state}>
      {prefix} <strong>{formatDate(dates.nextReview)}</strong>{' '}
      {dates.state === 'overdue' ? (
        <span className="badge badge-critical">
          Overdue by {dates.daysOverdue} day{dates.daysOverdue === 1 ? '' : 's'}
        </span>
      ) : dates.state === 'due_today' ? (
        <span className="badge badge-moderate">Due today</span>
      ) : null}
    </span>
  );
}
