import { z } from 'zod';

/**
 * Every rule and catalog entry says where it comes from: one of the two seed
 * documents and a section path inside it, written with the document's own headings
 * joined by " > ", so a reader can find the passage by searching the text.
 */
export const seedIds = ['000_041f8bede229f69f', '001_125ae4b7b39543f2'] as const;
export const seedIdSchema = z.enum(seedIds);
export type SeedId = z.infer<typeof seedIdSchema>;

export const seedTitles: Readonly<Record<SeedId, string>> = {
  '000_041f8bede229f69f': 'CISA, Managing Insider Threats',
  '001_125ae4b7b39543f2': 'CDSE, Insider Threat Mitigation Responses (April 2024)',
};

export const seedCitationSchema = z.object({ seed: seedIdSchema, section: z.string().min(1) }).strict();
export type SeedCitation = z.infer<typeof seedCitationSchema>;

const managing = (section: string): SeedCitation => ({ seed: '000_041f8bede229f69f', section });
const mitigation = (section: string): SeedCitation => ({ seed: '001_125ae4b7b39543f2', section });

/** The human form of a citation, as shown in the app, the CLI and warnings. */
export function citationText(citation: SeedCitation): string {
  return `${seedTitles[citation.seed]}, ${citation.section}`;
}

/**
 * Several citations in one string, for outputs that carry a single `source`:
 * grouped by document so the title is not repeated for every section.
 */
export function citationsText(citations: readonly SeedCitation[]): string {
  const groups = new Map<SeedId, string[]>();
  for (const { seed, section } of citations) {
    const sections = groups.get(seed) ?? [];
    if (!sections.includes(section)) sections.push(section);
    groups.set(seed, sections);
  }
  return [...groups].map(([seed, sections]) => `${seedTitles[seed]}, ${sections.join('; ')}`).join(' | ');
}

const interventions = 'II. Intervention and Prevention Considerations';
const l2 = 'Lesson 2: Mitigation Overview';
const l3 = 'Lesson 3: Response Planning';
const l4 = 'Lesson 4: Multidisciplinary Mitigation Responses';
const l4Tailored = `${l4} > Tailored Multidisciplinary Mitigation Responses`;
const l5 = 'Lesson 5: Reporting Requirements';
const answerKey = 'Appendix A: Answer Key';

/** The passages the domain cites, by name, so rules and catalog agree on paths. */
export const cite = {
  manage: managing('Manage'),
  managementStrategies: managing('I. Management Strategies'),
  personOfConcern: managing(`${interventions} > Consider the person of concern`),
  victim: managing(`${interventions} > Consider the victim or potential target`),
  environment: managing(`${interventions} > Consider the organizational setting and/or environment`),
  caseNotClosed: managing(`${interventions} > Avoid concluding that a case is closed`),
  prevention: managing(`${interventions} > Effective prevention capabilities`),
  lawEnforcementUse: managing('III. Use of Law Enforcement in Threat Management'),

  multidisciplinaryTeams: mitigation('Lesson 1: Course Introduction > Introduction'),
  domingoCase: mitigation('Lesson 1: Course Introduction > Case Study'),
  mitigationOverview: mitigation(`${l2} > Introduction`),
  pris: mitigation(`${l2} > The Critical Pathway > Potential Risk Indicators`),
  criticalPathway: mitigation(`${l2} > The Critical Pathway > Behavioral Model of Insider Threat`),
  programRole: mitigation(`${l2} > Role of Insider Threat Programs > Overview`),
  preventionDeterrenceDetection: mitigation(`${l2} > Role of Insider Threat Programs > Prevention, Deterrence, and Detection`),
  intervention: mitigation(`${l2} > Role of Insider Threat Programs > Intervention`),
  effectiveMitigation: mitigation(`${l2} > Role of Insider Threat Programs > Effective Mitigation`),
  responseBasics: mitigation(`${l3} > Response Basics > Overview`),
  doNoHarm: mitigation(`${l3} > Response Basics > First, Do No Harm`),
  procedures: mitigation(`${l3} > Response Basics > Establish and Maintain Procedures and Authorities`),
  avoidAlerting: mitigation(`${l3} > Response Basics > Avoid Alerting the Individual`),
  privacy: mitigation(`${l3} > Response Basics > Protect Privacy & Civil Liberties`),
  chainOfCustody: mitigation(`${l3} > Response Basics > Preserve Chain of Custody and Evidence`),
  consequences: mitigation(`${l3} > Unintended Consequences > Impacts`),
  consequencesIndividuals: mitigation(`${l3} > Unintended Consequences > Individuals`),
  consequencesMorale: mitigation(`${l3} > Unintended Consequences > Morale`),
  consequencesMission: mitigation(`${l3} > Unintended Consequences > Mission`),
  consequencesPublic: mitigation(`${l3} > Unintended Consequences > Public Perception`),
  threatAnalysis: mitigation(`${l3} > Threat Analysis > Overview`),
  analysisGoal: mitigation(`${l3} > Threat Analysis > Analysis Goal`),
  fairAndBalanced: mitigation(`${l3} > Threat Analysis > Fair and Balanced Assessment`),
  toebbeCase: mitigation(`${l3} > Threat Analysis > Example`),
  responseTypes: mitigation(`${l4} > Types of Responses > Organizational and Individual`),
  organizationalResponses: mitigation(`${l4} > Types of Responses > Organizational Response`),
  individualResponses: mitigation(`${l4} > Types of Responses > Individual Response`),
  hr: mitigation(`${l4Tailored} > Human Resources (HR)`),
  cybersecurity: mitigation(`${l4Tailored} > Cybersecurity`),
  security: mitigation(`${l4Tailored} > Security`),
  counterintelligence: mitigation(`${l4Tailored} > Counterintelligence (CI)`),
  lawEnforcement: mitigation(`${l4Tailored} > Law Enforcement (LE)`),
  behavioralScience: mitigation(`${l4Tailored} > Behavioral Science`),
  legal: mitigation(`${l4Tailored} > Legal`),
  monitoringResponse: mitigation(`${l4} > Monitoring Response`),
  domingoResponses: mitigation(`${l4} > Case Study`),
  reportingOverview: mitigation(`${l5} > Reporting > Overview`),
  dodRequirements: mitigation(`${l5} > DOD Requirements`),
  fbiReporting: mitigation(`${l5} > DOD Requirements > FBI Reporting`),
  ditmacReporting: mitigation(`${l5} > DOD Requirements > DITMAC Reporting`),
  mildepCiReporting: mitigation(`${l5} > DOD Requirements > MILDEP CI Office Reporting`),
  federalRequirements: mitigation(`${l5} > Federal Requirements`),
  industryRequirements: mitigation(`${l5} > Industry Requirements`),
  answerKeyLesson2: mitigation(`${answerKey} > Lesson 2 Review Activities`),
  answerKeyLesson3: mitigation(`${answerKey} > Lesson 3 Review Activities`),
  answerKeyLesson4: mitigation(`${answerKey} > Lesson 4 Review Activities`),
  answerKeyLesson5: mitigation(`${answerKey} > Lesson 5 Review Activities`),
} as const satisfies Record<string, SeedCitation>;

/** A citation one level deeper than a named passage (e.g. one review activity). */
export function within(citation: SeedCitation, heading: string): SeedCitation {
  return { seed: citation.seed, section: `${citation.section} > ${heading}` };
}
