import type { Handlers } from './types';
import { addAction, addStrategy, previewPlan, signOffAction, transitionAction, updateAction } from '../services/mitigation';

type Methods = 'mitigation.addStrategy' | 'mitigation.addAction' | 'mitigation.updateAction' | 'mitigation.signOff' | 'mitigation.transition' | 'mitigation.preview';

export const mitigationHandlers: Pick<Handlers, Methods> = {
  'mitigation.addStrategy': async (input, ctx) => ({ id: await addStrategy(ctx.requireSession(), input.caseId, input.title, ctx.now()) }),
  'mitigation.addAction': (input, ctx) => addAction(ctx.requireSession(), input, ctx.now()),
  'mitigation.updateAction': async (input, ctx) => {
    await updateAction(ctx.requireSession(), input, ctx.now());
    return { saved: true };
  },
  'mitigation.signOff': (input, ctx) => signOffAction(ctx.requireSession(), input.caseId, input.actionId, ctx.now()),
  'mitigation.transition': (input, ctx) => transitionAction(ctx.requireSession(), input, ctx.now()),
  'mitigation.preview': (input, ctx) => previewPlan(ctx.requireSession().db, input.caseId, input.add),
};
