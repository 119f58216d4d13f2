import { describe, expect, it } from 'vitest';
import { seedText } from '../../../test/helpers/seeds';
import { allOptionIds, allWarningCodes, disciplines, factIds, optionIds, pathwayStages, priCategories } from '../ids';
import { catalog, catalogSchema, optionById, responseOptions } from '.';
import { warningLabels } from './warnings';

const guide = seedText('001_125ae4b7b39543f2');

describe('catalog', () => {
  it('validates against its schema (what domain.catalog returns)', () => {
    expect(() => catalogSchema.parse(catalog)).not.toThrow();
  });

  // Lesson 2 > The Critical Pathway > Potential Risk Indicators: the nine categories, in order.
  it('lists the nine PRI categories with the labels of the guide', () => {
    expect(catalog.priCategories.map((c) => c.id)).toEqual([...priCategories]);
    for (const category of catalog.priCategories) expect(guide).toContain(category.label);
  });

  // Answer key, Lesson 2 Review Activity 1: Ted's addiction, debt and borrowing sit on the three stages.
  it("places Ted's examples on the stages the answer key gives", () => {
    const stageOf = (text: string) =>
      catalog.priCategories.flatMap((c) => c.examples).find((e) => e.text.includes(text))?.stage;
    expect(stageOf('gambling addiction')).toBe('predisposition');
    expect(stageOf('large debt')).toBe('stressor');
    expect(stageOf('loan him money')).toBe('concerning_behavior');
  });

  // Lesson 2 > Behavioral Model of Insider Threat: the five components, in order.
  it('lists the five critical-pathway stages in order, indicators on the first three', () => {
    expect(catalog.pathwayStages.map((s) => s.id)).toEqual([...pathwayStages]);
    expect(catalog.pathwayStages.map((s) => s.order)).toEqual([1, 2, 3, 4, 5]);
    expect(catalog.pathwayStages.filter((s) => s.indicatorStage).map((s) => s.id)).toEqual(['predisposition', 'stressor', 'concerning_behavior']);
    for (const stage of catalog.pathwayStages) expect(guide).toContain(stage.label);
  });

  // Lesson 2 > Role of Insider Threat Programs: prevent, deter, detect, mitigate.
  it('lists the four program functions', () => {
    expect(catalog.programFunctions.map((f) => f.id)).toEqual(['prevent', 'deter', 'detect', 'mitigate']);
  });

  // Lesson 1 > Introduction: the seven disciplines of a multidisciplinary team.
  it('lists the seven disciplines', () => {
    expect(new Set(catalog.disciplines.map((d) => d.id))).toEqual(new Set(disciplines));
    expect(catalog.disciplines).toHaveLength(7);
  });

  // Lesson 3 > Response Basics > Overview: five tenets, "first, do no harm" the most important.
  it('lists the five response tenets with do-no-harm first and primary', () => {
    expect(catalog.tenets).toHaveLength(5);
    expect(catalog.tenets[0]?.id).toBe('do_no_harm');
    expect(catalog.tenets.filter((t) => t.primary).map((t) => t.id)).toEqual(['do_no_harm']);
  });

  // Lesson 3 > Unintended Consequences > Impacts: individual, morale, mission, public perception.
  it('lists the four areas of unintended consequences', () => {
    expect(catalog.consequenceAreas.map((a) => a.id)).toEqual(['individuals', 'morale', 'mission', 'public_perception']);
  });

  it('holds every response option id exactly once, including every fixed id of the contract', () => {
    const ids = responseOptions.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(allOptionIds));
    for (const id of optionIds) expect(optionById(id).id).toBe(id);
  });

  // CISA page, II > Consider the person of concern / the victim / the organizational setting.
  it('gives each CISA list its target', () => {
    const person = ['no_action', 'watch_and_wait', 'return_to_work_assessment', 'administrative_action', 'legal_action', 'refer_professional_evaluation', 'refer_law_enforcement'] as const;
    const victim = ['increase_victim_vigilance', 'virtual_stalking_awareness', 'change_work_hours', 'relocate_workspace', 'manage_social_media_privacy', 'vary_routes_and_routines', 'parking_escort', 'cease_communication', 'personal_safety_planning'] as const;
    const environment = ['site_awareness', 'notifications_information_sharing', 'identity_entry_verification', 'security_procedures_training', 'law_enforcement_bolo', 'security_process_review', 'reduce_access_points', 'visible_security_measures', 'flag_address_911'] as const;
    for (const id of person) expect(optionById(id).target).toBe('person');
    for (const id of victim) expect(optionById(id).target).toBe('victim');
    for (const id of environment) expect(optionById(id).target).toBe('environment');
    expect(responseOptions.filter((o) => o.target === 'victim').map((o) => o.id).sort()).toEqual([...victim].sort());
  });

  // Lesson 4 > Types of Responses: the guide's examples of each type.
  it('classifies the examples of organizational and individual responses as the guide does', () => {
    for (const id of ['change_policy_sop', 'disable_removable_media', 'random_bag_checks', 'metal_detectors', 'adversary_tactics_briefings'] as const) {
      expect(optionById(id).type).toBe('organizational');
    }
    for (const id of ['internal_referral_hr_security', 'refer_counterintelligence', 'refer_law_enforcement', 'mental_health_counseling_referral', 'financial_counseling_referral', 'revoke_access', 'terminate_employment'] as const) {
      expect(optionById(id).type).toBe('individual');
    }
  });

  // Lesson 4 > Tailored Multidisciplinary Mitigation Responses: options by discipline.
  it('files the discipline lists under their disciplines', () => {
    const expected = {
      hr: ['employee_assistance_program', 'medical_referral', 'mediation_with_supervisor', 'hr_training', 'terminate_employment', 'career_path_options'],
      cybersecurity: ['reduce_privileges', 'disable_removable_media', 'limit_download_size', 'limit_printing', 'phishing_awareness_training', 'user_activity_monitoring'],
      security: ['security_violation', 'security_counseling', 'random_bag_checks', 'random_drug_alcohol_testing', 'physical_monitoring', 'change_policy_sop'],
      counterintelligence: ['refer_counterintelligence', 'foreign_targeting_training', 'foreign_travel_briefing', 'threat_awareness_materials'],
      law_enforcement: ['refer_law_enforcement', 'criminal_threat_briefings'],
      behavioral_science: ['treatment_recommendations', 'mental_health_counseling_referral', 'substance_abuse_program_referral', 'suicide_prevention_referral'],
      legal: ['legal_review'],
    } as const;
    for (const [discipline, ids] of Object.entries(expected)) {
      for (const id of ids) expect(optionById(id).discipline, id).toBe(discipline);
    }
  });

  // Lesson 3 > Avoid Alerting the Individual: only these options tell the person they were identified.
  it('marks exactly notify_subject and interview_subject as alerting the person', () => {
    expect(responseOptions.filter((o) => o.subjectAwareness === 'alerts').map((o) => o.id)).toEqual(['notify_subject', 'interview_subject']);
  });

  it('gives every option a description and a source', () => {
    for (const option of responseOptions) {
      expect(option.label.length).toBeGreaterThan(3);
      expect(option.description.length).toBeGreaterThan(10);
      expect(option.source.section.length).toBeGreaterThan(0);
    }
  });

  // CISA page, III. Use of Law Enforcement: six circumstances.
  it('lists the six law enforcement assistance criteria', () => {
    expect(catalog.lawEnforcementCriteria.map((c) => c.fact)).toEqual([
      'criminal_conduct',
      'violence_imminent',
      'involuntary_commitment_needed',
      'separation_of_potentially_violent_person',
      'domestic_violence_spillover',
      'wellness_check_needed',
    ]);
  });

  // CISA page, II > Effective prevention capabilities; I. Management Strategies.
  it('lists the four prevention focus areas and the nine strategy characteristics', () => {
    expect(catalog.preventionFocusAreas).toHaveLength(4);
    expect(catalog.strategyCharacteristics).toHaveLength(9);
  });

  // Lesson 3 > Threat Analysis > Analysis Goal / Fair and Balanced Assessment.
  it('holds the threat-analysis aids with stable, unique ids', () => {
    expect(catalog.threatAnalysis.questionKinds.map((k) => k.id)).toEqual(['definitive', 'opinion', 'multiple_viewpoints']);
    const checklist = catalog.threatAnalysis.fairAndBalancedChecklist.map((i) => i.id);
    expect(new Set(checklist).size).toBe(checklist.length);
    expect(checklist).toEqual(expect.arrayContaining(['acknowledge_assumptions', 'seek_other_views', 'ground_claims', 'within_evidence', 'counter_argument']));
    expect(catalog.threatAnalysis.goalQuestions).toHaveLength(3);
  });

  it('describes every fact id', () => {
    expect(catalog.facts.map((f) => f.id)).toEqual([...factIds]);
  });
});

describe('warning labels', () => {
  it('give every warning code a human name that is not the code', () => {
    for (const code of allWarningCodes) {
      expect(warningLabels[code].length, code).toBeGreaterThan(0);
      expect(warningLabels[code]).not.toContain('_');
    }
  });
});
