import type { PriCategory, Role } from '../../shared/domain/ids';

/**
 * The synthetic hub: its people (all fictional), its clock, and the response
 * options its analysts reach for per kind of concern.
 */
export interface HubUser {
  readonly name: string;
  readonly role: Role;
}

export const hubManager: HubUser = { name: 'Avery Lindqvist', role: 'program_manager' };

export const hubAnalysts: readonly HubUser[] = [
  { name: 'Jordan Okafor', role: 'analyst' },
  { name: 'Priya Raman', role: 'analyst' },
  { name: 'Mateo Alvarez', role: 'analyst' },
  { name: 'Hannah Kowalski', role: 'analyst' },
  { name: 'Samuel Adeyemi', role: 'analyst' },
];

export const hubSpecialists: readonly HubUser[] = [
  { name: 'Claire Dubois', role: 'legal' },
  { name: 'Renee Castillo', role: 'hr' },
  { name: 'Marcus Bell', role: 'security' },
  { name: 'Tomasz Nowak', role: 'cybersecurity' },
  { name: 'Elena Petrova', role: 'counterintelligence' },
  { name: 'Naomi Feld', role: 'behavioral_science' },
  { name: 'Victor Hale', role: 'law_enforcement' },
];

export const hubLegal = 'Claire Dubois';

/** The fixed clock: the hub's history runs from SYNTH_START to SYNTH_NOW. */
export const SYNTH_START = Date.parse('2016-01-04T08:00:00Z');
export const SYNTH_NOW = new Date('2026-11-20T10:00:00Z');

/** How often each kind of concern opens a case (relative weights). */
export const themeWeights: readonly (readonly [PriCategory, number])[] = [
  ['financial', 18],
  ['professional', 18],
  ['technical', 14],
  ['security_compliance', 13],
  ['foreign', 10],
  ['judgment_psychological', 10],
  ['substance', 8],
  ['criminal_violent', 6],
  ['access', 5],
];

/** Response options analysts plan for each kind of concern (all ids of the catalog). */
export const optionsByTheme: Readonly<Record<PriCategory, readonly string[]>> = {
  access: ['reduce_privileges', 'revoke_access', 'reduce_access_points', 'user_activity_monitoring', 'security_counseling'],
  professional: ['mediation_with_supervisor', 'employee_assistance_program', 'career_path_options', 'administrative_action', 'watch_and_wait'],
  foreign: ['foreign_travel_briefing', 'refer_counterintelligence', 'user_activity_monitoring', 'security_counseling', 'threat_awareness_materials'],
  security_compliance: ['security_violation', 'security_counseling', 'reduce_privileges', 'disable_removable_media', 'administrative_action'],
  technical: ['user_activity_monitoring', 'disable_removable_media', 'reduce_privileges', 'revoke_access', 'limit_download_size'],
  criminal_violent: ['personal_safety_planning', 'refer_law_enforcement', 'random_bag_checks', 'visible_security_measures', 'refer_professional_evaluation'],
  financial: ['financial_counseling_referral', 'employee_assistance_program', 'watch_and_wait', 'user_activity_monitoring', 'security_counseling'],
  substance: ['substance_abuse_program_referral', 'employee_assistance_program', 'random_drug_alcohol_testing', 'watch_and_wait', 'medical_referral'],
  judgment_psychological: ['mental_health_counseling_referral', 'refer_professional_evaluation', 'suicide_prevention_referral', 'employee_assistance_program', 'watch_and_wait'],
};

export const strategyTitles: readonly string[] = [
  'Support the person and reduce stressors',
  'Protect program information',
  'Monitor and reassess',
  'Keep the workplace safe',
  'Clarify the facts before acting',
];
