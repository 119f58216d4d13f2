import type { Handlers } from './types';
import { auditActors, readAuditLog } from '../services/auditLog';

export const auditLogHandlers: Pick<Handlers, 'audit.log'> = {
  'audit.log': async (input, ctx) => {
    const session = ctx.requireSession();
    const { lines, more } = await readAuditLog(session.db, session.user, { actor: input.user, kind: input.kind, limit: input.limit, beforeSeq: input.beforeSeq }, ctx.now());
    return {
      events: lines.map((l) => ({ seq: l.seq, at: l.at, actor: l.actor, text: l.text, caseNumber: l.caseNumber, disposedCase: l.caseId !== null && l.caseNumber === null })),
      users: await auditActors(session.db),
      nextBeforeSeq: more ? (lines.at(-1)?.seq ?? null) : null,
    };
  },
};
