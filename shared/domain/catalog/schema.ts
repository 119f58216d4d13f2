import { z } from 'zod';
import { seedCitationSchema } from '../citation';
import {
  disciplineSchema,
  factIdSchema,
  indicatorStageSchema,
  optionIdSchema,
  pathwayStageSchema,
  priCategorySchema,
  responseTargetSchema,
  responseTypeSchema,
} from '../ids';

/**
 * The shapes of the catalog. The data files are typed by these schemas, and the
 * `domain.catalog` IPC method returns the whole catalog validated by them.
 */

export const seedExampleSchema = z
  .object({
    text: z.string().min(1),
    /** Where the guide places the example on the critical pathway, when it says so. */
    stage: indicatorStageSchema.optional(),
    source: seedCitationSchema,
  })
  .strict();
export type SeedExample = z.infer<typeof seedExampleSchema>;

export const priCategoryEntrySchema = z
  .object({
    id: priCategorySchema,
    label: z.string().min(1),
    examples: z.array(seedExampleSchema),
    source: seedCitationSchema,
  })
  .strict();
export type PriCategoryEntry = z.infer<typeof priCategoryEntrySchema>;

export const pathwayStageEntrySchema = z
  .object({
    id: pathwayStageSchema,
    order: z.number().int().min(1).max(5),
    label: z.string().min(1),
    description: z.string().min(1),
    /** Whether an observed indicator can sit on this stage (the first three). */
    indicatorStage: z.boolean(),
    source: seedCitationSchema,
  })
  .strict();
export type PathwayStageEntry = z.infer<typeof pathwayStageEntrySchema>;

export const programFunctionIds = ['prevent', 'deter', 'detect', 'mitigate'] as const;
export const programFunctionEntrySchema = z
  .object({
    id: z.enum(programFunctionIds),
    label: z.string().min(1),
    description: z.string().min(1),
    examples: z.array(z.string().min(1)),
    source: seedCitationSchema,
  })
  .strict();
export type ProgramFunctionEntry = z.infer<typeof programFunctionEntrySchema>;

export const disciplineEntrySchema = z
  .object({
    id: disciplineSchema,
    label: z.string().min(1),
    role: z.string().min(1),
    source: seedCitationSchema,
  })
  .strict();
export type DisciplineEntry = z.infer<typeof disciplineEntrySchema>;

export const tenetIds = ['do_no_harm', 'procedures_and_authorities', 'avoid_alerting', 'privacy_civil_liberties', 'chain_of_custody'] as const;
export const tenetEntrySchema = z
  .object({
    id: z.enum(tenetIds),
    label: z.string().min(1),
    description: z.string().min(1),
    /** The guide calls "first, do no harm" the most important tenet. */
    primary: z.boolean(),
    source: seedCitationSchema,
  })
  .strict();
export type TenetEntry = z.infer<typeof tenetEntrySchema>;

export const consequenceAreaIds = ['individuals', 'morale', 'mission', 'public_perception'] as const;
export const consequenceAreaEntrySchema = z
  .object({
    id: z.enum(consequenceAreaIds),
    label: z.string().min(1),
    impacts: z.array(z.string().min(1)).min(1),
    source: seedCitationSchema,
  })
  .strict();
export type ConsequenceAreaEntry = z.infer<typeof consequenceAreaEntrySchema>;

/**
 * How an option touches the person of concern: `alerts` tells them they have been
 * identified; `visible` acts on them in a way they will notice; `covert` does neither.
 */
export const subjectAwarenessValues = ['alerts', 'visible', 'covert'] as const;
export const subjectAwarenessSchema = z.enum(subjectAwarenessValues);
export type SubjectAwareness = z.infer<typeof subjectAwarenessSchema>;

export const responseOptionSchema = z
  .object({
    id: optionIdSchema,
    label: z.string().min(1),
    description: z.string().min(1),
    discipline: disciplineSchema,
    type: responseTypeSchema,
    target: responseTargetSchema,
    subjectAwareness: subjectAwarenessSchema,
    source: seedCitationSchema,
    /** Further passages that name the same option. */
    alsoIn: z.array(seedCitationSchema),
  })
  .strict();
export type ResponseOption = z.infer<typeof responseOptionSchema>;

export const lawEnforcementCriterionSchema = z
  .object({ fact: factIdSchema, label: z.string().min(1), source: seedCitationSchema })
  .strict();
export type LawEnforcementCriterion = z.infer<typeof lawEnforcementCriterionSchema>;

export const preventionFocusAreaSchema = z
  .object({ id: z.string().min(1), label: z.string().min(1), description: z.string().min(1), source: seedCitationSchema })
  .strict();
export type PreventionFocusArea = z.infer<typeof preventionFocusAreaSchema>;

export const strategyCharacteristicSchema = z
  .object({ id: z.string().min(1), text: z.string().min(1), source: seedCitationSchema })
  .strict();
export type StrategyCharacteristic = z.infer<typeof strategyCharacteristicSchema>;

export const questionKindIds = ['definitive', 'opinion', 'multiple_viewpoints'] as const;
export const questionKindSchema = z
  .object({
    id: z.enum(questionKindIds),
    label: z.string().min(1),
    description: z.string().min(1),
    example: z.string().min(1),
    source: seedCitationSchema,
  })
  .strict();
export type QuestionKind = z.infer<typeof questionKindSchema>;

export const checklistItemSchema = z
  .object({ id: z.string().min(1), label: z.string().min(1), detail: z.string().min(1), source: seedCitationSchema })
  .strict();
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

export const analysisQuestionSchema = z
  .object({ id: z.string().min(1), text: z.string().min(1), source: seedCitationSchema })
  .strict();
export type AnalysisQuestion = z.infer<typeof analysisQuestionSchema>;

export const factEntrySchema = z
  .object({
    id: factIdSchema,
    label: z.string().min(1),
    /** What `true` means, as the evaluate contract defines it. */
    meaning: z.string().min(1),
    sources: z.array(seedCitationSchema).min(1),
  })
  .strict();
export type FactEntry = z.infer<typeof factEntrySchema>;

export const ditmacThresholdIds = ['unauthorized_disclosure', 'allegiance', 'serious_threat', 'criminal_conduct_affiliation'] as const;
export const ditmacThresholdSchema = z
  .object({
    id: z.enum(ditmacThresholdIds),
    label: z.string().min(1),
    /** Any of these facts being true meets the threshold. */
    facts: z.array(factIdSchema).min(1),
    note: z.string().min(1),
    source: seedCitationSchema,
  })
  .strict();
export type DitmacThreshold = z.infer<typeof ditmacThresholdSchema>;
