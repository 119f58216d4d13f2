import { z } from 'zod';
import { indicatorStages, programTypeSchema, riskLevelSchema } from '../domain/ids';
import { caseSortColumns, caseStatusSchema } from '../model/caseRecord';
import { tagSchema } from './cases';
import { method } from './define';

/** What a saved view keeps: the case list's filters and sort (never a page position). */
export const savedViewFiltersSchema = z
  .object({
    sort: z.enum(caseSortColumns).optional(),
    direction: z.enum(['asc', 'desc']).optional(),
    status: caseStatusSchema.optional(),
    risk: riskLevelSchema.optional(),
    program: programTypeSchema.optional(),
    assignedTo: z.string().max(200).optional(),
    team: z.string().max(200).optional(),
    stage: z.enum([...indicatorStages, 'none']).optional(),
    tag: tagSchema.optional(),
    query: z.string().max(200).optional(),
  })
  .strict();
export type SavedViewFilters = z.infer<typeof savedViewFiltersSchema>;

export const savedViewSchema = z.object({ id: z.string(), name: z.string(), filters: savedViewFiltersSchema, createdAt: z.string() });
export type SavedView = z.infer<typeof savedViewSchema>;

const caseTag = z.object({ caseId: z.string().min(1), tag: tagSchema }).strict();

export const caseTagsContract = {
  'cases.addTag': method({
    summary: 'Put a tag on a case (audited; the tag is kept with the case).',
    input: caseTag,
    output: z.object({ tags: z.array(z.string()) }),
  }),
  'cases.removeTag': method({
    summary: 'Take a tag off a case (audited).',
    input: caseTag,
    output: z.object({ tags: z.array(z.string()) }),
  }),
  'cases.tagsOf': method({
    summary: 'The tags on one case.',
    input: z.object({ caseId: z.string().min(1) }).strict(),
    output: z.object({ tags: z.array(z.string()) }),
  }),
  'cases.allTags': method({
    summary: 'Every tag in use, with how many cases carry it (for the list filter).',
    input: z.object({}).strict(),
    output: z.object({ tags: z.array(z.object({ tag: z.string(), cases: z.number().int() })) }),
  }),
  'views.list': method({
    summary: "The signed-in user's saved case-list views.",
    input: z.object({}).strict(),
    output: z.object({ views: z.array(savedViewSchema) }),
  }),
  'views.save': method({
    summary: 'Save the case list filters and sort under a name (replacing a view of the same name).',
    input: z.object({ name: z.string().trim().min(1, 'give the view a name').max(60, 'a view name is at most 60 characters'), filters: savedViewFiltersSchema }).strict(),
    output: savedViewSchema,
  }),
  'views.delete': method({
    summary: 'Delete one of your saved views.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ deleted: z.boolean() }),
  }),
};
