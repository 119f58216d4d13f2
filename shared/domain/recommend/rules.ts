import { cite } from '../citation';
import { factIds, indicatorStages } from '../ids';
import { allFacts, anyFact, either, indicator, type Condition } from '../rules/condition';
import type { RecommendationRule } from './rule';

/**
 * Which response options the facts and indicators suggest, and why. Rules run in
 * this order and an option is listed at its first rule, so the urgent ones (safety,
 * active transmission) come first. Every reason paraphrases its seed passage.
 */

const anythingObserved: Condition = either(anyFact(...factIds), { anyOf: indicatorStages.map((stage) => [{ stage }]) });

const factRules: readonly RecommendationRule[] = [
  {
    id: 'violence_imminent_response',
    when: anyFact('violence_imminent'),
    options: ['request_law_enforcement_assistance', 'refer_law_enforcement', 'personal_safety_planning', 'identity_entry_verification', 'law_enforcement_bolo', 'notifications_information_sharing'],
    reason:
      'Violence is imminent or taking place: request local law enforcement assistance and protect potential victims and the site now; immediate intervention may be required.',
    sources: [cite.lawEnforcementUse, cite.avoidAlerting, cite.environment],
  },
  {
    id: 'active_transmission_response',
    when: anyFact('active_transmission'),
    options: ['refer_counterintelligence', 'refer_law_enforcement', 'preserve_evidence', 'legal_review'],
    reason:
      'Classified information is being transmitted now: coordinate at once with counterintelligence and law enforcement so that the program neither hinders their investigation or operation nor loses evidence.',
    sources: [cite.doNoHarm, cite.chainOfCustody, cite.answerKeyLesson3],
  },
  {
    id: 'foreign_disclosure_response',
    when: allFacts('classified_disclosure', 'foreign_recipient'),
    options: ['refer_counterintelligence', 'preserve_evidence', 'legal_review'],
    reason:
      'Classified information may have been disclosed to a foreign power: counterintelligence and law enforcement lead (as in the Toebbe case); keep the person unaware and preserve evidence.',
    sources: [cite.answerKeyLesson4, cite.chainOfCustody, cite.avoidAlerting],
  },
  {
    id: 'national_security_crime_response',
    when: anyFact('espionage', 'sabotage', 'subversion'),
    options: ['refer_counterintelligence', 'refer_law_enforcement', 'preserve_evidence', 'legal_review'],
    reason: 'Possible espionage, sabotage or subversion: refer to counterintelligence and law enforcement for inquiry, investigation or operation, and preserve evidence.',
    sources: [cite.individualResponses, cite.chainOfCustody],
  },
  {
    id: 'terrorism_response',
    when: anyFact('terrorism'),
    options: ['refer_law_enforcement', 'refer_counterintelligence', 'preserve_evidence', 'user_activity_monitoring'],
    reason:
      'Possible terrorism: refer to law enforcement for the criminal activity and to counterintelligence for affiliation with known or suspected terrorists, and monitor user activity on information systems (the Domingo case).',
    sources: [cite.domingoResponses, cite.chainOfCustody, cite.cybersecurity],
  },
  {
    id: 'foreign_intelligence_response',
    when: anyFact('foreign_intelligence_contact'),
    options: ['refer_counterintelligence', 'foreign_travel_briefing', 'foreign_targeting_training', 'threat_awareness_materials'],
    reason:
      'Contacts or activities related to a foreign intelligence entity: refer to the cognizant CI activity; foreign travel briefs and training on foreign targeting and recruitment reduce the risk.',
    sources: [cite.counterintelligence, cite.mildepCiReporting],
  },
  {
    id: 'allegiance_response',
    when: anyFact('allegiance_concern'),
    options: ['refer_counterintelligence', 'user_activity_monitoring'],
    reason:
      'Conduct that raises doubt about allegiance, such as support for violent extremism: a counterintelligence referral addresses affiliation with known or suspected terrorists, and user activity monitoring of information systems watches for radicalization (the cybersecurity responses of the Domingo case).',
    sources: [cite.domingoResponses, cite.cybersecurity],
  },
  {
    id: 'criminal_conduct_response',
    when: anyFact('criminal_conduct'),
    options: ['refer_law_enforcement', 'preserve_evidence'],
    reason: 'An actual criminal violation: forward the report of criminal activity to law enforcement and keep evidence intact for a later prosecution.',
    sources: [cite.personOfConcern, cite.lawEnforcement, cite.chainOfCustody],
  },
  {
    id: 'violence_threat_person',
    when: anyFact('violence_threat'),
    options: ['refer_law_enforcement', 'refer_professional_evaluation', 'legal_action'],
    reason:
      'A threat of violence: refer the criminal activity to law enforcement (as the guide suggests for Domingo), seek a professional evaluation such as anger management, and consider restraining orders or trespass warnings.',
    sources: [cite.domingoResponses, cite.personOfConcern],
  },
  {
    id: 'violence_threat_victims',
    when: anyFact('violence_threat', 'violence_imminent'),
    options: [
      'personal_safety_planning',
      'increase_victim_vigilance',
      'change_work_hours',
      'relocate_workspace',
      'parking_escort',
      'vary_routes_and_routines',
      'virtual_stalking_awareness',
      'manage_social_media_privacy',
      'cease_communication',
    ],
    reason: 'Potential victims or targets may need protection, especially if the person of concern can keep access to a work or organization site.',
    sources: [cite.victim],
  },
  {
    id: 'violence_threat_environment',
    when: anyFact('violence_threat', 'violence_imminent'),
    options: ['site_awareness', 'identity_entry_verification', 'reduce_access_points', 'visible_security_measures', 'random_bag_checks', 'flag_address_911'],
    reason: 'Increased vigilance and target hardening are advisable when the potential for violence increases.',
    sources: [cite.environment, cite.domingoResponses],
  },
  {
    id: 'domestic_violence_response',
    when: anyFact('domestic_violence_spillover'),
    options: ['personal_safety_planning', 'change_work_hours', 'relocate_workspace', 'parking_escort', 'identity_entry_verification', 'flag_address_911', 'cease_communication'],
    reason: 'Domestic violence threatens the safety of the organization: protect the potential victim at work and verify identity and entry.',
    sources: [cite.victim, cite.environment, cite.lawEnforcementUse],
  },
  {
    id: 'law_enforcement_assistance_response',
    when: anyFact('criminal_conduct', 'violence_imminent', 'involuntary_commitment_needed', 'separation_of_potentially_violent_person', 'domestic_violence_spillover', 'wellness_check_needed'),
    options: ['request_law_enforcement_assistance'],
    reason: 'A circumstance in which to consider requesting the assistance of local law enforcement is met.',
    sources: [cite.lawEnforcementUse],
  },
  {
    id: 'involuntary_commitment_response',
    when: anyFact('involuntary_commitment_needed'),
    options: ['refer_professional_evaluation', 'return_to_work_assessment'],
    reason:
      'An involuntary mental health commitment is necessary: a professional mental health evaluation, with law enforcement assistance, and a return-to-work or return-to-duty risk assessment before the person comes back.',
    sources: [cite.personOfConcern, cite.lawEnforcementUse, cite.behavioralScience],
  },
  {
    id: 'self_harm_response',
    when: anyFact('self_harm_risk'),
    options: ['suicide_prevention_referral', 'mental_health_counseling_referral', 'employee_assistance_program', 'refer_professional_evaluation'],
    reason:
      'The person may harm themselves: a welfare matter. Refer to suicide prevention, mental health counseling and the EAP, seek a professional evaluation, and consider wellness checks; law enforcement and victim protection are for threats to others.',
    sources: [cite.personOfConcern, cite.behavioralScience, cite.hr],
  },
  {
    id: 'suspicious_contact_response',
    when: anyFact('suspicious_contact'),
    options: ['refer_counterintelligence', 'threat_awareness_materials', 'security_counseling'],
    reason:
      'Someone tried to obtain unauthorized access to classified information or to compromise a cleared employee: refer to counterintelligence, and brief the employee on the threat.',
    sources: [cite.counterintelligence, cite.security],
  },
  {
    id: 'violent_separation_response',
    when: anyFact('separation_of_potentially_violent_person'),
    options: ['post_separation_safety_plan', 'revoke_access', 'identity_entry_verification', 'law_enforcement_bolo', 'notifications_information_sharing'],
    reason: 'A potentially violent person is being suspended or terminated: plan for safety after the separation, remove access and alert those who guard the site.',
    sources: [cite.caseNotClosed, cite.environment, cite.lawEnforcementUse],
  },
  {
    id: 'separated_subject_response',
    when: anyFact('subject_separated'),
    options: ['post_separation_safety_plan', 'identity_entry_verification'],
    reason:
      'Dismissal is not a threat management strategy in itself: once the person is barred, additional planning for safety is strongly recommended and the case stays open.',
    sources: [cite.caseNotClosed, cite.domingoResponses],
  },
  {
    id: 'interest_motive_ability_response',
    when: anyFact('interest_motive_ability'),
    options: ['user_activity_monitoring', 'physical_monitoring'],
    reason: 'The assessment found interest, motive and ability: coordinate approved measures to continuously monitor, manage and mitigate the risk.',
    sources: [cite.manage],
  },
  {
    id: 'classified_loss_response',
    when: anyFact('classified_loss'),
    options: ['security_violation', 'security_counseling', 'security_process_review'],
    reason: 'Loss or compromise of classified information: log the security incident, counsel the person and review the security processes involved.',
    sources: [cite.security, cite.environment],
  },
];

const indicatorRules: readonly RecommendationRule[] = [
  {
    id: 'addiction_support',
    when: indicator('substance'),
    options: ['employee_assistance_program', 'treatment_recommendations', 'substance_abuse_program_referral'],
    reason:
      'Substance abuse or addictive behavior: provide support and resources to deal with the addiction (the best mitigation in the gambling case) through the EAP and behavioral science treatment or rehabilitation.',
    sources: [cite.answerKeyLesson2, cite.hr, cite.behavioralScience],
  },
  {
    id: 'financial_support',
    when: indicator('financial'),
    options: ['employee_assistance_program', 'financial_counseling_referral'],
    reason: 'Financial considerations: the EAP offers financial counseling and lending programs; a referral to financial counseling addresses the stressor.',
    sources: [cite.hr, cite.individualResponses],
  },
  {
    id: 'psychological_support',
    when: indicator('judgment_psychological'),
    options: ['employee_assistance_program', 'mental_health_counseling_referral'],
    reason: 'Judgment, character or psychological conditions: counseling resources help manage anger and address depression (as suggested for Domingo).',
    sources: [cite.domingoResponses, cite.behavioralScience],
  },
  {
    id: 'psychological_evaluation',
    when: either(indicator('judgment_psychological', 'concerning_behavior'), indicator('criminal_violent')),
    options: ['refer_professional_evaluation'],
    reason: 'Concerning behavior or violent conduct: solicit a professional evaluation such as mental health or anger management.',
    sources: [cite.personOfConcern],
  },
  {
    id: 'workplace_support',
    when: indicator('professional'),
    options: ['mediation_with_supervisor', 'career_path_options', 'employee_assistance_program'],
    reason: 'Professional lifecycle and performance issues, such as interpersonal problems or disgruntlement, can often be resolved early with mediation and other career opportunities.',
    sources: [cite.mitigationOverview, cite.hr],
  },
  {
    id: 'security_compliance_counseling',
    when: indicator('security_compliance'),
    options: ['security_counseling'],
    reason: 'Security compliance concerns: provide security counseling, training or awareness.',
    sources: [cite.security],
  },
  {
    id: 'security_incident_logging',
    when: indicator('security_compliance', 'concerning_behavior'),
    options: ['security_violation'],
    reason: 'A security incident: log a security violation or infraction for the specific incident.',
    sources: [cite.security, cite.answerKeyLesson4],
  },
  {
    id: 'technical_monitoring',
    when: either(indicator('technical'), indicator('access')),
    options: ['user_activity_monitoring'],
    reason: 'Technical activity or access attributes: user activity monitoring watches the risk without alerting the person.',
    sources: [cite.cybersecurity, cite.answerKeyLesson4],
  },
  {
    id: 'technical_restriction',
    when: indicator('technical', 'concerning_behavior'),
    options: ['reduce_privileges'],
    reason: 'Concerning technical activity: consider reducing privileges or system access, after weighing whether it would alert the person.',
    sources: [cite.cybersecurity, cite.avoidAlerting],
  },
  {
    id: 'foreign_awareness',
    when: indicator('foreign'),
    options: ['foreign_travel_briefing', 'foreign_targeting_training', 'threat_awareness_materials'],
    reason: 'Foreign considerations: foreign travel briefs and debriefs and training on foreign targeting and recruitment.',
    sources: [cite.counterintelligence],
  },
  {
    id: 'foreign_referral',
    when: indicator('foreign', 'concerning_behavior'),
    options: ['refer_counterintelligence'],
    reason: 'Concerning foreign contacts or activity: refer to the cognizant counterintelligence activity for inquiry as warranted.',
    sources: [cite.counterintelligence],
  },
];

/** Legal joins every response, so it is suggested whenever anything was observed. */
const legalRule: RecommendationRule = {
  id: 'legal_in_every_response',
  when: anythingObserved,
  options: ['legal_review'],
  reason: 'Include legal in developing the response so it aligns with privacy protection requirements and other policies.',
  sources: [cite.legal, cite.privacy],
};

/**
 * While counterintelligence or the FBI may be working a national security case,
 * options the person would notice are held back: they could alert the person,
 * compromise an operation or lose evidence (mitigation guide, Lesson 3 > Avoid
 * Alerting the Individual and Preserve Chain of Custody and Evidence; Lesson 5 >
 * Reporting > Overview). Imminent violence lifts the hold: immediate intervention
 * may be required.
 */
export const investigativeHold: Condition = either(
  allFacts('classified_disclosure', 'foreign_recipient'),
  anyFact('espionage', 'sabotage', 'subversion', 'active_transmission'),
);

/** Options that presume the person still works here; they lapse once the person is separated. */
export const employmentOptions = ['mediation_with_supervisor', 'career_path_options'] as const;

export const recommendationRules: readonly RecommendationRule[] = [...factRules, ...indicatorRules, legalRule];
