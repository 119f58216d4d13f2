import { z } from 'zod';
import { recipientSchema, roleSchema } from '../domain/ids';
import { actionStatuses, isoDateSchema } from '../model/caseRecord';
import { caseRiskSchema } from '../model/schedule';
import { dualRolePolicySchema, MIN_POLICY_REASON } from '../security/separation';
import { method } from './define';

const actionRef = z.object({ caseId: z.string().min(1), actionId: z.string().min(1) }).strict();
const caseRef = { caseId: z.string(), number: z.string(), title: z.string() };

/** Several actions at once (bulk steps): each is still recorded on its own. */
export const bulkActionsSchema = z
  .object({
    items: z
      .array(actionRef)
      .min(1, 'Select at least one action')
      .max(100, 'At most 100 actions at once')
      .refine((items) => new Set(items.map((i) => `${i.caseId}/${i.actionId}`)).size === items.length, 'The same action is selected twice'),
  })
  .strict();

export const workQueueSchema = z.object({
  user: z.string(),
  role: roleSchema,
  today: isoDateSchema,
  /** Legal: actions waiting for legal sign-off (null for other roles). */
  signOff: z
    .object({
      total: z.number().int(),
      items: z.array(
        z.object({
          ...caseRef,
          actionId: z.string(),
          optionId: z.string(),
          proposedBy: z.string(),
          dueOn: isoDateSchema.nullable(),
          /** Why this user cannot sign it off (separation of duties), or null. */
          blockedBy: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  /** The user's cases (lead or member): reviews overdue or due within a week. */
  reviews: z.object({
    overdue: z.number().int(),
    dueSoon: z.number().int(),
    items: z.array(z.object({ ...caseRef, risk: caseRiskSchema, nextReview: isoDateSchema, state: z.enum(['overdue', 'due_today', 'scheduled']), daysOverdue: z.number().int() })),
  }),
  /** Open actions past their due date on the user's cases. */
  pastDueActions: z.object({
    total: z.number().int(),
    items: z.array(z.object({ ...caseRef, actionId: z.string(), optionId: z.string(), status: z.enum(actionStatuses), dueOn: isoDateSchema, daysPastDue: z.number().int() })),
  }),
  /** Reporting obligations not yet recorded on the user's cases, Section 811 "immediately" ones first, with how long each has waited. */
  obligations: z.array(z.object({ ...caseRef, recipient: recipientSchema, timing: z.string(), basis: z.string(), since: z.string(), daysWaiting: z.number().int() })),
  /** The user's cases not yet assessed. */
  notAssessed: z.object({ total: z.number().int(), items: z.array(z.object(caseRef)) }),
  /** Program manager: closures to approve, dispositions and backups due, recent access changes (null for other roles). */
  manager: z
    .object({
      closures: z.array(z.object({ ...caseRef, lead: z.string().nullable(), finalAssessedAt: z.string(), blockedBy: z.string().nullable() })),
      dispositionsDue: z.number().int(),
      backupDue: z.boolean(),
      lastBackupAt: z.string().nullable(),
      accessChanges: z.array(z.object({ user: z.string(), role: roleSchema, change: z.enum(['added', 'removed']), at: z.string() })),
      dualRoles: dualRolePolicySchema,
    })
    .nullable(),
});
export type WorkQueue = z.infer<typeof workQueueSchema>;

export const decisionReasonSchema = z.object({
  id: z.string(),
  kind: z.enum(['action.discontinue', 'case.close', 'case.reopen']),
  targetId: z.string().nullable(),
  reason: z.string(),
  actor: z.string(),
  at: z.string(),
});

export const queuesContract = {
  'queues.mine': method({
    summary: 'What waits for the signed-in user, by role: sign-offs (legal); reviews, past-due actions, obligations and unassessed cases (their cases); closures, dispositions, backups and access changes (program manager).',
    input: z.object({}).strict(),
    output: workQueueSchema,
  }),
  'mitigation.bulkSendToLegal': method({
    summary: 'Send several proposed actions to legal review at once; each is recorded on its own, and if one cannot go none does.',
    input: bulkActionsSchema,
    output: z.object({ sent: z.number().int() }),
  }),
  'mitigation.bulkSignOff': method({
    summary: 'Legal signs off several actions at once; each sign-off is recorded on its own, and if one is refused none is given.',
    input: bulkActionsSchema,
    output: z.object({ signedOff: z.array(z.object({ caseId: z.string(), actionId: z.string(), signedOffAt: z.string() })) }),
  }),
  'settings.dualRoles': method({
    summary: 'Whether the hub lets one person hold two steps of a decision (separation of duties), who set it and why.',
    input: z.object({}).strict(),
    output: dualRolePolicySchema,
  }),
  'settings.setDualRoles': method({
    summary: 'Allow or forbid one person holding two steps of a decision (program manager), with a reason; printed on case summaries.',
    input: z.object({ allowed: z.boolean(), reason: z.string().trim().min(MIN_POLICY_REASON, `Reason: write at least ${MIN_POLICY_REASON} characters`).max(1_000, 'Reason: at most 1000 characters') }).strict(),
    output: dualRolePolicySchema,
  }),
  'cases.pastDue': method({
    summary: 'For the cases of a list page: how many open actions are past due and the earliest due date, by case (cases with none are left out).',
    input: z.object({ caseIds: z.array(z.string().min(1)).max(200, 'At most 200 cases at once') }).strict(),
    output: z.record(z.string(), z.object({ pastDueActions: z.number().int(), earliestDue: isoDateSchema })),
  }),
  'cases.decisions': method({
    summary: 'The reasons kept for weighty steps on a case (discontinued actions, closing, reopening), oldest first.',
    input: z.object({ caseId: z.string().min(1) }).strict(),
    output: z.array(decisionReasonSchema),
  }),
};
