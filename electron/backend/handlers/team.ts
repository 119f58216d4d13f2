import type { Handlers } from './types';
import { caseRelation } from '../services/access';
import { findSubject } from '../services/subjectLookup';
import { addMember, assignCase, getTeam, removeMember, takeMigrationNotice } from '../services/team';

export const teamHandlers: Pick<Handlers, 'team.get' | 'team.assign' | 'team.add' | 'team.remove' | 'team.migrationNotice' | 'subjects.find'> = {
  'team.get': async (input, ctx) => {
    const session = ctx.requireSession();
    const team = await getTeam(session, input.caseId);
    return { ...team, myRelation: caseRelation(session.db, session.user, input.caseId) ?? 'none' };
  },
  'team.assign': (input, ctx) => assignCase(ctx.requireSession(), input.caseId, input.to, input.reason, ctx.now()),
  'team.add': (input, ctx) => addMember(ctx.requireSession(), input.caseId, input.user, input.caseRole, input.reason, ctx.now()),
  'team.remove': (input, ctx) => removeMember(ctx.requireSession(), input.caseId, input.user, input.reason, ctx.now()),
  'team.migrationNotice': (_input, ctx) => {
    const { db, user } = ctx.requireSession();
    return takeMigrationNotice(db, user, ctx.now());
  },
  'subjects.find': async (input, ctx) => ({ matches: await findSubject(ctx.requireSession(), input.text, ctx.now()) }),
};
