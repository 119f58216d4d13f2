import { catalog } from '../../../shared/domain';
import { localToday } from '../../../shared/model/schedule';
import type { Handlers } from './types';
import { requireCase } from '../services/cases';
import {
  addIndicator,
  addReport,
  evaluateCase,
  indicatorHistory,
  recordAssessment,
  removeAnalysisItem,
  saveAnalysisItem,
  setChecklistItem,
  setDeterminations,
  updateIndicator,
} from '../services/casework';
import { homeSummary } from '../services/home';

type Methods =
  | 'home.summary'
  | 'reports.add'
  | 'indicators.add'
  | 'indicators.update'
  | 'indicators.history'
  | 'analysis.save'
  | 'analysis.remove'
  | 'checklist.set'
  | 'assessment.record'
  | 'determinations.set'
  | 'cases.evaluate';

const checklistIds = catalog.threatAnalysis.fairAndBalancedChecklist.map((c) => c.id);

export const caseworkHandlers: Pick<Handlers, Methods> = {
  'home.summary': async (_input, ctx) => {
    const session = ctx.requireSession();
    return await homeSummary(session.db, session.user, localToday(ctx.now()));
  },
  'reports.add': async (input, ctx) => ({ id: await addReport(ctx.requireSession(), input.caseId, input.report, ctx.now()) }),
  'indicators.add': async (input, ctx) => ({ id: await addIndicator(ctx.requireSession(), input.caseId, input.reportId, input.indicator, ctx.now()) }),
  'indicators.update': async (input, ctx) => ({ version: await updateIndicator(ctx.requireSession(), input.caseId, input.id, input.indicator, ctx.now(), input.expectedVersion) }),
  'indicators.history': (input, ctx) => indicatorHistory(ctx.requireSession().db, input.caseId, input.id),
  'analysis.save': async (input, ctx) => ({ id: await saveAnalysisItem(ctx.requireSession(), input, ctx.now()) }),
  'analysis.remove': async (input, ctx) => {
    await removeAnalysisItem(ctx.requireSession(), input.caseId, input.id, ctx.now());
    return { removed: true };
  },
  'checklist.set': async (input, ctx) => {
    await setChecklistItem(ctx.requireSession(), input.caseId, input.itemId, input.addressed, input.note, ctx.now(), checklistIds);
    return { saved: true };
  },
  'assessment.record': (input, ctx) => recordAssessment(ctx.requireSession(), input, ctx.now()),
  'determinations.set': (input, ctx) => setDeterminations(ctx.requireSession(), input.caseId, input.values, ctx.now()),
  'cases.evaluate': (input, ctx) => {
    const db = ctx.requireSession().db;
    return evaluateCase(requireCase(db, input.caseId), db);
  },
};
