import { z } from 'zod';
import { roleSchema } from '../domain/ids';
import { caseStatusSchema } from '../model/caseRecord';
import { caseRoles, relations } from '../security/permissions';
import { method } from './define';

const caseId = z.string().min(1);
const userName = z.string().trim().min(1, 'a user name is required').max(100);
const reason = z.string().trim().min(1, 'give a reason for the change').max(1000);
export const caseRoleSchema = z.enum(caseRoles);

const personSchema = z.object({ name: z.string(), role: roleSchema.nullable(), removed: z.boolean() });

export const teamChangeSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  change: z.enum(['assign', 'add', 'remove']),
  user: z.string(),
  caseRole: z.enum(['lead', ...caseRoles]).nullable(),
  reason: z.string(),
});
export type TeamChange = z.infer<typeof teamChangeSchema>;

export const caseTeamSchema = z.object({
  caseId: z.string(),
  lead: personSchema.nullable(),
  members: z.array(personSchema.extend({ caseRole: caseRoleSchema })),
  changes: z.array(teamChangeSchema),
});
export type CaseTeam = z.infer<typeof caseTeamSchema>;

export const subjectMatchSchema = z.object({
  caseId: z.string(),
  number: z.string(),
  subjectDisplayId: z.string(),
  title: z.string(),
  status: caseStatusSchema,
  matchedOn: z.enum(['name', 'employee_id']),
});
export type SubjectMatch = z.infer<typeof subjectMatchSchema>;

export const migrationNoticeSchema = z.object({ cases: z.number(), leads: z.number(), memberships: z.number(), added: z.number() });

export const teamContract = {
  'team.get': method({
    summary: "A case's lead, team (with case roles) and the changes to it with their reasons, and the caller's own relation to the case.",
    input: z.object({ caseId }).strict(),
    output: caseTeamSchema.extend({ myRelation: z.enum(relations) }),
  }),
  'team.assign': method({
    summary: 'Make a user the case lead (program manager or the current lead), with a reason; audited.',
    input: z.object({ caseId, to: userName, reason }).strict(),
    output: caseTeamSchema,
  }),
  'team.add': method({
    summary: "Add a user to the case's team as member, legal or viewer (or change their case role), with a reason; audited.",
    input: z.object({ caseId, user: userName, caseRole: caseRoleSchema, reason }).strict(),
    output: caseTeamSchema,
  }),
  'team.remove': method({
    summary: "Take a user off the case's team, with a reason; audited.",
    input: z.object({ caseId, user: userName, reason }).strict(),
    output: caseTeamSchema,
  }),
  'team.migrationNotice': method({
    summary: 'For the program manager, once: what the move to case teams did to this vault (null afterwards, and for everyone else).',
    input: z.object({}).strict(),
    output: migrationNoticeSchema.nullable(),
  }),
  'subjects.find': method({
    summary: 'Look a subject up by real name or employee id: the cases the caller may see that concern that person. Always audited (who looked up, never what was typed).',
    input: z.object({ text: z.string().trim().min(2, 'type at least two characters').max(200) }).strict(),
    output: z.object({ matches: z.array(subjectMatchSchema) }),
  }),
};
