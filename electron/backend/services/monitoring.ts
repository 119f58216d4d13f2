import type { z } from 'zod';
import { AppError } from '../../../shared/contract';
import type { reviewInputSchema } from '../../../shared/contract/monitoring';
import { scheduleReview, type ReviewSchedule } from '../../../shared/domain';
import { finalActionStatuses } from '../../../shared/model/actionStatus';
import type { CaseRecord } from '../../../shared/model/caseRecord';
import { encodeEffectiveness } from '../../../shared/model/effectiveness';
import type { VaultSession } from '../vault/session';
import { requireCase } from './cases';
import { changeCase } from './casework';
import { newId } from './ids';

type ReviewInput = z.output<typeof reviewInputSchema>;

const isSeparated = (record: CaseRecord) => record.determinations.some((d) => d.factId === 'subject_separated' && d.value === 'yes');

/** The engine's review schedule for a case: its risk, last review, open actions and whether the person has been separated. */
export function caseSchedule(record: CaseRecord, today: string, lastReview: string | null = record.reviews.at(-1)?.heldOn ?? null): ReviewSchedule {
  return scheduleReview({
    today,
    riskLevel: record.case.risk,
    lastReview,
    openActions: record.actions.filter((a) => !finalActionStatuses.includes(a.status)).map((a) => ({ id: a.id, due: a.dueOn })),
    subjectSeparated: isSeparated(record),
  });
}

/**
 * Records a review and schedules the next. A review that finds new or escalating
 * indicators, or a response that is not working, suggests re-assessing the case:
 * implementing a response does not eliminate the risk.
 */
export function recordReview(session: VaultSession, input: ReviewInput, now: Date): { id: string; nextReview: string; reassessSuggested: boolean } {
  const today = now.toISOString().slice(0, 10);
  if (input.heldOn > today) throw new AppError('invalid_input', 'The review date cannot be in the future.');
  const id = newId();
  const detail = { reviewId: id, actionsRated: input.effectiveness.length };
  return changeCase(session, input.caseId, now, { action: 'review.record', detail }, (db) => {
    const record = requireCase(db, input.caseId);
    const actionIds = new Set(record.actions.map((a) => a.id));
    const effectiveness: Record<string, string> = {};
    for (const e of input.effectiveness) {
      if (!actionIds.has(e.actionId)) throw new AppError('not_found', 'A rated response is not an action of this case.');
      effectiveness[e.actionId] = encodeEffectiveness(e.rating, e.note);
    }
    const previous = record.reviews.at(-1)?.heldOn ?? null;
    const lastReview = previous !== null && previous > input.heldOn ? previous : input.heldOn;
    const nextReview = caseSchedule(record, today, lastReview).nextReview;
    db.prepare(
      `INSERT INTO reviews (id, case_id, held_on, what_changed, effectiveness, new_indicators, coordination, next_review, reviewed_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.caseId, input.heldOn, input.whatChanged, JSON.stringify(effectiveness), input.newIndicators, input.coordination, nextReview, session.user.name, now.toISOString());
    db.prepare('UPDATE cases SET next_review = ? WHERE id = ?').run(nextReview, input.caseId);
    const reassessSuggested = input.newIndicators !== '' || input.effectiveness.some((e) => e.rating === 'not_effective');
    return { id, nextReview, reassessSuggested };
  });
}
