import { auditRead } from '../services/access';
import { AppError } from '../../../shared/contract';
import type { Handlers } from './types';
import { addCustodyEntry, addEvidenceFromPath, listEvidence, previewEvidence } from '../services/evidence';

export const evidenceHandlers: Pick<Handlers, 'evidence.add' | 'evidence.list' | 'evidence.custodyAdd' | 'evidence.preview'> = {
  'evidence.add': async (input, ctx) => {
    ctx.requireSession();
    let path = input.path;
    if (path === undefined) {
      const host = ctx.options.host;
      if (host === undefined) throw new AppError('invalid_input', 'Give the path of the evidence file.');
      const chosen = await host.chooseOpenPath({ title: 'Choose an evidence file to take into the vault', extensions: ['*'] });
      if (chosen === null) return { status: 'cancelled' };
      path = chosen;
      // The dialog may have stayed open past the idle lock: ask for the session again.
    }
    return { status: 'added', item: await addEvidenceFromPath(ctx.requireSession(), { ...input, path }, ctx.now()) };
  },
  'evidence.list': async (input, ctx) => {
    const { db, user } = ctx.requireSession();
    const items = await listEvidence(db, input.caseId);
    auditRead(db, user, 'evidence.list', input.caseId, ctx.now(), { items: items.length });
    return items;
  },
  'evidence.custodyAdd': (input, ctx) => addCustodyEntry(ctx.requireSession(), input, ctx.now()),
  'evidence.preview': (input, ctx) => previewEvidence(ctx.requireSession(), input.caseId, input.evidenceId, ctx.now()),
};
