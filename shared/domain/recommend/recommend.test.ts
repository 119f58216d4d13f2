import { describe, expect, it } from 'vitest';
import { optionById } from '../catalog/options';
import type { OptionId } from '../ids';
import { witness, type Facts, type ObservedIndicator } from '../rules/condition';
import { recommend, recommendationSchema, type Recommendation } from './recommend';
import { recommendationRuleSchema } from './rule';
import { recommendationRules } from './rules';

const run = (facts: Facts, indicators: ObservedIndicator[] = [], plan: OptionId[] = []): Recommendation[] => recommend({ facts, indicators }, plan);
const options = (facts: Facts, indicators: ObservedIndicator[] = []): OptionId[] => run(facts, indicators).map((r) => r.option);

const ted: ObservedIndicator[] = [
  { category: 'substance', stage: 'predisposition' },
  { category: 'financial', stage: 'stressor' },
  { category: 'financial', stage: 'concerning_behavior' },
];

describe('recommendation rules', () => {
  it('are well-formed data with unique ids and seed sources', () => {
    const ids = recommendationRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of recommendationRules) expect(() => recommendationRuleSchema.parse(rule)).not.toThrow();
  });

  it('every rule fires on every clause of its condition', () => {
    for (const rule of recommendationRules) {
      for (const clause of rule.when.anyOf) {
        const fired = recommend(witness(clause)).flatMap((r) => r.rules);
        expect(fired, `${rule.id} on ${JSON.stringify(clause)}`).toContain(rule.id);
      }
    }
  });

  it('copy discipline, type and target from the catalog and validate', () => {
    for (const r of run({ violence_threat: true, foreign_intelligence_contact: true }, ted)) {
      expect(() => recommendationSchema.parse(r)).not.toThrow();
      const option = optionById(r.option);
      expect([r.discipline, r.type, r.target]).toEqual([option.discipline, option.type, option.target]);
    }
  });
});

describe('recommendations', () => {
  // Answer key, Lesson 2 Review Activity 2: "Provide him with support and resources to deal with his addiction."
  it('suggests support for the gambling addiction and debt, not law enforcement or termination', () => {
    const result = options({}, ted);
    expect(result).toEqual(expect.arrayContaining(['employee_assistance_program', 'financial_counseling_referral', 'treatment_recommendations']));
    expect(result).not.toContain('refer_law_enforcement');
    expect(result).not.toContain('terminate_employment');
  });

  it('joins the reasons of every rule that suggests an option', () => {
    const eap = run({}, ted).find((r) => r.option === 'employee_assistance_program');
    expect(eap?.rules).toEqual(['addiction_support', 'financial_support']);
    expect(eap?.reason).toContain('addiction');
    expect(eap?.reason).toContain('financial counseling');
  });

  // CISA page, II > Consider the victim / the organizational setting: "target hardening when the potential for violence increases".
  it('answers a threat of violence with safety planning for potential victims and hardening of the environment', () => {
    const result = run({ violence_threat: true });
    const targets = new Set(result.map((r) => r.target));
    expect(targets).toEqual(new Set(['person', 'victim', 'environment']));
    expect(result.map((r) => r.option)).toEqual(
      expect.arrayContaining(['personal_safety_planning', 'identity_entry_verification', 'visible_security_measures', 'refer_law_enforcement']),
    );
  });

  // Lesson 4 > Counterintelligence (CI): referral, foreign travel brief/debrief, training on foreign targeting.
  it('answers foreign intelligence contacts with a CI referral and a foreign travel briefing', () => {
    expect(options({ foreign_intelligence_contact: true })).toEqual(expect.arrayContaining(['refer_counterintelligence', 'foreign_travel_briefing', 'foreign_targeting_training']));
    expect(options({}, [{ category: 'foreign', stage: 'concerning_behavior' }])).toEqual(expect.arrayContaining(['refer_counterintelligence', 'foreign_travel_briefing']));
    expect(options({}, [{ category: 'foreign', stage: 'stressor' }])).not.toContain('refer_counterintelligence');
  });

  // CISA page, II > Avoid concluding that a case is closed.
  it('keeps planning for safety after the person is separated, and drops options that presume employment', () => {
    const result = options({ subject_separated: true }, [{ category: 'professional', stage: 'stressor' }]);
    expect(result).toContain('post_separation_safety_plan');
    expect(result).not.toContain('mediation_with_supervisor');
    expect(options({}, [{ category: 'professional', stage: 'stressor' }])).toContain('mediation_with_supervisor');
  });

  // CISA page, III: six criteria for requesting local law enforcement assistance.
  it('suggests requesting law enforcement assistance when a criterion is met', () => {
    for (const fact of ['involuntary_commitment_needed', 'wellness_check_needed', 'domestic_violence_spillover'] as const) {
      expect(options({ [fact]: true })).toContain('request_law_enforcement_assistance');
    }
  });

  // CISA page, II > Consider the person of concern: "Forward … a report of criminal activity to law enforcement".
  it('refers criminal conduct to law enforcement and preserves evidence', () => {
    expect(options({ criminal_conduct: true })).toEqual(expect.arrayContaining(['refer_law_enforcement', 'preserve_evidence']));
  });

  // Lesson 3 > Avoid Alerting the Individual; Preserve Chain of Custody and Evidence; Lesson 5 > Reporting > Overview.
  it('holds back options the person would notice while a national security case may be under way', () => {
    const toebbe = run({ classified_disclosure: true, foreign_recipient: true, espionage: true }, [{ category: 'financial', stage: 'concerning_behavior' }, { category: 'security_compliance', stage: 'concerning_behavior' }]);
    const ids = toebbe.map((r) => r.option);
    expect(ids).toEqual(expect.arrayContaining(['refer_counterintelligence', 'refer_law_enforcement', 'preserve_evidence']));
    for (const r of toebbe) {
      const option = optionById(r.option);
      expect(option.target === 'person' && option.subjectAwareness !== 'covert', r.option).toBe(false);
    }
    // The same indicators without the national security facts do get the visible options.
    expect(options({}, [{ category: 'financial', stage: 'concerning_behavior' }])).toContain('financial_counseling_referral');
  });

  // Lesson 3 > Avoid Alerting the Individual: "in some cases immediate intervention may be required".
  it('lifts the hold when violence is imminent', () => {
    expect(options({ espionage: true, violence_imminent: true })).toContain('request_law_enforcement_assistance');
  });

  // Lesson 4 > Legal: include legal in the development of response options.
  it('suggests legal review whenever anything was observed, and nothing for an empty case', () => {
    expect(options({ adverse_information: true })).toContain('legal_review');
    expect(run({})).toEqual([]);
  });

  // CISA page, II > Consider the person of concern: watch and wait; take no action.
  it('suggests watch and wait for predispositions and stressors without concerning behavior or facts', () => {
    expect(options({}, [{ category: 'financial', stage: 'stressor' }])).toContain('watch_and_wait');
    expect(options({}, ted)).not.toContain('watch_and_wait');
    expect(options({ violence_threat: true }, [{ category: 'financial', stage: 'stressor' }])).not.toContain('watch_and_wait');
  });

  it('suggests no action only when the assessment found no threat and nothing was observed', () => {
    expect(options({ violence_threat: false, violence_imminent: false })).toEqual(['no_action']);
    expect(options({ violence_threat: false })).toEqual([]);
  });

  it('marks the suggestions the plan already contains, without changing them', () => {
    const withPlan = run({}, ted, ['employee_assistance_program', 'terminate_employment']);
    expect(withPlan.map((r) => r.option)).toEqual(options({}, ted));
    expect(withPlan.filter((r) => r.inPlan).map((r) => r.option)).toEqual(['employee_assistance_program']);
  });
});
