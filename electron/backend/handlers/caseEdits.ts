import type { Handlers } from './types';
import { caseHistory, editCaseDetails, editReport, editSubject } from '../services/caseEdits';

export const caseEditsHandlers: Pick<Handlers, 'cases.edit' | 'subjects.edit' | 'reports.edit' | 'cases.history'> = {
  'cases.edit': (input, ctx) => editCaseDetails(ctx.requireSession(), input.caseId, input.changes, input.reason, ctx.now()),
  'subjects.edit': (input, ctx) => editSubject(ctx.requireSession(), input.caseId, input.changes, input.reason, ctx.now()),
  'reports.edit': (input, ctx) => editReport(ctx.requireSession(), input.caseId, input.id, input.changes, input.reason, ctx.now()),
  'cases.history': async (input, ctx) => ({ entries: await caseHistory(ctx.requireSession(), input.caseId, ctx.now()) }),
};
