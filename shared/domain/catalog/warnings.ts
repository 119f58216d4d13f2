import type { WarningCode } from '../ids';

/** The human name of each guardrail warning, for the screens (the code stays for traces). */
export const warningLabels: Readonly<Record<WarningCode, string>> = {
  dismissal_not_a_strategy: 'Dismissal is not a strategy',
  avoid_alerting: 'Avoid alerting the person',
  fbi_coordination_hold: 'Coordinate with the FBI first',
  legal_review_missing: 'Legal review missing',
  no_criminal_nexus: 'No criminal nexus for a law enforcement referral',
  reporting_due: 'Report due now',
  investigation_deconfliction: 'Investigation under way: deconflict first',
  no_action_while_imminent: 'No action while violence is imminent',
  disproportionate_response: 'Response out of proportion',
  whistleblower_protection: 'Protected disclosure: no reprisal',
  coordinate_with_referral_agency: 'Coordinate with the referral agency',
  section_811_undetermined: 'Decide: is the recipient a foreign power?',
  consider_espionage_report: 'Decide: possible espionage?',
  victims_not_considered: 'Potential victims not considered',
  adverse_information_undetermined: 'Decide: is this adverse information?',
};

export function warningLabel(code: WarningCode): string {
  return warningLabels[code];
}
