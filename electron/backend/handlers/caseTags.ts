import type { Handlers } from './types';
import { addTag, allTags, caseTagsOf, deleteView, listViews, removeTag, saveView } from '../services/caseTags';

export const caseTagsHandlers: Pick<Handlers, 'cases.addTag' | 'cases.removeTag' | 'cases.tagsOf' | 'cases.allTags' | 'views.list' | 'views.save' | 'views.delete'> = {
  'cases.addTag': async (input, ctx) => ({ tags: await addTag(ctx.requireSession(), input.caseId, input.tag, ctx.now()) }),
  'cases.removeTag': async (input, ctx) => ({ tags: await removeTag(ctx.requireSession(), input.caseId, input.tag, ctx.now()) }),
  'cases.tagsOf': async (input, ctx) => ({ tags: await caseTagsOf(ctx.requireSession(), input.caseId) }),
  'cases.allTags': async (_input, ctx) => ({ tags: await allTags(ctx.requireSession()) }),
  'views.list': async (_input, ctx) => ({ views: await listViews(ctx.requireSession()) }),
  'views.save': (input, ctx) => saveView(ctx.requireSession(), input.name, input.filters, ctx.now()),
  'views.delete': async (input, ctx) => ({ deleted: await deleteView(ctx.requireSession(), input.id) }),
};
