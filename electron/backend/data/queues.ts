import type { Selectable } from 'kysely';
import { AppError } from '../../../shared/contract';
import { actionStatuses } from '../../../shared/model/caseRecord';
import { recipientSchema, roleSchema, type Recipient, type Role } from '../../../shared/domain/ids';
import { caseRiskSchema, type CaseRisk } from '../../../shared/model/schedule';
import { visibleCases } from './caseVisibility';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * The reads of the work queue (services/queues.ts). "The user's cases" is the
 * one need-to-know rule (data/caseVisibility.ts: cases they lead or are on the
 * team of), so a queue never lists a case its user may not see; every read of
 * them starts from those cases (cases_sort_assigned and case_members_user) and
 * reaches their actions, obligations and reporting records through the case's
 * key, so a user's queue costs what their own cases cost, not what the hub
 * holds. The program manager's closures start from the active cases
 * (cases_sort_status) and their final assessment (assessments_final).
 * EXPLAIN QUERY PLAN of each is checked in test/integration/queuePlans.test.ts.
 */

/** Cases still being worked. */
export const activeStatuses = ['open', 'monitoring'] as const;
/** Actions not yet done or discontinued. */
export const openActionStatuses = ['proposed', 'legal_review', 'approved', 'in_progress'] as const;

export type QueueCaseRow = Pick<Selectable<Database['cases']>, 'id' | 'number' | 'title'>;

/** A case as the queue names it. */
export interface QueueCase {
  caseId: string;
  number: string;
  title: string;
}

export function rowToQueueCase(r: QueueCaseRow): QueueCase {
  return { caseId: r.id, number: r.number, title: r.title };
}

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError('integrity', `The vault holds an unknown ${what}.`);
  return result.data;
}

type ActionStatus = (typeof actionStatuses)[number];

const actionStatusOf = (value: string): ActionStatus => {
  const found = actionStatuses.find((s) => s === value);
  if (found === undefined) throw new AppError('integrity', 'The vault holds an unknown action status.');
  return found;
};

/** The user's active cases, as the start of every personal read. */
function mine(q: Queries, viewer: string) {
  return q.selectFrom('cases as c').where(visibleCases(viewer)).where('c.status', 'in', activeStatuses);
}

export interface ReviewDue extends QueueCase {
  risk: CaseRisk;
  nextReview: string;
}

/** The user's active cases with a review on or before `until`, soonest first. */
export async function reviewsDue(q: Queries, viewer: string, until: string, limit: number): Promise<ReviewDue[]> {
  const rows = await mine(q, viewer)
    .where('c.next_review', 'is not', null)
    .where('c.next_review', '<=', until)
    .select(['c.id', 'c.number', 'c.title', 'c.risk', 'c.next_review'])
    .orderBy('c.next_review')
    .orderBy('c.number')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.next_review === null ? [] : [{ ...rowToQueueCase(r), risk: parsed(caseRiskSchema, r.risk, 'risk'), nextReview: r.next_review }]));
}

/** How many of the user's active cases have a review before `today` (overdue) and from `today` up to `until`. */
export async function countReviewsDue(q: Queries, viewer: string, today: string, until: string): Promise<{ overdue: number; dueSoon: number }> {
  const count = async (from: string | null, to: string, inclusive: boolean) => {
    let query = mine(q, viewer).where('c.next_review', 'is not', null).where('c.next_review', inclusive ? '<=' : '<', to);
    if (from !== null) query = query.where('c.next_review', '>=', from);
    const { n } = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return n;
  };
  return { overdue: await count(null, today, false), dueSoon: await count(today, until, true) };
}

export interface PastDueAction extends QueueCase {
  actionId: string;
  optionId: string;
  status: ActionStatus;
  dueOn: string;
}

function pastDueOfMine(q: Queries, viewer: string, today: string) {
  return mine(q, viewer)
    .innerJoin('actions as x', 'x.case_id', 'c.id')
    .where('x.status', 'in', openActionStatuses)
    .where('x.due_on', '<', today);
}

/** Open actions past due on the user's active cases, longest overdue first. */
export async function pastDueActions(q: Queries, viewer: string, today: string, limit: number): Promise<PastDueAction[]> {
  const rows = await pastDueOfMine(q, viewer, today)
    .select(['c.id', 'c.number', 'c.title', 'x.id as action_id', 'x.option_id', 'x.status', 'x.due_on'])
    .orderBy('x.due_on')
    .orderBy('c.number')
    .limit(limit)
    .execute();
  return rows.flatMap((r) => (r.due_on === null ? [] : [{ ...rowToQueueCase(r), actionId: r.action_id, optionId: r.option_id, status: actionStatusOf(r.status), dueOn: r.due_on }]));
}

export async function countPastDueActions(q: Queries, viewer: string, today: string): Promise<number> {
  const { n } = await pastDueOfMine(q, viewer, today)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return n;
}

export interface OwedObligation extends QueueCase {
  recipient: Recipient;
  timing: string;
  basis: string;
  computedAt: string;
}

/**
 * Obligations outside the program not yet recorded on the user's active cases
 * (at most `limit`, in no order: the service orders them).
 */
export async function owedObligations(q: Queries, viewer: string, limit: number): Promise<OwedObligation[]> {
  const rows = await mine(q, viewer)
    .innerJoin('obligations as o', 'o.case_id', 'c.id')
    .where('o.recipient', '!=', 'internal')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('reporting_records as r')
            .select('r.id')
            .whereRef('r.case_id', '=', 'o.case_id')
            .whereRef('r.recipient', '=', 'o.recipient'),
        ),
      ),
    )
    .select(['c.id', 'c.number', 'c.title', 'o.recipient', 'o.timing', 'o.basis', 'o.computed_at'])
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...rowToQueueCase(r), recipient: parsed(recipientSchema, r.recipient, 'recipient'), timing: r.timing, basis: r.basis, computedAt: r.computed_at }));
}

/** The user's active cases not yet assessed, by number, and how many there are. */
export async function notAssessed(q: Queries, viewer: string, limit: number): Promise<{ total: number; items: QueueCase[] }> {
  const base = mine(q, viewer).where('c.risk', '=', 'not_assessed');
  const rows = await base.select(['c.id', 'c.number', 'c.title']).orderBy('c.number').limit(limit).execute();
  const { n } = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { total: n, items: rows.map(rowToQueueCase) };
}

export interface AwaitingSignOff extends QueueCase {
  actionId: string;
  optionId: string;
  proposedBy: string;
  dueOn: string | null;
}

function awaitingSignOffOf(q: Queries, viewer: string) {
  return mine(q, viewer)
    .innerJoin('actions as x', 'x.case_id', 'c.id')
    .where('x.status', '=', 'legal_review')
    .where('x.legal_signoff_by', 'is', null);
}

/** Actions on the user's active cases waiting for legal sign-off: those with a due date first, soonest first. */
export async function awaitingSignOff(q: Queries, viewer: string, limit: number): Promise<{ total: number; items: AwaitingSignOff[] }> {
  const rows = await awaitingSignOffOf(q, viewer)
    .select(['c.id', 'c.number', 'c.title', 'x.id as action_id', 'x.option_id', 'x.created_by', 'x.due_on'])
    .orderBy((eb) => eb('x.due_on', 'is', null))
    .orderBy('x.due_on')
    .orderBy('x.created_at')
    .limit(limit)
    .execute();
  const { n } = await awaitingSignOffOf(q, viewer)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { total: n, items: rows.map((r) => ({ ...rowToQueueCase(r), actionId: r.action_id, optionId: r.option_id, proposedBy: r.created_by, dueOn: r.due_on })) };
}

export interface ClosureToApprove extends QueueCase {
  lead: string | null;
  finalAssessedAt: string;
}

/** Active cases whose assessment is marked final (closures a program manager approves), oldest first. */
export async function closuresToApprove(q: Queries, limit: number): Promise<ClosureToApprove[]> {
  const rows = await q
    .selectFrom('cases as c')
    .crossJoin('assessments as a')
    .whereRef('a.case_id', '=', 'c.id')
    .where('a.is_final', '=', 1)
    .where('c.status', 'in', activeStatuses)
    .select(['c.id', 'c.number', 'c.title', 'c.assigned_to', 'a.assessed_at'])
    .orderBy('a.assessed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...rowToQueueCase(r), lead: r.assigned_to, finalAssessedAt: r.assessed_at }));
}

export interface UserChange {
  user: string;
  role: Role;
  createdAt: string;
  removedAt: string | null;
}

/** Users added or removed at or after `since`. */
export async function usersChangedSince(q: Queries, since: string): Promise<UserChange[]> {
  const rows = await q
    .selectFrom('users')
    .select(['name', 'role', 'created_at', 'removed_at'])
    .where((eb) => eb.or([eb('created_at', '>=', since), eb('removed_at', '>=', since)]))
    .execute();
  return rows.map((r) => ({ user: r.name, role: parsed(roleSchema, r.role, 'role'), createdAt: r.created_at, removedAt: r.removed_at }));
}

/**
 * Open actions past due on the given cases (a list page), by case: how many and
 * the earliest due date. One seek of actions_case per case; closed cases flag none.
 */
export async function pastDueOnCases(q: Queries, caseIds: readonly string[], today: string): Promise<Map<string, { pastDueActions: number; earliestDue: string }>> {
  const out = new Map<string, { pastDueActions: number; earliestDue: string }>();
  if (caseIds.length === 0) return out;
  const rows = await q
    .selectFrom('cases as c')
    .crossJoin('actions as x')
    .whereRef('x.case_id', '=', 'c.id')
    .where('c.id', 'in', [...new Set(caseIds)])
    .where('c.status', 'in', activeStatuses)
    .where('x.status', 'in', openActionStatuses)
    .where('x.due_on', '<', today)
    .groupBy('c.id')
    .select((eb) => ['c.id', eb.fn.countAll<number>().as('n'), eb.fn.min('x.due_on').as('earliest')])
    .execute();
  for (const r of rows) if (r.n > 0 && r.earliest !== null) out.set(r.id, { pastDueActions: r.n, earliestDue: r.earliest });
  return out;
}
