import { z } from 'zod';
import { cite, citationsText, type SeedCitation } from '../domain/citation';
import { riskLevels, type RiskLevel } from '../domain/ids';
import { dayNumber, isoDay } from '../domain/review/isoDate';
import { defaultReviewPolicy, reviewInterval, type ReviewPolicy } from '../domain/review/schedule';
import type { ActionStatus } from './actionStatus';

/**
 * One truth for a case's dates and states. Every screen and query that shows a
 * case's risk, next review, overdue state or past-due actions uses this module:
 * the backend stores `nextReview` computed here (so the list and Home can seek it
 * in an index) and the renderer derives the state from the same facts.
 *
 * The due date never depends on "today": it runs from the later of the last
 * review and the latest assessment, brought forward to the earliest due date of
 * an open action. Today only decides whether that date has passed — which is why
 * the case header, the Monitoring tab, the list and Home can no longer disagree.
 */

/** A case's risk: "not assessed" until its first assessment, never a default level. */
export const caseRiskValues = ['not_assessed', ...riskLevels] as const;
export const caseRiskSchema = z.enum(caseRiskValues);
export type CaseRisk = z.infer<typeof caseRiskSchema>;
export const NOT_ASSESSED = 'not_assessed' as const satisfies CaseRisk;

const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date on this workstation's own calendar (local time), as YYYY-MM-DD. The one "today" of Offramp. */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The local calendar date of an ISO timestamp (an assessment's time, say). */
export function localDateOf(timestamp: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(timestamp) ? timestamp : localToday(new Date(timestamp));
}

/** What the schedule reads from a case; both the stored record and the renderer's view have it. */
export interface ScheduleFacts {
  status: 'open' | 'monitoring' | 'closed';
  assessments: readonly { risk: RiskLevel; assessedAt: string }[];
  reviews: readonly { heldOn: string }[];
  actions: readonly { id: string; status: ActionStatus; dueOn: string | null }[];
  determinations: readonly { factId: string; value: string }[];
}

export type ReviewState = 'closed' | 'not_assessed' | 'scheduled' | 'due_today' | 'overdue';

export interface ReviewDue {
  /** The date the next review is due, or null for a closed or not yet assessed case. */
  nextReview: string | null;
  intervalDays: number | null;
  driver: 'risk_interval' | 'open_action' | null;
  /** The open action whose due date brought the review forward. */
  actionId: string | null;
}

export interface PastDueAction {
  id: string;
  dueOn: string;
  daysPastDue: number;
}

export interface CaseDates extends ReviewDue {
  risk: CaseRisk;
  state: ReviewState;
  /** Days since the review fell due (0 unless overdue). */
  daysOverdue: number;
  pastDueActions: PastDueAction[];
}

const openStatuses: readonly ActionStatus[] = ['proposed', 'legal_review', 'approved', 'in_progress'];

function day(iso: string): number {
  const n = dayNumber(iso);
  if (n === null) throw new Error(`Not an ISO date: ${iso}`);
  return n;
}

/** The case's risk: its latest assessment's level, or "not assessed". */
export function caseRisk(facts: Pick<ScheduleFacts, 'assessments'>): CaseRisk {
  return facts.assessments.at(-1)?.risk ?? NOT_ASSESSED;
}

export function isSeparated(facts: Pick<ScheduleFacts, 'determinations'>): boolean {
  return facts.determinations.some((d) => d.factId === 'subject_separated' && d.value === 'yes');
}

/** Whether an action is still open (not done or discontinued). */
export function isOpenAction(status: ActionStatus): boolean {
  return openStatuses.includes(status);
}

/** When the next review is due. Independent of today; stored as the case's next review. */
export function reviewDue(facts: ScheduleFacts, policy: ReviewPolicy = defaultReviewPolicy): ReviewDue {
  const latest = facts.assessments.at(-1);
  if (facts.status === 'closed' || latest === undefined) return { nextReview: null, intervalDays: null, driver: null, actionId: null };
  const intervalDays = reviewInterval(latest.risk, isSeparated(facts), policy);
  const lastReview = facts.reviews.reduce<string | null>((max, r) => (max === null || r.heldOn > max ? r.heldOn : max), null);
  const assessed = localDateOf(latest.assessedAt);
  const base = lastReview !== null && lastReview > assessed ? lastReview : assessed;
  let next = day(base) + intervalDays;
  let driver: ReviewDue['driver'] = 'risk_interval';
  let actionId: string | null = null;
  for (const action of facts.actions) {
    if (!isOpenAction(action.status) || action.dueOn === null) continue;
    const due = day(action.dueOn);
    if (due < next) {
      next = due;
      driver = 'open_action';
      actionId = action.id;
    }
  }
  return { nextReview: isoDay(next), intervalDays, driver, actionId };
}

/** The review state of a stored next-review date on a day: the same test the list and Home run in SQL (`next_review < today`). */
export function reviewState(status: ScheduleFacts['status'], risk: CaseRisk, nextReview: string | null, today: string): ReviewState {
  if (status === 'closed') return 'closed';
  if (risk === NOT_ASSESSED || nextReview === null) return 'not_assessed';
  if (nextReview < today) return 'overdue';
  return nextReview === today ? 'due_today' : 'scheduled';
}

/** Open actions whose due date has passed, most overdue first. A closed case flags none. */
export function pastDueActions(facts: Pick<ScheduleFacts, 'status' | 'actions'>, today: string): PastDueAction[] {
  if (facts.status === 'closed') return [];
  const t = day(today);
  return facts.actions
    .filter((a): a is typeof a & { dueOn: string } => isOpenAction(a.status) && a.dueOn !== null && a.dueOn < today)
    .map((a) => ({ id: a.id, dueOn: a.dueOn, daysPastDue: t - day(a.dueOn) }))
    .sort((a, b) => b.daysPastDue - a.daysPastDue || a.id.localeCompare(b.id));
}

/** Everything a screen shows about a case's dates and states on a day. */
export function caseDates(facts: ScheduleFacts, today: string, policy: ReviewPolicy = defaultReviewPolicy): CaseDates {
  const due = reviewDue(facts, policy);
  const risk = caseRisk(facts);
  const state = reviewState(facts.status, risk, due.nextReview, today);
  return {
    ...due,
    risk,
    state,
    daysOverdue: state === 'overdue' && due.nextReview !== null ? day(today) - day(due.nextReview) : 0,
    pastDueActions: pastDueActions(facts, today),
  };
}

/** Why the review falls when it does, in words, with the guides' source. */
export function scheduleReasons(dates: CaseDates, separated: boolean): { reasons: string[]; source: string } {
  const sources: SeedCitation[] = [cite.managementStrategies, cite.monitoringResponse];
  const reasons: string[] = [];
  if (dates.state === 'closed') reasons.push('The case is closed: no review is scheduled.');
  else if (dates.state === 'not_assessed') reasons.push('The case has not been assessed yet: the review schedule starts with the first assessment.');
  else {
    reasons.push(`Risk level ${dates.risk}: re-evaluate at least every ${dates.intervalDays ?? 0} days after the last review or assessment.`);
    if (separated) {
      reasons.push('The person has been separated; the case is not closed: follow-up continues.');
      sources.push(cite.caseNotClosed);
    }
    if (dates.driver === 'open_action') reasons.push(`An open action is due on ${dates.nextReview ?? ''}: check whether it is done and whether it still fits.`);
    if (dates.state === 'overdue') reasons.push(`The review was due on ${dates.nextReview ?? ''}, ${dates.daysOverdue} day${dates.daysOverdue === 1 ? '' : 's'} ago: re-evaluate now.`);
  }
  return { reasons, source: citationsText(sources) };
}

export const reviewStateLabels: Readonly<Record<ReviewState, string>> = {
  closed: 'Closed — no review scheduled',
  not_assessed: 'Not assessed',
  scheduled: 'Scheduled',
  due_today: 'Due today',
  overdue: 'Overdue',
};

/** Whole days from one ISO date to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return day(to) - day(from);
}
