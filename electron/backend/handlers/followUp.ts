import { auditRead } from '../services/access';
import type { Handlers } from './types';
import { requireCase } from '../services/cases';
import { closeCase, closureChecks, markFinalAssessment, reopenCase } from '../services/closure';
import { caseSchedule, recordReview } from '../services/monitoring';
import { recordReporting } from '../services/reporting';
import { caseTimeline } from '../services/timeline';
import { localToday } from '../../../shared/model/schedule';

type Methods =
  | 'reporting.record'
  | 'monitoring.schedule'
  | 'monitoring.recordReview'
  | 'assessment.markFinal'
  | 'closure.readiness'
  | 'closure.close'
  | 'closure.reopen'
  | 'cases.timeline';

/** Reporting, monitoring, closure and the timeline: what follows the plan. */
export const followUpHandlers: Pick<Handlers, Methods> = {
  'reporting.record': async (input, ctx) => ({ id: await recordReporting(ctx.requireSession(), input, ctx.now()) }),
  'monitoring.schedule': (input, ctx) => caseSchedule(requireCase(ctx.requireSession().db, input.caseId), localToday(ctx.now())),
  'monitoring.recordReview': (input, ctx) => recordReview(ctx.requireSession(), input, ctx.now()),
  'assessment.markFinal': async (input, ctx) => {
    await markFinalAssessment(ctx.requireSession(), input.caseId, input.assessmentId, ctx.now());
    return { saved: true };
  },
  'closure.readiness': (input, ctx) => {
    const session = ctx.requireSession();
    const checks = closureChecks(requireCase(session.db, input.caseId), session.user.role);
    return { ready: checks.every((c) => c.met), checks };
  },
  'closure.close': async (input, ctx) => ({ closedAt: await closeCase(ctx.requireSession(), input.caseId, input.reason, ctx.now(), input.openActions) }),
  'closure.reopen': async (input, ctx) => {
    await reopenCase(ctx.requireSession(), input.caseId, input.reason, input.note, ctx.now());
    return { status: 'open' as const };
  },
  'cases.timeline': (input, ctx) => {
    const { db, user } = ctx.requireSession();
    const entries = caseTimeline(db, input.caseId);
    auditRead(db, user, 'case.timeline', input.caseId, ctx.now(), { entries: entries.length });
    return entries;
  },
};
