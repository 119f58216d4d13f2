import { caseRisk, reviewDue, type CaseDates, caseDates, type ScheduleFacts } from '../../../shared/model/schedule';
import type { CaseRecord } from '../../../shared/model/caseRecord';
import type { Queries } from '../data';
import { readScheduleFacts } from '../data/caseRecord';
import { setCaseSchedule } from '../data/cases';

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
export async function refreshSchedule(q: Queries, caseId: string): Promise<void> {
  const facts = await readScheduleFacts(q, caseId);
  if (facts === null) return;
  await setCaseSchedule(q, caseId, caseRisk(facts), reviewDue(facts).nextReview);
}

export function datesOf(record: CaseRecord, today: string): CaseDates {
  return caseDates(scheduleFacts(record), today);
}
