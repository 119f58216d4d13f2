import { cite, citationText } from '../citation';
import { allFacts, always, anyFact, either } from '../rules/condition';
import { ditmacThresholds } from './ditmacThresholds';
import type { ReportingRule } from './rule';

/**
 * The reporting requirements of the mitigation guide's Lesson 5, one rule per
 * requirement and recipient, to be read next to the seed text. Timing is
 * `immediately` where the statute says so (Section 811: "advised immediately"),
 * `promptly` for other external reports, and the program's own procedures for
 * internal reporting.
 */

export const section811Citation = 'Section 811, Intelligence Authorization Act (50 U.S.C. 3381(e))';
const section811Basis =
  'Classified information is being, or may have been, disclosed in an unauthorized manner to a foreign power or an agent of a foreign power: the FBI must be advised immediately.';
const fbiChannel = 'FBI Headquarters email point of contact for secure reporting, or the local FBI field office';

/** Ids of the rules that are Section 811 referrals (the FBI coordination guardrail reads them). */
export const section811RuleIds = ['dod_fbi_section_811', 'federal_fbi_section_811'] as const;

const dodRules: readonly ReportingRule[] = [
  {
    id: 'dod_fbi_section_811',
    programs: ['dod'],
    recipient: 'fbi',
    when: allFacts('classified_disclosure', 'foreign_recipient'),
    basis: section811Basis,
    citation: section811Citation,
    timing: 'immediately',
    channel: fbiChannel,
    sources: [cite.fbiReporting],
  },
  ...ditmacThresholds.map(
    (threshold): ReportingRule => ({
      id: `dod_ditmac_${threshold.id}`,
      programs: ['dod'],
      recipient: 'ditmac',
      when: anyFact(...threshold.facts),
      basis: `Meets the DITMAC reporting threshold "${threshold.label}": ${threshold.note}`,
      citation: citationText(cite.ditmacReporting),
      timing: 'promptly',
      channel: 'DITMAC System of Systems (DSOS)',
      sources: [cite.ditmacReporting, threshold.source],
    }),
  ),
  {
    id: 'dod_mildep_ci_enclosure_4',
    programs: ['dod'],
    recipient: 'mildep_ci',
    // International terrorism reaches this rule through foreign_intelligence_contact;
    // domestic terrorism alone is a law enforcement matter, not a CI one.
    when: either(
      anyFact('foreign_intelligence_contact', 'espionage', 'sabotage', 'subversion'),
      allFacts('classified_disclosure', 'foreign_recipient'),
    ),
    basis:
      'Contacts, activities, indicators or behaviors related to foreign intelligence entities, international terrorism or FIE-associated cyberspace must be reported to the cognizant MILDEP CI office.',
    citation: 'DODD 5240.06 Encl. 4',
    timing: 'promptly',
    channel: "The cognizant MILDEP CI office, per the organization's procedures",
    sources: [cite.mildepCiReporting],
  },
  {
    id: 'dod_diss_adverse_information',
    programs: ['dod'],
    recipient: 'diss',
    when: anyFact('adverse_information'),
    basis: 'Adverse information pursuant to the adjudicative guidelines must be reported to DISS or other databases the organization requires.',
    citation: citationText(cite.dodRequirements),
    timing: 'promptly',
    channel: 'Defense Information System for Security (DISS)',
    sources: [cite.dodRequirements],
  },
  {
    id: 'dod_law_enforcement_criminal_activity',
    programs: ['dod'],
    recipient: 'law_enforcement',
    when: anyFact('criminal_conduct'),
    basis: 'Criminal activity must be reported to the appropriate military or local law enforcement organization.',
    citation: citationText(cite.dodRequirements),
    timing: 'promptly',
    sources: [cite.dodRequirements],
  },
  {
    id: 'dod_law_enforcement_terrorism',
    programs: ['dod'],
    recipient: 'law_enforcement',
    when: anyFact('terrorism'),
    basis:
      'Actual, probable or possible terrorism is criminal activity: report it to the appropriate military or local law enforcement organization. A MILDEP CI office takes it only where it is international terrorism (a foreign intelligence or international terrorism matter).',
    citation: `${citationText(cite.dodRequirements)}; ${citationText(cite.mildepCiReporting)}`,
    timing: 'promptly',
    sources: [cite.dodRequirements, cite.mildepCiReporting],
  },
  {
    id: 'dod_law_enforcement_violence_imminent',
    programs: ['dod'],
    recipient: 'law_enforcement',
    when: anyFact('violence_imminent'),
    basis: 'Violence is imminent or taking place: report it to military or local law enforcement now.',
    citation: `${citationText(cite.dodRequirements)}; ${citationText(cite.lawEnforcementUse)}`,
    timing: 'immediately',
    sources: [cite.dodRequirements, cite.lawEnforcementUse, cite.doNoHarm],
  },
  {
    id: 'dod_internal_procedures',
    programs: ['dod'],
    recipient: 'internal',
    when: always,
    basis: 'Comply with the internal reporting procedures the program has established.',
    citation: citationText(cite.dodRequirements),
    timing: 'per_internal_procedures',
    sources: [cite.dodRequirements, cite.procedures],
  },
];

const federalRules: readonly ReportingRule[] = [
  {
    id: 'federal_fbi_section_811',
    programs: ['federal'],
    recipient: 'fbi',
    when: allFacts('classified_disclosure', 'foreign_recipient'),
    basis: section811Basis,
    citation: section811Citation,
    timing: 'immediately',
    channel: fbiChannel,
    sources: [cite.federalRequirements, cite.fbiReporting],
  },
  {
    id: 'federal_internal_procedures',
    programs: ['federal'],
    recipient: 'internal',
    when: always,
    basis: 'Follow the other internal reporting procedures established within the organization.',
    citation: citationText(cite.federalRequirements),
    timing: 'per_internal_procedures',
    sources: [cite.federalRequirements, cite.procedures],
  },
];

const nispomActivities = anyFact('espionage', 'sabotage', 'terrorism', 'subversion');
const nispomActivitiesBasis = 'Actual, probable or possible espionage, sabotage, terrorism or subversive activities at any location must be reported to the FBI and DCSA.';

const foreignDisclosure = allFacts('classified_disclosure', 'foreign_recipient');
const foreignDisclosureBasis =
  'Classified information disclosed, or possibly disclosed, to a foreign power or its agent is at least possible espionage, which must be reported to the FBI and DCSA whether or not espionage has been marked.';
const suspiciousContactCitation = '32 CFR 117.8(c) (suspicious contacts; the guides are silent, so the regulation governs)';

const industryRules: readonly ReportingRule[] = [
  {
    id: 'industry_fbi_117_8_b',
    programs: ['industry'],
    recipient: 'fbi',
    when: nispomActivities,
    basis: nispomActivitiesBasis,
    citation: '32 CFR 117.8(b)',
    timing: 'promptly',
    channel: 'The nearest FBI field office',
    sources: [cite.industryRequirements],
  },
  {
    id: 'industry_dcsa_117_8_b',
    programs: ['industry'],
    recipient: 'dcsa',
    when: nispomActivities,
    basis: nispomActivitiesBasis,
    citation: '32 CFR 117.8(b)',
    timing: 'promptly',
    sources: [cite.industryRequirements],
  },
  {
    id: 'industry_fbi_117_8_b_foreign_disclosure',
    programs: ['industry'],
    recipient: 'fbi',
    when: foreignDisclosure,
    basis: foreignDisclosureBasis,
    citation: '32 CFR 117.8(b)',
    timing: 'promptly',
    channel: 'The nearest FBI field office',
    sources: [cite.industryRequirements, cite.answerKeyLesson5],
  },
  {
    id: 'industry_dcsa_117_8_b_foreign_disclosure',
    programs: ['industry'],
    recipient: 'dcsa',
    when: foreignDisclosure,
    basis: foreignDisclosureBasis,
    citation: '32 CFR 117.8(b)',
    timing: 'promptly',
    sources: [cite.industryRequirements, cite.answerKeyLesson5],
  },
  {
    id: 'industry_dcsa_suspicious_contact',
    programs: ['industry'],
    recipient: 'dcsa',
    when: anyFact('suspicious_contact'),
    basis:
      'Efforts by any individual to obtain illegal or unauthorized access to classified information or to compromise a cleared employee must be reported to DCSA.',
    citation: suspiciousContactCitation,
    timing: 'promptly',
    // The guide's industry section cites 32 CFR 117.8 as a whole; paragraph (c) names suspicious contacts.
    sources: [cite.industryRequirements],
  },
  {
    id: 'industry_dcsa_adverse_information',
    programs: ['industry'],
    recipient: 'dcsa',
    when: anyFact('adverse_information'),
    basis: 'Adverse information about a cleared employee must be reported to DCSA, entered through DISS.',
    citation: '32 CFR 117.8(c)(1)',
    timing: 'promptly',
    channel: 'Defense Information System for Security (DISS)',
    sources: [cite.industryRequirements, cite.answerKeyLesson5],
  },
  {
    id: 'industry_dcsa_loss_compromise',
    programs: ['industry'],
    recipient: 'dcsa',
    // An unauthorized disclosure is a compromise (or suspected compromise) of the information.
    when: anyFact('classified_loss', 'classified_disclosure'),
    basis: 'Loss, compromise or suspected compromise of classified information must be reported to DCSA.',
    citation: '32 CFR 117.8(d)',
    timing: 'promptly',
    sources: [cite.answerKeyLesson5, cite.industryRequirements],
  },
  {
    id: 'industry_internal_procedures',
    programs: ['industry'],
    recipient: 'internal',
    when: always,
    basis: 'Follow the other internal reporting procedures established by the Insider Threat Program.',
    citation: citationText(cite.industryRequirements),
    timing: 'per_internal_procedures',
    sources: [cite.industryRequirements, cite.procedures],
  },
];

/** Every built-in reporting rule, DOD first, then Federal, then industry. */
export const reportingRules: readonly ReportingRule[] = [...dodRules, ...federalRules, ...industryRules];
