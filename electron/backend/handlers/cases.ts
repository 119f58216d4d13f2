import type { Handlers } from './types';
import { createCase, listVisibleCases, revealSubject, viewCase } from '../services/cases';

export const casesHandlers: Pick<Handlers, 'cases.list' | 'cases.get' | 'cases.create' | 'cases.reveal'> = {
  'cases.list': (input, ctx) => {
    const session = ctx.requireSession();
    return listVisibleCases(session.db, session.user, input, ctx.now());
  },
  'cases.get': (input, ctx) => viewCase(ctx.requireSession(), input.id, ctx.now()),
  'cases.create': (input, ctx) => {
    const session = ctx.requireSession();
    return createCase(session.db, session.user, input, ctx.now());
  },
  'cases.reveal': (input, ctx) => ({ realName: revealSubject(ctx.requireSession(), input.caseId, input.reason, ctx.now()) }),
};
