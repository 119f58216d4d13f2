import { describe, expect, it } from 'vitest';
import { allWarningCodes, type OptionId, type ProgramType, type WarningCode } from '../ids';
import { reportingObligations } from '../reporting/obligations';
import type { Facts, ObservedIndicator } from '../rules/condition';
import { guardrailWarnings, warningSchema, type Warning } from './guardrails';

function warnings(program: ProgramType, facts: Facts, plan: OptionId[], indicators: ObservedIndicator[] = []): Warning[] {
  const obligations = reportingObligations(program, { facts, indicators });
  return guardrailWarnings({ program, facts, indicators, plan, obligations });
}
const codes = (program: ProgramType, facts: Facts, plan: OptionId[], indicators: ObservedIndicator[] = []): WarningCode[] =>
  warnings(program, facts, plan, indicators).map((w) => w.code);

const section811: Facts = { classified_disclosure: true, foreign_recipient: true };

describe('guardrail warnings', () => {
  it('each carry a message and a seed source, and validate', () => {
    const all = [
      ...warnings('dod', { ...section811, subject_separated: true, violence_threat: true }, ['notify_subject', 'terminate_employment', 'refer_law_enforcement']),
      ...warnings('dod', { classified_disclosure: true }, ['refer_law_enforcement']),
      ...warnings('industry', { classified_disclosure: true }, []),
      ...warnings('dod', { criminal_conduct: true }, ['security_counseling', 'legal_review']),
      ...warnings('dod', { referral_agency_investigating: true, violence_imminent: true }, ['no_action', 'security_counseling']),
      ...warnings('federal', { protected_disclosure: true }, ['administrative_action', 'legal_review']),
    ];
    expect(new Set(all.map((w) => w.code))).toEqual(new Set(allWarningCodes));
    for (const w of all) {
      expect(() => warningSchema.parse(w)).not.toThrow();
      // Where the guides are silent, the public regulation is the source and says so.
      expect(w.source).toMatch(w.code === 'whistleblower_protection' ? /^50 U\.S\.C\. 3234.*guides are silent/ : /^(CDSE|CISA)/);
    }
  });

  it('raise nothing for a good plan', () => {
    expect(codes('dod', {}, ['employee_assistance_program', 'legal_review'])).toEqual([]);
    expect(codes('federal', {}, [])).toEqual([]);
  });

  // CISA page, II > Avoid concluding that a case is closed: "dismissal … is not a threat management strategy in and of itself".
  describe('dismissal_not_a_strategy', () => {
    it('is raised by termination without a post-separation safety plan', () => {
      expect(codes('dod', {}, ['terminate_employment', 'legal_review'])).toContain('dismissal_not_a_strategy');
    });
    it('is raised when the person has been separated and no safety plan is proposed, even with no plan', () => {
      expect(codes('federal', { subject_separated: true }, [])).toEqual(['dismissal_not_a_strategy']);
    });
    it('is not raised once the plan has a post-separation safety plan', () => {
      expect(codes('dod', { subject_separated: true, violence_threat: true }, ['terminate_employment', 'post_separation_safety_plan', 'personal_safety_planning', 'legal_review'])).toEqual([]);
    });
  });

  // Lesson 3 > Avoid Alerting the Individual.
  describe('avoid_alerting', () => {
    it.each(['notify_subject', 'interview_subject'] as const)('is raised by %s', (option) => {
      const w = warnings('industry', {}, [option, 'legal_review']);
      expect(w.map((x) => x.code)).toEqual(['avoid_alerting']);
      expect(w[0]?.options).toEqual([option]);
    });
    it('is not raised when violence is imminent (immediate intervention may be required)', () => {
      expect(codes('industry', { violence_imminent: true }, ['interview_subject', 'legal_review'])).not.toContain('avoid_alerting');
    });
    // Answer key, Lesson 3 Review Activity 1 (Toebbe): notifying him is wrong, active transmittal or not.
    it('is raised during active transmission: the Toebbe answer key marks notifying him as wrong', () => {
      const w = warnings('dod', { ...section811, active_transmission: true }, ['notify_subject', 'legal_review']).find((x) => x.code === 'avoid_alerting');
      expect(w?.options).toEqual(['notify_subject']);
      expect(w?.message).toContain('Toebbe');
      expect(w?.source).toContain('Lesson 3 Review Activities');
      expect(codes('industry', { active_transmission: true }, ['interview_subject', 'legal_review'])).toContain('avoid_alerting');
    });
    it('is not raised by options that do not alert, such as an EAP referral', () => {
      expect(codes('dod', {}, ['employee_assistance_program', 'legal_review'])).not.toContain('avoid_alerting');
    });
  });

  // Lesson 5 > Reporting > Overview: the program may need to cease its activities; Lesson 3 > Preserve Chain of Custody and Evidence.
  describe('fbi_coordination_hold', () => {
    it.each(['dod', 'federal'] as const)('is raised for %s when Section 811 applies and the plan would alert or interview the person', (program) => {
      expect(codes(program, section811, ['interview_subject', 'legal_review'])).toContain('fbi_coordination_hold');
    });
    it('is raised by visible actions against the person too, even during active transmission', () => {
      const w = warnings('dod', { ...section811, active_transmission: true }, ['revoke_access', 'user_activity_monitoring', 'legal_review']);
      expect(w.find((x) => x.code === 'fbi_coordination_hold')?.options).toEqual(['revoke_access']);
      expect(w.map((x) => x.code)).not.toContain('avoid_alerting');
      expect(w.map((x) => x.code)).not.toContain('disproportionate_response');
    });
    it('is not raised by covert options, nor without a Section 811 referral, nor for industry', () => {
      expect(codes('dod', section811, ['refer_counterintelligence', 'user_activity_monitoring', 'legal_review'])).not.toContain('fbi_coordination_hold');
      expect(codes('dod', { classified_disclosure: true, foreign_recipient: false }, ['interview_subject'])).not.toContain('fbi_coordination_hold');
      expect(codes('industry', section811, ['interview_subject'])).not.toContain('fbi_coordination_hold');
    });
  });

  describe('coordinate_with_referral_agency', () => {
    it('is raised when the program must report to an investigative agency and the plan would be noticed', () => {
      const w = warnings('dod', { criminal_conduct: true, adverse_information: false }, ['security_counseling', 'legal_review']);
      expect(w.map((x) => x.code)).toEqual(['coordinate_with_referral_agency']);
      expect(w[0]?.message).toContain('law enforcement');
    });
    it('covers industry reports to the FBI under 32 CFR 117.8(b)', () => {
      expect(codes('industry', { espionage: true }, ['revoke_access', 'legal_review'])).toEqual(['coordinate_with_referral_agency']);
    });
    it('defers to fbi_coordination_hold when Section 811 applies', () => {
      expect(codes('dod', { ...section811, criminal_conduct: true, adverse_information: true }, ['revoke_access', 'legal_review'])).toEqual(['reporting_due', 'fbi_coordination_hold']);
    });
  });

  // Lesson 2 > Intervention: "not all meet reporting thresholds or result in an arrest"; answer key Lesson 2 Review Activity 2.
  describe('no_criminal_nexus', () => {
    it('is raised by a law enforcement referral with no criminal fact true', () => {
      expect(codes('dod', { criminal_conduct: false }, ['refer_law_enforcement', 'legal_review'])).toEqual(['no_criminal_nexus']);
    });
    it.each(['criminal_conduct', 'violence_threat', 'violence_imminent', 'espionage', 'sabotage', 'terrorism', 'subversion'] as const)(
      'is not raised when %s is true',
      (fact) => {
        expect(codes('federal', { [fact]: true }, ['refer_law_enforcement', 'legal_review'])).not.toContain('no_criminal_nexus');
      },
    );
  });

  // Lesson 4 > Legal: "Be sure to include legal in the development of response options".
  describe('legal_review_missing', () => {
    it('is raised by a non-empty plan without legal review, and not by an empty one', () => {
      expect(codes('dod', {}, ['employee_assistance_program'])).toEqual(['legal_review_missing']);
      expect(codes('dod', {}, [])).toEqual([]);
    });
  });

  // Section 811: the FBI is "advised immediately"; the warning puts the report first.
  describe('reporting_due', () => {
    it('is raised first when an obligation is due immediately', () => {
      const w = codes('dod', section811, ['notify_subject']);
      expect(w[0]).toBe('reporting_due');
      expect(codes('dod', { violence_imminent: true }, [])).toEqual(['reporting_due']);
    });
    it('is not raised for prompt obligations', () => {
      expect(codes('industry', { espionage: true }, [])).toEqual([]);
    });
  });

  // CISA page, I. Management Strategies (holistic) and II > Consider the victim or potential target.
  describe('victims_not_considered', () => {
    it('is raised when there is a threat of violence and the plan protects no potential victim', () => {
      expect(codes('federal', { violence_threat: true }, ['refer_law_enforcement', 'legal_review'])).toEqual(['victims_not_considered']);
      expect(codes('federal', { violence_threat: true }, ['refer_law_enforcement', 'personal_safety_planning', 'legal_review'])).toEqual([]);
    });
  });

  // Lesson 5 > DOD Requirements > FBI Reporting: "being, or may have been, disclosed … to a foreign power".
  describe('section_811_undetermined', () => {
    it('is raised when a disclosure is known but whether the recipient is foreign is not', () => {
      expect(codes('dod', { classified_disclosure: true }, [])).toEqual(['section_811_undetermined']);
      expect(codes('dod', { classified_disclosure: true, foreign_recipient: false }, [])).toEqual([]);
      expect(codes('industry', { classified_disclosure: true }, [])).not.toContain('section_811_undetermined');
    });
  });

  // Lesson 5 > Industry Requirements; answer key Lesson 5 Review Activity 1 feedback.
  // Point 13: a judgement the engine cannot make (is the recipient a foreign power?) is asked for, not passed over.
  describe('consider_espionage_report', () => {
    it('asks an industry program to decide whether the recipient of a disclosure is a foreign power', () => {
      const w = warnings('industry', { classified_disclosure: true }, []);
      expect(w.map((x) => x.code)).toEqual(['consider_espionage_report']);
      expect(w[0]?.message).toContain('117.8(b)');
      expect(w[0]?.message).toContain('record');
      expect(w[0]?.message).not.toContain('811');
      expect(codes('industry', { classified_disclosure: true, foreign_recipient: false }, [])).toEqual([]);
      expect(codes('dod', { classified_disclosure: true }, [])).not.toContain('consider_espionage_report');
    });
    it('is not needed once the recipient is known to be foreign: the FBI and DCSA obligations stand on their own', () => {
      expect(codes('industry', section811, [])).toEqual([]);
      expect(reportingObligations('industry', { facts: section811, indicators: [] }).map((o) => o.recipient)).toEqual(['fbi', 'dcsa', 'internal']);
    });
  });

  // Point 13: is this criminal conduct adverse information under the adjudicative guidelines?
  describe('adverse_information_undetermined', () => {
    it.each(['dod', 'industry'] as const)('asks a %s program to decide whether criminal conduct is adverse information', (program) => {
      const w = warnings(program, { criminal_conduct: true }, []).find((x) => x.code === 'adverse_information_undetermined');
      expect(w?.message).toMatch(/Decide it and record/);
      expect(w?.message).toContain(program === 'dod' ? 'DISS' : 'DCSA');
    });
    it('is not raised once decided either way, nor for a Federal program (no adverse-information report)', () => {
      expect(codes('dod', { criminal_conduct: true, adverse_information: false }, [])).not.toContain('adverse_information_undetermined');
      expect(codes('dod', { criminal_conduct: true, adverse_information: true }, [])).not.toContain('adverse_information_undetermined');
      expect(codes('federal', { criminal_conduct: true }, [])).not.toContain('adverse_information_undetermined');
    });
  });

  // Lesson 5 > Reporting > Overview ("may need to cease its activities"); Lesson 3 > Preserve Chain of Custody and Evidence.
  describe('investigation_deconfliction', () => {
    it('names every plan option other than those that leave an investigation undisturbed', () => {
      const w = warnings('dod', { criminal_conduct: true, adverse_information: false, referral_agency_investigating: true }, [
        'legal_review',
        'preserve_evidence',
        'refer_law_enforcement',
        'watch_and_wait',
        'security_counseling',
        'employee_assistance_program',
      ]).find((x) => x.code === 'investigation_deconfliction');
      expect(w?.options).toEqual(['security_counseling', 'employee_assistance_program']);
      expect(w?.message).toContain('cease its own activities');
    });
    it('is not raised for a plan that only keeps evidence and coordinates, nor without an investigation', () => {
      const keep: OptionId[] = ['legal_review', 'preserve_evidence', 'refer_counterintelligence', 'refer_law_enforcement', 'watch_and_wait', 'no_action'];
      expect(codes('federal', { referral_agency_investigating: true }, keep)).not.toContain('investigation_deconfliction');
      expect(codes('federal', { referral_agency_investigating: false }, ['security_counseling', 'legal_review'])).toEqual([]);
    });
  });

  // CISA page, III (imminent violence); Lesson 3 > First, Do No Harm.
  describe('no_action_while_imminent', () => {
    it.each(['no_action', 'watch_and_wait'] as const)('names %s while violence is imminent', (option) => {
      const w = warnings('dod', { violence_imminent: true }, [option, 'legal_review']);
      expect(w.find((x) => x.code === 'no_action_while_imminent')?.options).toEqual([option]);
      expect(w.map((x) => x.code).indexOf('no_action_while_imminent')).toBe(1); // right after the report due now
    });
    it('is not raised when violence is not imminent', () => {
      expect(codes('federal', { violence_imminent: false }, ['no_action', 'legal_review'])).toEqual([]);
    });
  });

  // Lesson 3 > First, Do No Harm; Unintended Consequences; answer key Lesson 2 (the gambling debt).
  describe('disproportionate_response', () => {
    const stressor: ObservedIndicator[] = [{ category: 'financial', stage: 'stressor' }];
    it('is raised by revoking access and administrative action for a financial stressor alone', () => {
      const w = warnings('dod', {}, ['revoke_access', 'administrative_action', 'employee_assistance_program', 'legal_review'], stressor);
      expect(w.map((x) => x.code)).toEqual(['disproportionate_response']);
      expect(w[0]?.options).toEqual(['revoke_access', 'administrative_action']);
      expect(w[0]?.source).toContain('First, Do No Harm');
      expect(w[0]?.source).toContain('Unintended Consequences');
    });
    it('is not raised once concerning behavior is observed or a serious fact is true', () => {
      const plan: OptionId[] = ['revoke_access', 'legal_review'];
      expect(codes('dod', {}, plan, [...stressor, { category: 'technical', stage: 'concerning_behavior' }])).not.toContain('disproportionate_response');
      for (const fact of ['criminal_conduct', 'violence_threat', 'violence_imminent', 'espionage', 'sabotage', 'terrorism', 'subversion', 'classified_disclosure', 'classified_loss'] as const) {
        expect(codes('dod', { [fact]: true }, plan, stressor), fact).not.toContain('disproportionate_response');
      }
    });
  });

  // 50 U.S.C. 3234; PPD-19 (the guides are silent on protected disclosures).
  describe('whistleblower_protection', () => {
    it('is raised for a protected disclosure and names the options that would be reprisal', () => {
      const w = warnings('dod', { protected_disclosure: true }, ['terminate_employment', 'revoke_access', 'administrative_action', 'legal_review']).find(
        (x) => x.code === 'whistleblower_protection',
      );
      expect(w?.options).toEqual(['terminate_employment', 'revoke_access', 'administrative_action']);
      expect(w?.message).toMatch(/reprisal/);
      expect(w?.source).toContain('PPD-19');
    });
    it('is raised with no options when the plan has none of them', () => {
      const w = warnings('federal', { protected_disclosure: true }, ['legal_review']);
      expect(w.map((x) => x.code)).toEqual(['whistleblower_protection']);
      expect(w[0]?.options).toEqual([]);
    });
  });
});
