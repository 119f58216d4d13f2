import { guardrailWarnings } from '../guardrails/guardrails';
import type { OptionId } from '../ids';
import { recommend } from '../recommend/recommend';
import { reportingObligations } from '../reporting/obligations';
import type { ReportingRule } from '../reporting/rule';
import type { Situation } from '../rules/condition';
import { lawEnforcementAssistance } from '../rules/lawEnforcement';
import { factsForRules } from '../rules/protectedDisclosure';
import { stagesPresent } from '../rules/pathway';
import type { EvaluateInput, EvaluateOutput } from './schema';

export interface EvaluateOptions {
  /** A program's own reporting procedures, added to the built-in rules. */
  readonly extraRules?: readonly ReportingRule[];
}

/**
 * The rules engine: one case's facts, indicators and proposed plan in; reporting
 * obligations, law enforcement criteria, pathway stages, recommendations and
 * guardrail warnings out. Pure: the same input always gives the same output.
 */
export function evaluate(input: EvaluateInput, options: EvaluateOptions = {}): EvaluateOutput {
  const facts = factsForRules(input.facts);
  const situation: Situation = {
    facts,
    indicators: input.indicators.map(({ category, stage }) => ({ category, stage })),
  };
  const plan: OptionId[] = [...new Set(input.plan)];
  const obligations = reportingObligations(input.program, situation, options.extraRules ?? []);
  return {
    obligations,
    lawEnforcementAssistance: lawEnforcementAssistance(input.facts),
    pathway: { stages: stagesPresent(situation.indicators) },
    recommendations: recommend(situation, plan),
    warnings: guardrailWarnings({ program: input.program, facts, indicators: situation.indicators, plan, obligations }),
  };
}
