import { caseRisk, reviewDue, type CaseDates, caseDates, type ScheduleFacts } from '../../../shared/model/schedule';
import type { CaseRecord } from '../../../shared/model/caseRecord';
import { statement, type Db } from '../vault/database';
import { readScheduleFacts } from './caseStore';

/** The schedule's facts of a stored case. */
export function scheduleFacts(record: CaseRecord): ScheduleFacts {
  return { status: record.case.status, assessments: record.assessments, reviews: record.reviews, actions: record.actions, determinations: record.determinations };
}

/**
 * Stores a case's risk ("not assessed" until the first assessment) and next
 * review date as the one schedule function computes them, so the list and Home,
 * which read these columns through their indexes, agree with the case screens.
 * Runs after every change to a case that can move them (not after an
 * indicator's: indicators are not schedule facts) and after an import; reads
 * only the schedule's facts (readScheduleFacts), never the case's texts.
 */
export function refreshSchedule(db: Db, caseId: string): void {
  const facts = readScheduleFacts(db, caseId);
  if (facts === null) return;
  // Only when they change: rewriting the same values would still rewrite every sort index that holds the risk.
  statement(db, 'UPDATE cases SET risk = @risk, next_review = @next WHERE id = @id AND (risk IS NOT @risk OR next_review IS NOT @next)').run({ risk: caseRisk(facts), next: reviewDue(facts).nextReview, id: caseId });
}

export function datesOf(record: CaseRecord, today: string): CaseDates {
  return caseDates(scheduleFacts(record), today);
}
