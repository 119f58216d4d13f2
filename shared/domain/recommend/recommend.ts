import { z } from 'zod';
import { optionById } from '../catalog/options';
import { cite, citationsText, type SeedCitation } from '../citation';
import { disciplineSchema, factIds, optionIdSchema, responseTargetSchema, responseTypeSchema, type OptionId } from '../ids';
import { always, holds, type Situation } from '../rules/condition';
import { citationKey, distinct } from '../util/distinct';
import type { RecommendationRule } from './rule';
import { employmentOptions, investigativeHold, recommendationRules } from './rules';

export const recommendationSchema = z
  .object({
    option: optionIdSchema,
    label: z.string().min(1),
    discipline: disciplineSchema,
    type: responseTypeSchema,
    target: responseTargetSchema,
    reason: z.string().min(1),
    /** The seed passages behind the reason. */
    source: z.string().min(1),
    /** Whether the proposed plan already contains the option. */
    inPlan: z.boolean(),
    rules: z.array(z.string()).min(1),
  })
  .strict();
export type Recommendation = z.infer<typeof recommendationSchema>;

/**
 * The two "nothing yet" options of the CISA page need to know that nothing else is
 * true, which a monotone rule cannot say; they are decided here instead.
 */
function restraintRules(situation: Situation): RecommendationRule[] {
  const anyFactTrue = factIds.some((f) => situation.facts[f] === true);
  if (anyFactTrue) return [];
  const concerning = situation.indicators.some((i) => i.stage === 'concerning_behavior');
  if (situation.indicators.length > 0 && !concerning) {
    return [
      {
        id: 'watch_and_wait_before_behavior',
        when: always,
        options: ['watch_and_wait'],
        reason:
          'Predispositions or stressors without concerning behavior: a threat is possible but not enough information has come to light to confirm the assessment; watch and wait, and reassess.',
        sources: [cite.personOfConcern, cite.criticalPathway],
      },
    ];
  }
  const noThreat = situation.facts.violence_threat === false && situation.facts.violence_imminent === false;
  if (situation.indicators.length === 0 && noThreat) {
    return [
      {
        id: 'no_action_no_threat',
        when: always,
        options: ['no_action'],
        reason: 'The assessment revealed no threat and no indicators were observed: taking no action is an option.',
        sources: [cite.personOfConcern],
      },
    ];
  }
  return [];
}

/** Whether the case's circumstances rule an option out, whatever suggested it. */
function ruledOut(id: OptionId, situation: Situation): boolean {
  const option = optionById(id);
  const noticed = option.target === 'person' && option.subjectAwareness !== 'covert';
  if (noticed && situation.facts.violence_imminent !== true && holds(investigativeHold, situation)) return true;
  return situation.facts.subject_separated === true && (employmentOptions as readonly OptionId[]).includes(id);
}

/**
 * Response options the facts and indicators suggest, each once, with every reason
 * that suggested it. The plan does not change what is suggested; it only marks
 * which suggestions it already contains.
 */
export function recommend(situation: Situation, plan: readonly OptionId[] = []): Recommendation[] {
  const fired = [...recommendationRules.filter((r) => holds(r.when, situation)), ...restraintRules(situation)];
  const order: OptionId[] = distinct(fired.flatMap((r) => r.options)).filter((id) => !ruledOut(id, situation));
  return order.map((id) => {
    const rules = fired.filter((r) => r.options.includes(id));
    const option = optionById(id);
    const sources = distinct<SeedCitation>(rules.flatMap((r) => r.sources), citationKey);
    return {
      option: id,
      label: option.label,
      discipline: option.discipline,
      type: option.type,
      target: option.target,
      reason: distinct(rules.map((r) => r.reason)).join(' '),
      source: citationsText(sources),
      inPlan: plan.includes(id),
      rules: rules.map((r) => r.id),
    };
  });
}
