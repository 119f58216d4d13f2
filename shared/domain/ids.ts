import { z } from 'zod';

/**
 * The fixed identifiers of the evaluate contract (../shared/spec/evaluate.md) and of
 * the vault's roles. Outside tests depend on these strings: add, never rename.
 */

export const programTypes = ['dod', 'federal', 'industry'] as const;
export const programTypeSchema = z.enum(programTypes);
export type ProgramType = z.infer<typeof programTypeSchema>;

export const factIds = [
  'classified_disclosure',
  'foreign_recipient',
  'active_transmission',
  'classified_loss',
  'espionage',
  'sabotage',
  'terrorism',
  'subversion',
  'foreign_intelligence_contact',
  'allegiance_concern',
  'criminal_conduct',
  'violence_threat',
  'violence_imminent',
  'adverse_information',
  'involuntary_commitment_needed',
  'separation_of_potentially_violent_person',
  'domestic_violence_spillover',
  'wellness_check_needed',
  'subject_separated',
  'interest_motive_ability',
  'self_harm_risk',
  'suspicious_contact',
  'referral_agency_investigating',
  'protected_disclosure',
] as const;
export const factIdSchema = z.enum(factIds);
export type FactId = z.infer<typeof factIdSchema>;

/** The nine PRI categories of the mitigation guide. */
export const priCategories = [
  'access',
  'professional',
  'foreign',
  'security_compliance',
  'technical',
  'criminal_violent',
  'financial',
  'substance',
  'judgment_psychological',
] as const;
export const priCategorySchema = z.enum(priCategories);
export type PriCategory = z.infer<typeof priCategorySchema>;

/** Stages an indicator can sit on (the critical pathway before any organizational response). */
export const indicatorStages = ['predisposition', 'stressor', 'concerning_behavior'] as const;
export const indicatorStageSchema = z.enum(indicatorStages);
export type IndicatorStage = z.infer<typeof indicatorStageSchema>;

export const recipients = ['fbi', 'ditmac', 'mildep_ci', 'dcsa', 'diss', 'law_enforcement', 'internal'] as const;
export const recipientSchema = z.enum(recipients);
export type Recipient = z.infer<typeof recipientSchema>;

export const disciplines = [
  'hr',
  'security',
  'cybersecurity',
  'counterintelligence',
  'law_enforcement',
  'behavioral_science',
  'legal',
] as const;
export const disciplineSchema = z.enum(disciplines);
export type Discipline = z.infer<typeof disciplineSchema>;

export const responseTypes = ['individual', 'organizational'] as const;
export const responseTypeSchema = z.enum(responseTypes);
export type ResponseType = z.infer<typeof responseTypeSchema>;

export const responseTargets = ['person', 'victim', 'environment'] as const;
export const responseTargetSchema = z.enum(responseTargets);
export type ResponseTarget = z.infer<typeof responseTargetSchema>;

export const optionIds = [
  'no_action',
  'watch_and_wait',
  'return_to_work_assessment',
  'administrative_action',
  'legal_action',
  'refer_professional_evaluation',
  'refer_law_enforcement',
  'refer_counterintelligence',
  'employee_assistance_program',
  'mental_health_counseling_referral',
  'substance_abuse_program_referral',
  'financial_counseling_referral',
  'suicide_prevention_referral',
  'mediation_with_supervisor',
  'terminate_employment',
  'revoke_access',
  'reduce_privileges',
  'security_violation',
  'security_counseling',
  'threat_awareness_materials',
  'career_path_options',
  'user_activity_monitoring',
  'disable_removable_media',
  'random_bag_checks',
  'foreign_travel_briefing',
  'personal_safety_planning',
  'change_work_hours',
  'relocate_workspace',
  'parking_escort',
  'identity_entry_verification',
  'law_enforcement_bolo',
  'reduce_access_points',
  'visible_security_measures',
  'post_separation_safety_plan',
  'legal_review',
  'notify_subject',
  'interview_subject',
] as const;

export const warningCodes = [
  'dismissal_not_a_strategy',
  'avoid_alerting',
  'fbi_coordination_hold',
  'legal_review_missing',
  'no_criminal_nexus',
  'reporting_due',
  'investigation_deconfliction',
  'no_action_while_imminent',
  'disproportionate_response',
  'whistleblower_protection',
] as const;

export const obligationTimings = ['immediately', 'promptly', 'per_internal_procedures'] as const;

/** Roles of vault users: the program manager, analysts, legal, and discipline members. */
export const roles = [
  'program_manager',
  'analyst',
  'legal',
  'hr',
  'security',
  'cybersecurity',
  'counterintelligence',
  'law_enforcement',
  'behavioral_science',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const riskLevels = ['low', 'moderate', 'high', 'critical'] as const;
export const riskLevelSchema = z.enum(riskLevels);
export type RiskLevel = z.infer<typeof riskLevelSchema>;

/**
 * Response options the seeds name beyond the fixed ids above. The catalog holds
 * every option of both lists; a plan may name any of them.
 */
export const additionalOptionIds = [
  'request_law_enforcement_assistance',
  'increase_victim_vigilance',
  'virtual_stalking_awareness',
  'manage_social_media_privacy',
  'vary_routes_and_routines',
  'cease_communication',
  'site_awareness',
  'notifications_information_sharing',
  'security_procedures_training',
  'security_process_review',
  'flag_address_911',
  'change_policy_sop',
  'metal_detectors',
  'adversary_tactics_briefings',
  'internal_referral_hr_security',
  'medical_referral',
  'hr_training',
  'limit_download_size',
  'limit_printing',
  'phishing_awareness_training',
  'random_drug_alcohol_testing',
  'physical_monitoring',
  'foreign_targeting_training',
  'criminal_threat_briefings',
  'treatment_recommendations',
  'preserve_evidence',
] as const;

export const allOptionIds = [...optionIds, ...additionalOptionIds] as const;
export const optionIdSchema = z.enum(allOptionIds);
export type OptionId = z.infer<typeof optionIdSchema>;

/** Warning codes beyond the fixed ones, each tied to a seed passage in the guardrails. */
export const additionalWarningCodes = [
  'coordinate_with_referral_agency',
  'section_811_undetermined',
  'consider_espionage_report',
  'victims_not_considered',
  'adverse_information_undetermined',
] as const;
export const allWarningCodes = [...warningCodes, ...additionalWarningCodes] as const;
export const warningCodeSchema = z.enum(allWarningCodes);
export type WarningCode = z.infer<typeof warningCodeSchema>;

export const obligationTimingSchema = z.enum(obligationTimings);
export type ObligationTiming = z.infer<typeof obligationTimingSchema>;

/** The five stages of the critical pathway; indicators sit on the first three. */
export const pathwayStages = [...indicatorStages, 'organizational_response', 'insider_attack'] as const;
export const pathwayStageSchema = z.enum(pathwayStages);
export type PathwayStage = z.infer<typeof pathwayStageSchema>;
