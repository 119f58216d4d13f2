import type { z } from 'zod';
import type { workQueueSchema } from '../../../shared/contract/queues';
import { recipients, type Role } from '../../../shared/domain/ids';
import { daysBetween, localDateOf, reviewState, type CaseRisk } from '../../../shared/model/schedule';
import { checkSeparation } from '../../../shared/security/separation';
import type { Db } from '../vault/database';
import { backupStatus } from './backup';
import { dispositionsDue } from './retention';
import { dualRolePolicy } from './separation';

type WorkQueue = z.infer<typeof workQueueSchema>;

const LIMIT = 50;
const DUE_SOON_DAYS = 7;
const ACCESS_CHANGE_DAYS = 30;
const openActions = ['proposed', 'legal_review', 'approved', 'in_progress'];
const openActionsSql = `(${openActions.map(() => '?').join(', ')})`;
const activeCase = "c.status IN ('open', 'monitoring')";
const timingRank: Record<string, number> = { immediately: 0, promptly: 1 };

/**
 * "My cases": cases the user leads (assigned to them) or whose team lists them
 * in case_members — the cases they may see. Both halves seek an index (cases_assigned,
 * case_members_user), so a user's queue costs what their own cases cost, not
 * what the hub holds.
 */
const mineSql = 'SELECT id FROM cases WHERE assigned_to = ? UNION SELECT case_id FROM case_members WHERE user_name = ?';

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Open actions past due on the given cases (a list page): one seek of the
 * actions_case index per case. Closed cases flag none.
 */
export function pastDueByCase(db: Db, caseIds: readonly string[], today: string): Record<string, { pastDueActions: number; earliestDue: string }> {
  const out: Record<string, { pastDueActions: number; earliestDue: string }> = {};
  const query = db.prepare(
    `SELECT count(*) AS n, min(x.due_on) AS earliest FROM actions x WHERE x.case_id = ? AND x.status IN ${openActionsSql} AND x.due_on < ?
       AND EXISTS (SELECT 1 FROM cases c WHERE c.id = x.case_id AND ${activeCase})`,
  );
  for (const id of new Set(caseIds)) {
    const row = query.get(id, ...openActions, today) as { n: number; earliest: string | null };
    if (row.n > 0 && row.earliest !== null) out[id] = { pastDueActions: row.n, earliestDue: row.earliest };
  }
  return out;
}

/**
 * What waits for one user, by role. Legal: actions awaiting sign-off on their
 * teams' cases. Everyone on cases (lead or member): reviews overdue or due
 * within a week, actions past due, obligations not yet recorded (Section 811 "immediately" first) and cases
 * not yet assessed. Program manager: closures to approve (an open case whose
 * latest assessment is marked final), dispositions and backups due, access
 * changes of the last 30 days. Dates and states come from the one schedule
 * function's stored next review and its `reviewState`.
 */
export async function workQueue(db: Db, user: { name: string; role: Role }, today: string, now: Date): Promise<WorkQueue> {
  const me = [user.name, user.name];
  const policy = dualRolePolicy(db);

  const reviewRows = db
    .prepare(
      `SELECT c.id, c.number, c.title, c.risk, c.next_review FROM cases c WHERE c.id IN (${mineSql}) AND ${activeCase}
         AND c.next_review IS NOT NULL AND c.next_review <= ? ORDER BY c.next_review, c.number LIMIT ${LIMIT}`,
    )
    .all(...me, addDays(today, DUE_SOON_DAYS)) as { id: string; number: string; title: string; risk: CaseRisk; next_review: string }[];
  const reviewCounts = db
    .prepare(
      `SELECT coalesce(sum(c.next_review < ?), 0) AS overdue, coalesce(sum(c.next_review >= ?), 0) AS soon FROM cases c
       WHERE c.id IN (${mineSql}) AND ${activeCase} AND c.next_review IS NOT NULL AND c.next_review <= ?`,
    )
    .get(today, today, ...me, addDays(today, DUE_SOON_DAYS)) as { overdue: number; soon: number };

  const pastDueSql = `FROM actions x CROSS JOIN cases c ON c.id = x.case_id WHERE x.case_id IN (${mineSql}) AND x.status IN ${openActionsSql} AND x.due_on < ? AND ${activeCase}`;
  const pastDue = db
    .prepare(`SELECT c.id, c.number, c.title, x.id AS action_id, x.option_id, x.status, x.due_on ${pastDueSql} ORDER BY x.due_on, c.number LIMIT ${LIMIT}`)
    .all(...me, ...openActions, today) as { id: string; number: string; title: string; action_id: string; option_id: string; status: WorkQueue['pastDueActions']['items'][number]['status']; due_on: string }[];
  const pastDueTotal = (db.prepare(`SELECT count(*) AS n ${pastDueSql}`).get(...me, ...openActions, today) as { n: number }).n;

  const obligations = db
    .prepare(
      `SELECT c.id, c.number, c.title, o.recipient, o.timing, o.basis, o.computed_at FROM obligations o CROSS JOIN cases c ON c.id = o.case_id
       WHERE o.case_id IN (${mineSql}) AND o.recipient != 'internal' AND ${activeCase}
         AND NOT EXISTS (SELECT 1 FROM reporting_records r WHERE r.case_id = o.case_id AND r.recipient = o.recipient)
       LIMIT 500`,
    )
    .all(...me) as { id: string; number: string; title: string; recipient: WorkQueue['obligations'][number]['recipient']; timing: string; basis: string; computed_at: string }[];
  obligations.sort(
    (a, b) =>
      (timingRank[a.timing] ?? 2) - (timingRank[b.timing] ?? 2) ||
      a.computed_at.localeCompare(b.computed_at) ||
      recipients.indexOf(a.recipient) - recipients.indexOf(b.recipient) ||
      a.number.localeCompare(b.number),
  );

  const notAssessedSql = `FROM cases c WHERE c.id IN (${mineSql}) AND ${activeCase} AND c.risk = 'not_assessed'`;
  const notAssessed = db.prepare(`SELECT c.id, c.number, c.title ${notAssessedSql} ORDER BY c.number LIMIT ${LIMIT}`).all(...me) as { id: string; number: string; title: string }[];
  const notAssessedTotal = (db.prepare(`SELECT count(*) AS n ${notAssessedSql}`).get(...me) as { n: number }).n;

  let signOff: WorkQueue['signOff'] = null;
  if (user.role === 'legal') {
    // Only actions on cases legal may see (their teams' cases), like every other list.
    const waitingSql = `FROM actions x INDEXED BY actions_status_due CROSS JOIN cases c ON c.id = x.case_id
      WHERE x.status = 'legal_review' AND x.legal_signoff_by IS NULL AND ${activeCase} AND x.case_id IN (${mineSql})`;
    const rows = db
      .prepare(`SELECT c.id, c.number, c.title, x.id AS action_id, x.option_id, x.created_by, x.due_on ${waitingSql} ORDER BY x.due_on IS NULL, x.due_on, x.created_at LIMIT 200`)
      .all(...me) as { id: string; number: string; title: string; action_id: string; option_id: string; created_by: string; due_on: string | null }[];
    signOff = {
      total: (db.prepare(`SELECT count(*) AS n ${waitingSql}`).get(...me) as { n: number }).n,
      items: rows.map((r) => {
        const verdict = checkSeparation('proposer_not_signer', user.name, r.created_by, policy);
        return { caseId: r.id, number: r.number, title: r.title, actionId: r.action_id, optionId: r.option_id, proposedBy: r.created_by, dueOn: r.due_on, blockedBy: verdict.ok ? null : verdict.message };
      }),
    };
  }

  let manager: WorkQueue['manager'] = null;
  if (user.role === 'program_manager') {
    const closures = db
      .prepare(
        `SELECT c.id, c.number, c.title, c.assigned_to, a.assessed_at FROM assessments a INDEXED BY assessments_final CROSS JOIN cases c ON c.id = a.case_id
         WHERE a.is_final = 1 AND ${activeCase} ORDER BY a.assessed_at LIMIT ${LIMIT}`,
      )
      .all() as { id: string; number: string; title: string; assigned_to: string | null; assessed_at: string }[];
    const since = new Date(now.getTime() - ACCESS_CHANGE_DAYS * 86_400_000).toISOString();
    const users = db.prepare('SELECT name, role, created_at, removed_at FROM users WHERE created_at >= ? OR removed_at >= ?').all(since, since) as {
      name: string;
      role: Role;
      created_at: string;
      removed_at: string | null;
    }[];
    const accessChanges: NonNullable<WorkQueue['manager']>['accessChanges'] = [];
    for (const u of users) {
      if (u.created_at >= since) accessChanges.push({ user: u.name, role: u.role, change: 'added', at: u.created_at });
      if (u.removed_at !== null && u.removed_at >= since) accessChanges.push({ user: u.name, role: u.role, change: 'removed', at: u.removed_at });
    }
    accessChanges.sort((a, b) => b.at.localeCompare(a.at));
    const backup = backupStatus(db, now);
    manager = {
      closures: closures.map((r) => {
        const verdict = checkSeparation('lead_not_sole_closer', user.name, r.assigned_to, policy);
        return { caseId: r.id, number: r.number, title: r.title, lead: r.assigned_to, finalAssessedAt: r.assessed_at, blockedBy: verdict.ok ? null : verdict.message };
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
      dueSoon: reviewCounts.soon,
      items: reviewRows.map((r) => {
        const state = reviewState('open', r.risk, r.next_review, today);
        return {
          caseId: r.id,
          number: r.number,
          title: r.title,
          risk: r.risk,
          nextReview: r.next_review,
          state: state === 'overdue' || state === 'due_today' ? state : 'scheduled',
          daysOverdue: state === 'overdue' ? daysBetween(r.next_review, today) : 0,
        };
      }),
    },
    pastDueActions: {
      total: pastDueTotal,
      items: pastDue.map((r) => ({ caseId: r.id, number: r.number, title: r.title, actionId: r.action_id, optionId: r.option_id, status: r.status, dueOn: r.due_on, daysPastDue: daysBetween(r.due_on, today) })),
    },
    obligations: obligations.slice(0, LIMIT).map((o) => ({
      caseId: o.id,
      number: o.number,
      title: o.title,
      recipient: o.recipient,
      timing: o.timing,
      basis: o.basis,
      since: o.computed_at,
      daysWaiting: Math.max(0, daysBetween(localDateOf(o.computed_at), today)),
    })),
    notAssessed: { total: notAssessedTotal, items: notAssessed.map((r) => ({ caseId: r.id, number: r.number, title: r.title })) },
    manager,
  };
}
