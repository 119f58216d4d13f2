import type { Handlers } from './types';
import { createCase, listVisibleCases, revealSubject } from '../services/cases';
import { openCase } from '../services/caseOpen';

export const casesHandlers: Pick<Handlers, 'cases.list' | 'cases.get' | 'cases.create' | 'cases.reveal'> = {
  'cases.list': async (input, ctx) => {
    const session = ctx.requireSession();
    return await listVisibleCases(session.db, session.user, input, ctx.now());
  },
  'cases.get': (input, ctx) => openCase(ctx.requireSession(), input.id, ctx.now(), { refresh: input.refresh === true }),
  'cases.create': (input, ctx) => {
    const session = ctx.requireSession();
    return createCase(session.db, session.user, input, ctx.now());
  },
  'cases.reveal': (input, ctx) => ({ realName: revealSubject(ctx.requireSession(), input.caseId, input.reason, ctx.now()) }),
};
