import type { z } from 'zod';
import type { workQueueSchema } from '../../../shared/contract/queues';
import { recipients, type Role } from '../../../shared/domain/ids';
import { daysBetween, localDateOf, reviewState } from '../../../shared/model/schedule';
import { checkSeparation } from '../../../shared/security/separation';
import { storeOf } from '../data';
import { awaitingSignOff, closuresToApprove, countPastDueActions, countReviewsDue, notAssessed as notAssessedCases, owedObligations, pastDueActions, pastDueOnCases, reviewsDue, usersChangedSince } from '../data/queues';
import type { VaultSession } from '../vault/session';
import { backupStatus } from './backup';
import { dispositionsDue } from './retention';
import { dualRolePolicy } from './separation';

type WorkQueue = z.infer<typeof workQueueSchema>;

const LIMIT = 50;
const DUE_SOON_DAYS = 7;
const ACCESS_CHANGE_DAYS = 30;
const timingRank: Record<string, number> = { immediately: 0, promptly: 1 };

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Open actions past due on the given cases (a list page). Closed cases flag none. */
export async function pastDueByCase(session: Pick<VaultSession, 'db'>, caseIds: readonly string[], today: string): Promise<Record<string, { pastDueActions: number; earliestDue: string }>> {
  return Object.fromEntries(await pastDueOnCases(storeOf(session).q, caseIds, today));
}

/**
 * What waits for one user, by role. Legal: actions awaiting sign-off on their
 * teams' cases. Everyone on cases (lead or member): reviews overdue or due
 * within a week, actions past due, obligations not yet recorded (Section 811 "immediately" first) and cases
 * not yet assessed. Program manager: closures to approve (an open case whose
 * latest assessment is marked final), dispositions and backups due, access
 * changes of the last 30 days. Dates and states come from the one schedule
 * function's stored next review and its `reviewState`.
 *
 * "Their cases" is the one need-to-know rule (data/caseVisibility.ts), read in
 * data/queues.ts from the user's own cases, so a queue costs what that user's
 * cases cost, not what the hub holds.
 */
export async function workQueue(session: Pick<VaultSession, 'db'>, user: { name: string; role: Role }, today: string, now: Date): Promise<WorkQueue> {
  const { db } = session;
  const q = storeOf(session).q;
  const policy = dualRolePolicy(db);
  const until = addDays(today, DUE_SOON_DAYS);

  const reviewRows = await reviewsDue(q, user.name, until, LIMIT);
  const reviewCounts = await countReviewsDue(q, user.name, today, until);
  const pastDue = await pastDueActions(q, user.name, today, LIMIT);
  const pastDueTotal = await countPastDueActions(q, user.name, today);
  const obligations = await owedObligations(q, user.name, 500);
  obligations.sort(
    (a, b) =>
      (timingRank[a.timing] ?? 2) - (timingRank[b.timing] ?? 2) ||
      a.computedAt.localeCompare(b.computedAt) ||
      recipients.indexOf(a.recipient) - recipients.indexOf(b.recipient) ||
      a.number.localeCompare(b.number),
  );
  const notAssessed = await notAssessedCases(q, user.name, LIMIT);

  let signOff: WorkQueue['signOff'] = null;
  if (user.role === 'legal') {
    // Only actions on cases legal may see (their teams' cases), like every other list.
    const waiting = await awaitingSignOff(q, user.name, 200);
    signOff = {
      total: waiting.total,
      items: waiting.items.map((r) => {
        const verdict = checkSeparation('proposer_not_signer', user.name, r.proposedBy, policy);
        return { ...r, blockedBy: verdict.ok ? null : verdict.message };
      }),
    };
  }

  let manager: WorkQueue['manager'] = null;
  if (user.role === 'program_manager') {
    const closures = await closuresToApprove(q, LIMIT);
    const since = new Date(now.getTime() - ACCESS_CHANGE_DAYS * 86_400_000).toISOString();
    const accessChanges: NonNullable<WorkQueue['manager']>['accessChanges'] = [];
    for (const u of await usersChangedSince(q, since)) {
      if (u.createdAt >= since) accessChanges.push({ user: u.user, role: u.role, change: 'added', at: u.createdAt });
      if (u.removedAt !== null && u.removedAt >= since) accessChanges.push({ user: u.user, role: u.role, change: 'removed', at: u.removedAt });
    }
    accessChanges.sort((a, b) => b.at.localeCompare(a.at));
    const backup = backupStatus(db, now);
    manager = {
      closures: closures.map((r) => {
        const verdict = checkSeparation('lead_not_sole_closer', user.name, r.lead, policy);
        return { ...r, blockedBy: verdict.ok ? null : verdict.message };
      }),
      dispositionsDue: (await dispositionsDue(db, today)).filter((d) => !d.legalHold).length,
      backupDue: backup.due,
      lastBackupAt: backup.lastVerifiedAt,
      accessChanges,
      dualRoles: policy,
    };
  }

  return {
    user: user.name,
    role: user.role,
    today,
    signOff,
    reviews: {
      overdue: reviewCounts.overdue,
      dueSoon: reviewCounts.dueSoon,
      items: reviewRows.map((r) => {
        const state = reviewState('open', r.risk, r.nextReview, today);
        return { ...r, state: state === 'overdue' || state === 'due_today' ? state : 'scheduled', daysOverdue: state === 'overdue' ? daysBetween(r.nextReview, today) : 0 };
      }),
    },
    pastDueActions: {
      total: pastDueTotal,
      items: pastDue.map((r) => ({ ...r, daysPastDue: daysBetween(r.dueOn, today) })),
    },
    obligations: obligations.slice(0, LIMIT).map((o) => ({
      caseId: o.caseId,
      number: o.number,
      title: o.title,
      recipient: o.recipient,
      timing: o.timing,
      basis: o.basis,
      since: o.computedAt,
      daysWaiting: Math.max(0, daysBetween(localDateOf(o.computedAt), today)),
    })),
    notAssessed,
    manager,
  };
}
