import type { Handlers } from '../dispatcher';
import { addEvidence, listEvidence } from '../services/evidence';

export const evidenceHandlers: Pick<Handlers, 'evidence.add' | 'evidence.list'> = {
  'evidence.add': (input, ctx) => addEvidence(ctx.requireSession(), input, ctx.now()),
  'evidence.list': (input, ctx) => listEvidence(ctx.requireSession().db, input.caseId),
};
