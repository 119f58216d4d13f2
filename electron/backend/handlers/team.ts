import type { Handlers } from './types';
import { caseRelation } from '../services/access';
import { findSubject } from '../services/subjectLookup';
import { addMember, assignCase, getTeam, removeMember, takeMigrationNotice } from '../services/team';

export const teamHandlers: Pick<Handlers, 'team.get' | 'team.assign' | 'team.add' | 'team.remove' | 'team.migrationNotice' | 'subjects.find'> = {
  'team.get': (input, ctx) => {
    const { db, user } = ctx.requireSession();
    const team = getTeam(db, input.caseId);
    return { ...team, myRelation: caseRelation(db, user, input.caseId) ?? 'none' };
  },
  'team.assign': (input, ctx) => {
    const { db, user } = ctx.requireSession();
    return assignCase(db, user, input.caseId, input.to, input.reason, ctx.now());
  },
  'team.add': (input, ctx) => {
    const { db, user } = ctx.requireSession();
    return addMember(db, user, input.caseId, input.user, input.caseRole, input.reason, ctx.now());
  },
  'team.remove': (input, ctx) => {
    const { db, user } = ctx.requireSession();
    return removeMember(db, user, input.caseId, input.user, input.reason, ctx.now());
  },
  'team.migrationNotice': (_input, ctx) => {
    const { db, user } = ctx.requireSession();
    return takeMigrationNotice(db, user, ctx.now());
  },
  'subjects.find': async (input, ctx) => ({ matches: await findSubject(ctx.requireSession(), input.text, ctx.now()) }),
};
