import { describe, expect, it } from 'vitest';
import { allWarningCodes, type OptionId, type ProgramType, type WarningCode } from '../ids';
import { reportingObligations } from '../reporting/obligations';
import type { Facts } from '../rules/condition';
import { guardrailWarnings, warningSchema, type Warning } from './guardrails';

function warnings(program: ProgramType, facts: Facts, plan: OptionId[]): Warning[] {
  const obligations = reportingObligations(program, { facts, indicators: [] });
  return guardrailWarnings({ program, facts, plan, obligations });
}
const codes = (program: ProgramType, facts: Facts, plan: OptionId[]): WarningCode[] => warnings(program, facts, plan).map((w) => w.code);

const section811: Facts = { classified_disclosure: true, foreign_recipient: true };

describe('guardrail warnings', () => {
  it('each carry a message and a seed source, and validate', () => {
    const all = [
      ...warnings('dod', { ...section811, subject_separated: true, violence_threat: true }, ['notify_subject', 'terminate_employment', 'refer_law_enforcement']),
      ...warnings('dod', { classified_disclosure: true }, ['refer_law_enforcement']),
      ...warnings('industry', section811, []),
      ...warnings('dod', { criminal_conduct: true }, ['security_counseling', 'legal_review']),
    ];
    expect(new Set(all.map((w) => w.code))).toEqual(new Set(allWarningCodes));
    for (const w of all) {
      expect(() => warningSchema.parse(w)).not.toThrow();
      expect(w.source).toMatch(/^(CDSE|CISA)/);
    }
  });

  it('raise nothing for a good plan', () => {
    expect(codes('dod', {}, ['employee_assistance_program', 'legal_review'])).toEqual([]);
    expect(codes('federal', {}, [])).toEqual([]);
  });

  // CISA page, II > Avoid concluding that a case is closed: "dismissal … is not a threat management strategy in and of itself".
  describe('dismissal_not_a_strategy', () => {
    it('is raised by termination without a post-separation safety plan', () => {
      expect(codes('dod', {}, ['terminate_employment', 'legal_review'])).toEqual(['dismissal_not_a_strategy']);
    });
    it('is raised when the person has been separated and no safety plan is proposed, even with no plan', () => {
      expect(codes('federal', { subject_separated: true }, [])).toEqual(['dismissal_not_a_strategy']);
    });
    it('is not raised once the plan has a post-separation safety plan', () => {
      expect(codes('dod', { subject_separated: true }, ['terminate_employment', 'post_separation_safety_plan', 'legal_review'])).toEqual([]);
    });
  });

  // Lesson 3 > Avoid Alerting the Individual.
  describe('avoid_alerting', () => {
    it.each(['notify_subject', 'interview_subject'] as const)('is raised by %s', (option) => {
      const w = warnings('industry', {}, [option, 'legal_review']);
      expect(w.map((x) => x.code)).toEqual(['avoid_alerting']);
      expect(w[0]?.options).toEqual([option]);
    });
    it.each(['violence_imminent', 'active_transmission'] as const)('is not raised when %s (immediate intervention may be required)', (fact) => {
      expect(codes('industry', { [fact]: true }, ['interview_subject', 'legal_review'])).not.toContain('avoid_alerting');
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
    });
    it('is not raised by covert options, nor without a Section 811 referral, nor for industry', () => {
      expect(codes('dod', section811, ['refer_counterintelligence', 'user_activity_monitoring', 'legal_review'])).not.toContain('fbi_coordination_hold');
      expect(codes('dod', { classified_disclosure: true, foreign_recipient: false }, ['interview_subject'])).not.toContain('fbi_coordination_hold');
      expect(codes('industry', section811, ['interview_subject'])).not.toContain('fbi_coordination_hold');
    });
  });

  describe('coordinate_with_referral_agency', () => {
    it('is raised when the program must report to an investigative agency and the plan would be noticed', () => {
      const w = warnings('dod', { criminal_conduct: true }, ['security_counseling', 'legal_review']);
      expect(w.map((x) => x.code)).toEqual(['coordinate_with_referral_agency']);
      expect(w[0]?.message).toContain('law enforcement');
    });
    it('covers industry reports to the FBI under 32 CFR 117.8(b)', () => {
      expect(codes('industry', { espionage: true }, ['revoke_access', 'legal_review'])).toEqual(['coordinate_with_referral_agency']);
    });
    it('defers to fbi_coordination_hold when Section 811 applies', () => {
      expect(codes('dod', { ...section811, criminal_conduct: true }, ['revoke_access', 'legal_review'])).toEqual(['reporting_due', 'fbi_coordination_hold']);
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
      expect(codes('industry', { classified_disclosure: true }, [])).toEqual([]);
    });
  });

  // Lesson 5 > Industry Requirements; answer key Lesson 5 Review Activity 1 feedback.
  describe('consider_espionage_report', () => {
    it('asks an industry program whether a disclosure to a foreign power is possible espionage', () => {
      const w = warnings('industry', section811, []);
      expect(w.map((x) => x.code)).toEqual(['consider_espionage_report']);
      expect(w[0]?.message).toContain('117.8(b)');
      expect(w[0]?.message).not.toContain('811');
      expect(codes('industry', { ...section811, espionage: true }, [])).toEqual([]);
      expect(codes('dod', section811, [])).not.toContain('consider_espionage_report');
    });
  });
});
