import { auditRead } from '../services/access';
import type { Handlers } from '../dispatcher';
import { addEvidence, listEvidence } from '../services/evidence';

export const evidenceHandlers: Pick<Handlers, 'evidence.add' | 'evidence.list'> = {
  'evidence.add': (input, ctx) => addEvidence(ctx.requireSession(), input, ctx.now()),
  'evidence.list': (input, ctx) => {
    const { db, user } = ctx.requireSession();
    const items = listEvidence(db, input.caseId);
    auditRead(db, user, 'evidence.list', input.caseId, ctx.now(), { items: items.length });
    return items;
  },
};
