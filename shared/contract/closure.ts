import { z } from 'zod';
import { reopenReasons } from '../model/closure';
import { timelineEntrySchema } from '../model/timeline';
import { method } from './define';

const caseId = z.string().min(1);

export const closureCheckSchema = z.object({
  id: z.enum(['not_closed', 'final_assessment', 'obligations_recorded', 'post_separation_safety_plan', 'program_manager']),
  met: z.boolean(),
  message: z.string(),
});

export const closureContract = {
  'assessment.markFinal': method({
    summary: "Mark the case's latest assessment as its final assessment (needed to close the case).",
    input: z.object({ caseId, assessmentId: z.string().min(1) }).strict(),
    output: z.object({ saved: z.literal(true) }),
  }),
  'closure.readiness': method({
    summary: 'What closing the case still needs: final assessment, every obligation recorded, a post-separation safety plan, program-manager approval.',
    input: z.object({ caseId }).strict(),
    output: z.object({ ready: z.boolean(), checks: z.array(closureCheckSchema) }),
  }),
  'closure.close': method({
    summary: "Close a case with a reason; a program manager other than the case's lead approves by closing it (unless dual roles are allowed), every closure rule must hold, open actions are discontinued or kept as chosen, and the review schedule is cleared.",
    input: z
      .object({
        caseId,
        reason: z.string().trim().min(10, 'Closure reason: write at least 10 characters').max(2_000, 'Closure reason: at most 2000 characters'),
        /** What to do with actions still open; required when there are any. */
        openActions: z.enum(['discontinue', 'keep']).optional(),
      })
      .strict(),
    output: z.object({ closedAt: z.string() }),
  }),
  'closure.reopen': method({
    summary: 'Reopen a closed case (program manager), with the reason and a written note, kept and audited.',
    input: z.object({ caseId, reason: z.enum(reopenReasons), note: z.string().trim().min(10, 'Reason for reopening: write at least 10 characters').max(2_000, 'Reason for reopening: at most 2000 characters') }).strict(),
    output: z.object({ status: z.literal('open') }),
  }),
  'cases.timeline': method({
    summary: 'One timeline of the case: reports, indicators, analysis, assessments, determinations, actions, reporting and reviews.',
    input: z.object({ caseId }).strict(),
    output: z.array(timelineEntrySchema),
  }),
};
