import { cite } from '../citation';
import type { FactId } from '../ids';
import type { FactEntry } from './schema';

/**
 * The case facts the rules read. A fact is true, false, or unknown (absent); the
 * rules fire only on true, so a missing fact never silences an obligation.
 */
export const factEntries: readonly FactEntry[] = [
  {
    id: 'classified_disclosure',
    label: 'Unauthorized disclosure of classified information',
    meaning: 'Classified information is being, or may have been, disclosed without authorization.',
    sources: [cite.fbiReporting, cite.ditmacReporting],
  },
  {
    id: 'foreign_recipient',
    label: 'Foreign recipient',
    meaning: 'The recipient is, or may be, a foreign power or an agent of a foreign power.',
    sources: [cite.fbiReporting],
  },
  {
    id: 'active_transmission',
    label: 'Active transmission',
    meaning: 'Classified information is actively being transmitted now.',
    sources: [cite.doNoHarm],
  },
  {
    id: 'classified_loss',
    label: 'Loss or compromise of classified information',
    meaning: 'Classified information was lost or compromised, or is suspected to be.',
    sources: [cite.answerKeyLesson5],
  },
  { id: 'espionage', label: 'Espionage', meaning: 'Actual, probable or possible espionage.', sources: [cite.industryRequirements] },
  { id: 'sabotage', label: 'Sabotage', meaning: 'Actual, probable or possible sabotage.', sources: [cite.industryRequirements] },
  { id: 'terrorism', label: 'Terrorism', meaning: 'Actual, probable or possible terrorism.', sources: [cite.industryRequirements] },
  { id: 'subversion', label: 'Subversive activity', meaning: 'Actual, probable or possible subversive activity.', sources: [cite.industryRequirements] },
  {
    id: 'foreign_intelligence_contact',
    label: 'Foreign intelligence entity contact',
    meaning:
      'Contacts, activities, indicators or behaviors related to a foreign intelligence entity, international terrorism, or FIE-associated cyberspace.',
    sources: [cite.mildepCiReporting],
  },
  {
    id: 'allegiance_concern',
    label: 'Allegiance concern',
    meaning: 'Conduct that raises doubt about allegiance to the United States (e.g. support for violent extremism).',
    sources: [cite.answerKeyLesson5],
  },
  {
    id: 'criminal_conduct',
    label: 'Criminal conduct',
    meaning: 'An actual criminal violation, or affiliation with criminal activity.',
    sources: [cite.dodRequirements, cite.lawEnforcementUse],
  },
  {
    id: 'violence_threat',
    label: 'Threat of violence',
    meaning: 'A threat of violence to self or others (a serious threat). Where the only danger is to the person themselves, mark the risk of self-harm instead.',
    sources: [cite.answerKeyLesson5, cite.environment],
  },
  {
    id: 'violence_imminent',
    label: 'Violence imminent',
    meaning: 'Violence is imminent or taking place.',
    sources: [cite.lawEnforcementUse, cite.doNoHarm],
  },
  {
    id: 'adverse_information',
    label: 'Adverse information',
    meaning: 'Adverse information about a cleared employee.',
    sources: [cite.dodRequirements, cite.industryRequirements],
  },
  {
    id: 'involuntary_commitment_needed',
    label: 'Involuntary commitment needed',
    meaning: 'An involuntary mental-health commitment is necessary.',
    sources: [cite.lawEnforcementUse],
  },
  {
    id: 'separation_of_potentially_violent_person',
    label: 'Separation of a potentially violent person',
    meaning: 'A potentially violent person is being suspended or terminated.',
    sources: [cite.lawEnforcementUse],
  },
  {
    id: 'domestic_violence_spillover',
    label: 'Domestic violence threatens the organization',
    meaning: 'Domestic violence threatens the safety of the organization.',
    sources: [cite.lawEnforcementUse],
  },
  {
    id: 'wellness_check_needed',
    label: 'Wellness checks needed',
    meaning: 'Periodic or episodic wellness checks are needed for a potential victim or the person of concern.',
    sources: [cite.lawEnforcementUse],
  },
  {
    id: 'subject_separated',
    label: 'Person of concern separated',
    meaning: 'The person of concern has been fired, expelled or otherwise removed.',
    sources: [cite.caseNotClosed],
  },
  {
    id: 'interest_motive_ability',
    label: 'Interest, motive and ability',
    meaning: 'The assessment found interest, motive and ability to attempt a disruptive or destructive act.',
    sources: [cite.manage],
  },
  {
    id: 'self_harm_risk',
    label: 'Risk of self-harm',
    meaning:
      'The person of concern may harm themselves (suicidal statements, self-harm); distinct from a threat to others. A welfare matter: suicide prevention, counseling and wellness checks, not victim protection.',
    sources: [cite.personOfConcern, cite.behavioralScience, cite.answerKeyLesson5],
  },
  {
    id: 'suspicious_contact',
    label: 'Suspicious contact',
    meaning:
      'Efforts by anyone to obtain unauthorized access to classified information or to compromise a cleared employee (32 CFR 117.8(c); the guides are silent, so the regulation governs).',
    sources: [cite.industryRequirements],
  },
  {
    id: 'referral_agency_investigating',
    label: 'Referral agency investigating',
    meaning:
      'An agency the case was referred to (FBI, MILDEP CI, DCSA, law enforcement) has opened its own investigation or operation; the program may need to pause its own activities.',
    sources: [cite.reportingOverview, cite.chainOfCustody],
  },
  {
    id: 'protected_disclosure',
    label: 'Protected disclosure (whistleblower)',
    meaning:
      'The disclosure was made through a channel the law protects (an Inspector General, the congressional intelligence committees, a designated official) rather than to the public or a foreign power (50 U.S.C. 3234; PPD-19).',
    sources: [cite.privacy],
  },
];

export function factLabel(id: FactId): string {
  return factEntries.find((f) => f.id === id)?.label ?? id;
}
