import type { z } from 'zod';
import { AppError } from '../../../shared/contract';
import type { reviewInputSchema } from '../../../shared/contract/monitoring';
import type { caseScheduleSchema } from '../../../shared/contract/monitoring';
import type { CaseRecord } from '../../../shared/model/caseRecord';
import { isSeparated, localToday, reviewDue, scheduleReasons } from '../../../shared/model/schedule';
import { encodeEffectiveness } from '../../../shared/model/effectiveness';
import { insertReview } from '../data/caseItems';
import type { VaultSession } from '../vault/session';
import { changeCase, requireRecord } from './casework';
import { newId } from './ids';
import { datesOf, scheduleFacts } from './schedule';

type ReviewInput = z.output<typeof reviewInputSchema>;
type CaseSchedule = z.output<typeof caseScheduleSchema>;

const placeholderReview: CaseRecord['reviews'][number] = { id: '', heldOn: '', whatChanged: '', effectiveness: {}, newIndicators: '', coordination: '', nextReview: null, reviewedBy: '' };

/** The review schedule of a case on a day, from the one schedule function, with its reasons in words. */
export function caseSchedule(record: CaseRecord, today: string): CaseSchedule {
  const dates = datesOf(record, today);
  return { ...dates, ...scheduleReasons(dates, isSeparated(scheduleFacts(record))) };
}

/**
 * Records a review and schedules the next. A review that finds new or escalating
 * indicators, or a response that is not working, suggests re-assessing the case:
 * implementing a response does not eliminate the risk.
 */
export async function recordReview(session: VaultSession, input: ReviewInput, now: Date): Promise<{ id: string; nextReview: string | null; reassessSuggested: boolean }> {
  const today = localToday(now);
  if (input.heldOn > today) throw new AppError('invalid_input', 'The review date cannot be in the future.');
  const id = newId();
  const detail = { reviewId: id, actionsRated: input.effectiveness.length };
  return changeCase(session, input.caseId, now, { action: 'review.record', detail }, async (tx) => {
    const record = await requireRecord(tx, input.caseId);
    const actionIds = new Set(record.actions.map((a) => a.id));
    const effectiveness: Record<string, string> = {};
    for (const e of input.effectiveness) {
      if (!actionIds.has(e.actionId)) throw new AppError('not_found', 'A rated response is not an action of this case.');
      effectiveness[e.actionId] = encodeEffectiveness(e.rating, e.note);
    }
    const nextReview = reviewDue(scheduleFacts({ ...record, reviews: [...record.reviews, { ...placeholderReview, heldOn: input.heldOn }] })).nextReview;
    await insertReview(
      tx,
      input.caseId,
      { id, heldOn: input.heldOn, whatChanged: input.whatChanged, effectiveness, newIndicators: input.newIndicators, coordination: input.coordination, nextReview, reviewedBy: session.user.name },
      now.toISOString(),
    );
    const reassessSuggested = input.newIndicators !== '' || input.effectiveness.some((e) => e.rating === 'not_effective');
    return { id, nextReview, reassessSuggested };
  });
}
