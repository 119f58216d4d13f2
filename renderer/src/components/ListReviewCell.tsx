import { localToday, reviewState } from '../../../shared/model/schedule';
import type { CaseRow } from '../../../shared/model/caseRecord';
import { formatDate } from '../labels';

/** The list's next-review cell: the stored date with the one schedule function's state, and past-due actions flagged. */
export function ListReviewCell({ row, pastDue }: { row: CaseRow; pastDue: { pastDueActions: number; earliestDue: string } | undefined }) {
  const state = reviewState(row.status, row.risk, row.nextReview, localToday());
  return (
    <span className="list-review">
      {state === 'not_assessed' ? <span className="muted">After assessment</span> : formatDate(row.nextReview)}
      {state === 'overdue' ? <span className="badge badge-critical">Overdue</span> : null}
      {pastDue !== undefined ? (
        <span className="badge badge-high" title={`Earliest due ${pastDue.earliestDue}`}>
          {pastDue.pastDueActions} past due
        </span>
      ) : null}
    </span>
  );
}
