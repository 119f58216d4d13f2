/** The domain engine's public surface, for the app, the backend and the CLI. */
export * from './ids';
export { cite, citationText, citationsText, seedIds, seedTitles, type SeedCitation, type SeedId } from './citation';
export { catalog, catalogSchema, optionById, responseOptions, type Catalog } from './catalog';
export type { ResponseOption } from './catalog/schema';
export { warningLabel, warningLabels } from './catalog/warnings';
export { evaluate, type EvaluateOptions } from './evaluate/evaluate';
export { evaluateInputSchema, evaluateOutputSchema, type EvaluateInput, type EvaluateInputDraft, type EvaluateOutput } from './evaluate/schema';
export { checkEvaluateInput, type InputCheck } from './evaluate/validate';
export { reportingObligations, type Obligation } from './reporting/obligations';
export { reportingRuleSchema, type ReportingRule } from './reporting/rule';
export { reportingRules } from './reporting/rules';
export { recommend, type Recommendation } from './recommend/recommend';
export { guardrailWarnings, type Warning } from './guardrails/guardrails';
export { lawEnforcementAssistance } from './rules/lawEnforcement';
export { scheduleReview, defaultReviewPolicy, type ReviewInput, type ReviewPolicy, type ReviewSchedule } from './review/schedule';
export { exercises, exerciseById, type Exercise } from './exercises';
