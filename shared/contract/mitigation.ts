import { z } from 'zod';
import { evaluateOutputSchema } from '../domain/evaluate/schema';
import { warningSchema } from '../domain/guardrails/guardrails';
import { disciplineSchema, optionIdSchema } from '../domain/ids';
import { MIN_JUSTIFICATION } from '../model/actionStatus';
import { actionStatuses, isoDateSchema } from '../model/caseRecord';
import { method } from './define';

const caseId = z.string().min(1);
const actionId = z.string().min(1);
const text = (max: number, what: string) => z.string().trim().max(max, `${what}: at most ${max} characters`).default('');

export const actionFieldsSchema = z
  .object({
    strategyId: z.string().min(1).nullable().default(null),
    ownerDiscipline: disciplineSchema,
    ownerPerson: text(200, 'Owner'),
    dueOn: isoDateSchema.nullable().default(null),
    notes: text(10_000, 'Notes'),
  })
  .strict();

export const newActionSchema = actionFieldsSchema.extend({ caseId, optionId: optionIdSchema }).strict();
export type NewAction = z.input<typeof newActionSchema>;

export const transitionInputSchema = z
  .object({
    caseId,
    actionId,
    to: z.enum(actionStatuses),
    /** Required when approving while the engine raises warnings against the action. */
    justification: z.string().trim().max(5_000, 'Justification: at most 5000 characters').default(''),
    /** Required when discontinuing: why, kept with the case. */
    reason: z.string().trim().max(2_000, 'Reason: at most 2000 characters').default(''),
  })
  .strict();

export const justificationSchema = z.string().trim().min(MIN_JUSTIFICATION, `Write a justification of at least ${MIN_JUSTIFICATION} characters`);

export const mitigationContract = {
  'mitigation.addStrategy': method({
    summary: 'Add a named mitigation strategy to a case; a case may run several at once.',
    input: z.object({ caseId, title: z.string().trim().min(1, 'Title is required').max(200, 'Title: at most 200 characters') }).strict(),
    output: z.object({ id: z.string() }),
  }),
  'mitigation.addAction': method({
    summary: 'Propose a response option from the catalog as an action, with its owner, due date and notes.',
    input: newActionSchema,
    output: z.object({ id: z.string(), warnings: z.array(warningSchema) }),
  }),
  'mitigation.updateAction': method({
    summary: "Change an action's strategy, owner, due date or notes.",
    input: actionFieldsSchema.extend({ caseId, actionId }).strict(),
    output: z.object({ saved: z.literal(true) }),
  }),
  'mitigation.signOff': method({
    summary: 'Legal sign-off of an action in legal review (users with the legal role only).',
    input: z.object({ caseId, actionId }).strict(),
    output: z.object({ signedOffBy: z.string(), signedOffAt: z.string() }),
  }),
  'mitigation.transition': method({
    summary: 'Move an action to its next status; approval needs legal sign-off and, over engine warnings, a written justification.',
    input: transitionInputSchema,
    output: z.object({ status: z.enum(actionStatuses), warnings: z.array(z.string()) }),
  }),
  'mitigation.preview': method({
    summary: "The rules engine on the case's plan with some options added, to show the warnings they would draw before proposing them.",
    input: z.object({ caseId, add: z.array(optionIdSchema).max(50) }).strict(),
    output: evaluateOutputSchema,
  }),
};
