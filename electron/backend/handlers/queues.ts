import { localToday } from '../../../shared/model/schedule';
import type { Handlers } from './types';
import { bulkSendToLegal, bulkSignOff } from '../services/bulk';
import { requireCase } from '../services/cases';
import { decisionReasons } from '../services/decisions';
import { pastDueByCase, workQueue } from '../services/queues';
import { dualRolePolicy, setDualRolePolicy } from '../services/separation';

type Methods = 'queues.mine' | 'mitigation.bulkSendToLegal' | 'mitigation.bulkSignOff' | 'settings.dualRoles' | 'settings.setDualRoles' | 'cases.decisions' | 'cases.pastDue';

/** Work queues, bulk steps and separation of duties. */
export const queuesHandlers: Pick<Handlers, Methods> = {
  'queues.mine': (_input, ctx) => {
    const session = ctx.requireSession();
    const now = ctx.now();
    return workQueue(session, session.user, localToday(now), now);
  },
  'mitigation.bulkSendToLegal': (input, ctx) => bulkSendToLegal(ctx.requireSession(), input.items, ctx.now()),
  'mitigation.bulkSignOff': (input, ctx) => bulkSignOff(ctx.requireSession(), input.items, ctx.now()),
  'settings.dualRoles': (_input, ctx) => dualRolePolicy(ctx.requireSession().db),
  'settings.setDualRoles': (input, ctx) => setDualRolePolicy(ctx.requireSession(), input, ctx.now()),
  'cases.pastDue': (input, ctx) => pastDueByCase(ctx.requireSession(), input.caseIds, localToday(ctx.now())),
  'cases.decisions': (input, ctx) => {
    const db = ctx.requireSession().db;
    requireCase(db, input.caseId);
    return decisionReasons(db, input.caseId);
  },
};
