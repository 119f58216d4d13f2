import type { Handlers } from './types';
import { addTag, allTags, caseTagsOf, deleteView, listViews, removeTag, saveView } from '../services/caseTags';

export const caseTagsHandlers: Pick<Handlers, 'cases.addTag' | 'cases.removeTag' | 'cases.tagsOf' | 'cases.allTags' | 'views.list' | 'views.save' | 'views.delete'> = {
  'cases.addTag': (input, ctx) => ({ tags: addTag(ctx.requireSession(), input.caseId, input.tag, ctx.now()) }),
  'cases.removeTag': (input, ctx) => ({ tags: removeTag(ctx.requireSession(), input.caseId, input.tag, ctx.now()) }),
  'cases.tagsOf': (input, ctx) => ({ tags: caseTagsOf(ctx.requireSession().db, input.caseId) }),
  'cases.allTags': (_input, ctx) => ({ tags: allTags(ctx.requireSession().db) }),
  'views.list': (_input, ctx) => {
    const session = ctx.requireSession();
    return { views: listViews(session.db, session.user.name) };
  },
  'views.save': (input, ctx) => {
    const session = ctx.requireSession();
    return saveView(session.db, session.user.name, input.name, input.filters, ctx.now());
  },
  'views.delete': (input, ctx) => {
    const session = ctx.requireSession();
    return { deleted: deleteView(session.db, session.user.name, input.id) };
  },
};
