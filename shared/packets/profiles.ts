import { z } from 'zod';
import { cite, type SeedCitation } from '../domain/citation';
import type { IndicatorStage, PriCategory, Recipient } from '../domain/ids';

/**
 * Referral packet profiles: for each kind of recipient, what of a case a packet
 * holds by default. The guide's tenet "Protect Privacy & Civil Liberties" asks that
 * personal information be "accessed, used, reported, and retained" only as needed,
 * so every profile starts from the recipient's task and leaves out the rest. The
 * analyst may change any default for one packet; the preview and the audit log
 * show the difference.
 */

export const packetProfileIds = [
  'fbi_referral',
  'ditmac_report',
  'mildep_ci_referral',
  'dcsa_report',
  'law_enforcement_referral',
  'internal_hr_referral',
  'consultation',
] as const;
export const packetProfileIdSchema = z.enum(packetProfileIds);
export type PacketProfileId = z.infer<typeof packetProfileIdSchema>;

/** Who receives a packet; also the middle part of the packet's file name. */
export const packetRecipients = ['fbi', 'ditmac', 'mildep-ci', 'dcsa', 'law-enforcement', 'hr', 'consultant'] as const;
export const packetRecipientSchema = z.enum(packetRecipients);
export type PacketRecipient = z.infer<typeof packetRecipientSchema>;

/** The subject's identifying fields, each included or not. The pseudonymous display id is always included. */
export const subjectFields = ['realName', 'employeeId', 'orgUnit', 'position', 'clearance', 'facilityAccess', 'systemAccess'] as const;
export const subjectFieldSchema = z.enum(subjectFields);
export type SubjectField = z.infer<typeof subjectFieldSchema>;

/** Parts of a case a packet may carry. `evidenceList` is the metadata of all evidence; files are chosen one by one. */
export const packetSections = ['reports', 'indicators', 'analysis', 'assessments', 'determinations', 'actions', 'reporting', 'reviews', 'evidenceList'] as const;
export const packetSectionSchema = z.enum(packetSections);
export type PacketSection = z.infer<typeof packetSectionSchema>;

export const packetSectionLabels: Readonly<Record<PacketSection, string>> = {
  reports: 'Reports (narratives; confidential reporters withheld unless chosen)',
  indicators: 'Potential risk indicators',
  analysis: 'Threat analysis (questions, assumptions, checklist)',
  assessments: 'Risk assessments',
  determinations: 'Determinations of fact',
  actions: 'Mitigation strategies and actions',
  reporting: 'Reporting obligations and records',
  reviews: 'Monitoring reviews',
  evidenceList: 'Evidence list (metadata of every item)',
};

/**
 * Which indicators a profile includes: an indicator is included when any clause
 * matches it; a clause matches when each list it gives contains the indicator's
 * value (a missing list matches everything).
 */
export interface IndicatorClause {
  readonly categories?: readonly PriCategory[];
  readonly stages?: readonly IndicatorStage[];
}

export interface PacketProfile {
  readonly id: PacketProfileId;
  readonly label: string;
  readonly recipient: PacketRecipient;
  /** The reporting recipient of the rules engine this profile serves, if any. */
  readonly obligationRecipient: Recipient | null;
  readonly subjectFields: readonly SubjectField[];
  readonly sections: Readonly<Record<PacketSection, boolean>>;
  readonly indicators: readonly IndicatorClause[];
  /** Why the defaults are what they are, in one or two sentences. */
  readonly rationale: string;
  readonly sources: readonly SeedCitation[];
}

const allSubjectFields = subjectFields;
const every: readonly IndicatorClause[] = [{}];

const sections = (included: readonly PacketSection[]): Record<PacketSection, boolean> =>
  Object.fromEntries(packetSections.map((s) => [s, included.includes(s)])) as Record<PacketSection, boolean>;

// Health-related categories (substance use, judgment and psychological state) are
// left out of investigative referrals unless the analyst chooses them: they are
// the most sensitive personal information a case holds and rarely the basis of
// the referral.
const notHealth: readonly PriCategory[] = ['access', 'professional', 'foreign', 'security_compliance', 'technical', 'criminal_violent', 'financial'];

export const packetProfiles: readonly PacketProfile[] = [
  {
    id: 'fbi_referral',
    label: 'FBI referral (Section 811)',
    recipient: 'fbi',
    obligationRecipient: 'fbi',
    subjectFields: allSubjectFields,
    sections: sections(['reports', 'indicators', 'assessments', 'determinations', 'actions', 'reporting', 'evidenceList']),
    indicators: [{ categories: notHealth }],
    rationale:
      'The FBI investigates an identified person for a possible disclosure to a foreign power, so it receives the full identity with clearance and access (what could have been disclosed), the facts, the assessment, and what the hub has done and reported, so its investigation and the hub’s actions do not collide. The hub’s internal analysis and health-related indicators stay home unless chosen.',
    sources: [cite.fbiReporting, cite.reportingOverview, cite.chainOfCustody, cite.privacy],
  },
  {
    id: 'ditmac_report',
    label: 'DITMAC report (DSOS)',
    recipient: 'ditmac',
    obligationRecipient: 'ditmac',
    subjectFields: allSubjectFields,
    sections: sections(['reports', 'indicators', 'assessments', 'determinations', 'actions', 'reporting', 'reviews', 'evidenceList']),
    indicators: every,
    rationale:
      'The DITMAC analyses reports that meet its thresholds across the DoD enterprise and must be able to connect them to one person, so it receives the full identity, every indicator, the assessment, the responses and their monitoring. The hub’s internal analysis stays home unless chosen.',
    sources: [cite.ditmacReporting, cite.dodRequirements, cite.privacy],
  },
  {
    id: 'mildep_ci_referral',
    label: 'MILDEP counterintelligence referral (DODD 5240.06)',
    recipient: 'mildep-ci',
    obligationRecipient: 'mildep_ci',
    subjectFields: allSubjectFields,
    sections: sections(['reports', 'indicators', 'assessments', 'determinations', 'actions', 'reporting', 'evidenceList']),
    indicators: [{ categories: ['foreign', 'security_compliance', 'technical', 'access'] }, { stages: ['concerning_behavior'] }],
    rationale:
      'The cognizant MILDEP CI office acts on foreign-intelligence contacts and behaviors of an identified person: it receives the full identity and the foreign, security, technical and access indicators plus every concerning behavior; personal stressors and predispositions stay home unless chosen.',
    sources: [cite.mildepCiReporting, cite.counterintelligence, cite.privacy],
  },
  {
    id: 'dcsa_report',
    label: 'DCSA report (32 CFR 117.8)',
    recipient: 'dcsa',
    obligationRecipient: 'dcsa',
    subjectFields: allSubjectFields,
    sections: sections(['reports', 'indicators', 'assessments', 'determinations', 'actions', 'reporting', 'evidenceList']),
    indicators: every,
    rationale:
      'DCSA receives adverse information about a cleared employee, entered against that person’s record (DISS), and reports of espionage, sabotage, terrorism or subversion: it needs the full identity with clearance, and every indicator, since the adjudicative guidelines cover financial, substance and psychological matters too.',
    sources: [cite.industryRequirements, cite.privacy],
  },
  {
    id: 'law_enforcement_referral',
    label: 'Law enforcement referral',
    recipient: 'law-enforcement',
    obligationRecipient: 'law_enforcement',
    subjectFields: ['realName', 'orgUnit', 'position', 'facilityAccess'],
    sections: sections(['reports', 'indicators', 'assessments', 'determinations', 'actions', 'evidenceList']),
    indicators: [{ categories: ['criminal_violent'] }, { stages: ['concerning_behavior'] }],
    rationale:
      'Law enforcement acts on criminal activity and threats of violence by a named person at a known place: it receives the name, work unit, position and facility access, the criminal and violent indicators and every concerning behavior, the assessment (imminence) and the hub’s safety actions. Clearance, system access, predispositions and stressors stay home unless chosen.',
    sources: [cite.lawEnforcementUse, cite.lawEnforcement, cite.dodRequirements, cite.privacy],
  },
  {
    id: 'internal_hr_referral',
    label: 'Internal referral to Human Resources',
    recipient: 'hr',
    obligationRecipient: 'internal',
    subjectFields: ['realName', 'employeeId', 'orgUnit', 'position'],
    sections: sections(['reports', 'indicators', 'actions']),
    indicators: [{ categories: ['professional', 'financial', 'substance', 'judgment_psychological', 'criminal_violent'] }],
    rationale:
      'Human Resources carries out personnel responses (assistance programs, counseling, administrative action) for an employee it knows by name: it receives the employment identity, the indicators it can respond to and the planned actions. Foreign, security, technical and access indicators, the risk assessment and what was reported elsewhere stay home, so an HR step cannot alert the person or prejudice an investigation.',
    sources: [cite.hr, cite.avoidAlerting, cite.privacy, cite.doNoHarm],
  },
  {
    id: 'consultation',
    label: 'Pseudonymous consultation (e.g. behavioral science)',
    recipient: 'consultant',
    obligationRecipient: null,
    subjectFields: [],
    sections: sections(['reports', 'indicators', 'analysis', 'assessments', 'determinations', 'actions', 'reviews']),
    indicators: every,
    rationale:
      'A consultant outside the hub (for instance a behavioral science or threat assessment professional) helps judge the case, not act on the person: the packet names the subject only by the pseudonymous display id. Free text is not rewritten, so the preview warns that narratives may still identify the person.',
    sources: [cite.behavioralScience, cite.fairAndBalanced, cite.privacy],
  },
];

/** The profile used when none is named: the one that discloses the least. */
export const defaultPacketProfileId: PacketProfileId = 'consultation';

export function packetProfile(id: PacketProfileId): PacketProfile {
  const profile = packetProfiles.find((p) => p.id === id);
  if (profile === undefined) throw new Error(`unknown packet profile ${id}`);
  return profile;
}

export function indicatorMatches(clauses: readonly IndicatorClause[], indicator: { category: PriCategory; stage: IndicatorStage }): boolean {
  return clauses.some((c) => (c.categories === undefined || c.categories.includes(indicator.category)) && (c.stages === undefined || c.stages.includes(indicator.stage)));
}
