import { z } from 'zod';
import { ditmacThresholds } from '../reporting/ditmacThresholds';
import { consequenceAreaEntries } from './consequences';
import { disciplineEntries } from './disciplines';
import { factEntries } from './facts';
import { lawEnforcementCriteria } from './lawEnforcementCriteria';
import { responseOptions } from './options';
import { pathwayStageEntries } from './pathway';
import { preventionFocusAreas, strategyCharacteristics } from './prevention';
import { priCategoryEntries } from './priCategories';
import { programFunctionEntries } from './programFunctions';
import {
  analysisQuestionSchema,
  checklistItemSchema,
  consequenceAreaEntrySchema,
  disciplineEntrySchema,
  ditmacThresholdSchema,
  factEntrySchema,
  lawEnforcementCriterionSchema,
  pathwayStageEntrySchema,
  preventionFocusAreaSchema,
  priCategoryEntrySchema,
  programFunctionEntrySchema,
  questionKindSchema,
  responseOptionSchema,
  strategyCharacteristicSchema,
  tenetEntrySchema,
} from './schema';
import { tenetEntries } from './tenets';
import { analysisGoalQuestions, fairAndBalancedChecklist, questionKinds } from './threatAnalysis';

export const catalogSchema = z
  .object({
    priCategories: z.array(priCategoryEntrySchema),
    pathwayStages: z.array(pathwayStageEntrySchema),
    programFunctions: z.array(programFunctionEntrySchema),
    disciplines: z.array(disciplineEntrySchema),
    tenets: z.array(tenetEntrySchema),
    consequenceAreas: z.array(consequenceAreaEntrySchema),
    responseOptions: z.array(responseOptionSchema),
    facts: z.array(factEntrySchema),
    lawEnforcementCriteria: z.array(lawEnforcementCriterionSchema),
    ditmacThresholds: z.array(ditmacThresholdSchema),
    preventionFocusAreas: z.array(preventionFocusAreaSchema),
    strategyCharacteristics: z.array(strategyCharacteristicSchema),
    threatAnalysis: z
      .object({
        questionKinds: z.array(questionKindSchema),
        goalQuestions: z.array(analysisQuestionSchema),
        fairAndBalancedChecklist: z.array(checklistItemSchema),
      })
      .strict(),
  })
  .strict();
export type Catalog = z.infer<typeof catalogSchema>;

/** Everything the two guides name, as data with citations, for the app and the CLI. */
export const catalog: Catalog = {
  priCategories: [...priCategoryEntries],
  pathwayStages: [...pathwayStageEntries],
  programFunctions: [...programFunctionEntries],
  disciplines: [...disciplineEntries],
  tenets: [...tenetEntries],
  consequenceAreas: [...consequenceAreaEntries],
  responseOptions: [...responseOptions],
  facts: [...factEntries],
  lawEnforcementCriteria: [...lawEnforcementCriteria],
  ditmacThresholds: [...ditmacThresholds],
  preventionFocusAreas: [...preventionFocusAreas],
  strategyCharacteristics: [...strategyCharacteristics],
  threatAnalysis: {
    questionKinds: [...questionKinds],
    goalQuestions: [...analysisGoalQuestions],
    fairAndBalancedChecklist: [...fairAndBalancedChecklist],
  },
};

export { optionById, responseOptions } from './options';
