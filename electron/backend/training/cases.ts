import type { Intake, NewIndicator } from '../../../shared/contract/cases';
import type { FactId } from '../../../shared/domain/ids';

/**
 * The training vault's cases: fictional, built from the guides' own case studies,
 * each stopped at a realistic mid-point — indicators, analysis and assessment done,
 * mitigation and reporting left for the trainee.
 */
export interface TrainingCase {
  intake: Intake;
  indicators: NewIndicator[];
  analysis: { kind: 'goal' | 'question' | 'assumption' | 'alternative' | 'viewpoint'; text: string; questionKind?: 'definitive' | 'opinion' | 'multiple_viewpoints'; discipline?: 'cybersecurity' | 'hr' | 'behavioral_science' | 'counterintelligence' }[];
  assessment: { interest: string; motive: string; ability: string; imminence: 'none' | 'low' | 'moderate' | 'high' | 'imminent'; risk: 'low' | 'moderate' | 'high' | 'critical'; rationale: string };
  determinations: [FactId, 'yes' | 'no' | 'unknown'][];
}

const ind = (category: NewIndicator['category'], stage: NewIndicator['stage'], observedOn: string, summary: string, source: string, basis: 'fact' | 'opinion' = 'fact'): NewIndicator => ({
  category,
  stage,
  observedOn,
  summary,
  detail: '',
  source,
  corroboration: basis === 'fact' ? 'corroborated' : 'uncorroborated',
  basis,
});

const subject = (realName: string, orgUnit: string, position: string, clearance: string) => ({
  realName,
  employeeId: '',
  orgUnit,
  position,
  clearance,
  facilityAccess: 'Main campus',
  systemAccess: 'Unclassified network',
});

const toebbe = (program: 'dod' | 'federal' | 'industry', label: string): TrainingCase => ({
  intake: {
    title: `Training: suspected disclosure of naval reactor data (${label})`,
    program,
    subject: subject('Jonah Tabor (fictional)', 'Naval reactors engineering', 'Nuclear engineer', 'Top Secret / Q'),
    report: {
      receivedOn: '2026-10-05',
      howReceived: 'records_check',
      reporter: 'Liaison officer',
      reporterConfidential: true,
      narrative:
        'A package addressed to a foreign government was intercepted. It held a sample of Top Secret reactor data and instructions for setting up a covert relationship, with an offer to sell more. Later encrypted emails discuss cryptocurrency payments and dead drops.',
    },
    indicators: [],
  },
  indicators: [
    ind('access', 'predisposition', '2026-09-01', 'Access to highly classified naval nuclear propulsion data', 'Personnel security records'),
    ind('foreign', 'concerning_behavior', '2026-09-20', 'Sent a package to a foreign government offering classified data', 'Intercepted package'),
    ind('foreign', 'concerning_behavior', '2026-09-28', 'Encrypted correspondence with a foreign representative about payment', 'Liaison report'),
    ind('financial', 'concerning_behavior', '2026-09-28', 'Asked for payment in cryptocurrency', 'Liaison report', 'opinion'),
  ],
  analysis: [
    { kind: 'goal', text: 'Is classified information being disclosed to a foreign power, and how can an investigation be protected?' },
    { kind: 'question', text: 'Did the subject have access to the data in the intercepted sample?', questionKind: 'definitive' },
    { kind: 'assumption', text: 'The motive is financial rather than ideological.' },
    { kind: 'alternative', text: 'Another person with the same access sent the package in the subject’s name.' },
  ],
  assessment: {
    interest: 'Offered further data for sale.',
    motive: 'Apparently financial: cryptocurrency payment requested.',
    ability: 'Direct access to the most sensitive reactor design data.',
    imminence: 'high',
    risk: 'critical',
    rationale: 'Probable ongoing unauthorized disclosure of classified information to a foreign government.',
  },
  determinations: [
    ['classified_disclosure', 'yes'],
    ['foreign_recipient', 'yes'],
    ['espionage', 'yes'],
    ['criminal_conduct', 'yes'],
  ],
});

export const trainingCases: readonly TrainingCase[] = [
  {
    intake: {
      title: 'Training: gambling debt and borrowing from colleagues',
      program: 'dod',
      subject: subject('Ted Marlow (fictional)', 'Logistics', 'Supply specialist', 'Secret'),
      report: {
        receivedOn: '2026-11-02',
        howReceived: 'supervisor_referral',
        reporter: 'Supervisor, Logistics',
        reporterConfidential: false,
        narrative: 'Ted frequently asks colleagues to loan him money. He told one of them he has a large gambling problem and a large debt he needs to resolve.',
      },
      indicators: [],
    },
    indicators: [
      ind('substance', 'predisposition', '2026-09-15', 'Gambling addiction', 'Colleague', 'opinion'),
      ind('financial', 'stressor', '2026-10-20', 'Large gambling debt', 'Colleague'),
      ind('financial', 'concerning_behavior', '2026-11-01', 'Frequently asks colleagues for loans', 'Supervisor'),
    ],
    analysis: [
      { kind: 'goal', text: 'Is Ted at risk of harming the organization because of his debt, and what support would help?' },
      { kind: 'question', text: 'Has Ted had access to funds or property he could misuse?', questionKind: 'definitive' },
      { kind: 'question', text: 'Is Ted resentful toward the organization?', questionKind: 'opinion' },
      { kind: 'assumption', text: 'The debt, not disgruntlement, drives the borrowing.' },
    ],
    assessment: {
      interest: 'None shown in harming the organization.',
      motive: 'Financial pressure from gambling debt.',
      ability: 'Ordinary access as a supply specialist.',
      imminence: 'low',
      risk: 'moderate',
      rationale: 'A stressor with a concerning behavior and no criminal nexus: support resources first.',
    },
    determinations: [
      ['criminal_conduct', 'no'],
      ['violence_threat', 'no'],
      ['classified_disclosure', 'no'],
    ],
  },
  {
    intake: {
      title: 'Training: online radicalization after separation from service',
      program: 'dod',
      subject: subject('Mark Delgado (fictional)', 'Former infantry unit', 'Former soldier', 'None (separated)'),
      report: {
        receivedOn: '2026-10-12',
        howReceived: 'hotline',
        reporter: 'Former unit member',
        reporterConfidential: true,
        narrative:
          'A former unit member reports that the subject, involuntarily separated on disciplinary grounds, posts in online forums in support of violence against religious groups and law enforcement, and talks about attending a public rally.',
      },
      indicators: [],
    },
    indicators: [
      ind('judgment_psychological', 'predisposition', '2026-06-01', 'Difficulty socializing; feels mocked and unfairly treated', 'Unit records', 'opinion'),
      ind('professional', 'stressor', '2026-08-15', 'Involuntarily separated on disciplinary grounds', 'Personnel records'),
      ind('criminal_violent', 'concerning_behavior', '2026-10-10', 'Online posts advocating violence and terrorism', 'Hotline report'),
    ],
    analysis: [
      { kind: 'goal', text: 'Is there a risk of violence, how imminent, and who could be harmed?' },
      { kind: 'question', text: 'Has the subject acquired weapons or materials?', questionKind: 'definitive' },
      { kind: 'viewpoint', text: 'The posts follow the separation closely; grievance is a strong driver.', discipline: 'behavioral_science' },
    ],
    assessment: {
      interest: 'Expressed intent to attack a public rally.',
      motive: 'Grievance and extremist views.',
      ability: 'Military training; means not yet known.',
      imminence: 'high',
      risk: 'critical',
      rationale: 'Threats of violence with grievance after separation; law enforcement must be involved.',
    },
    determinations: [
      ['violence_threat', 'yes'],
      ['terrorism', 'yes'],
      ['allegiance_concern', 'yes'],
      ['subject_separated', 'yes'],
    ],
  },
  toebbe('dod', 'DOD'),
  toebbe('federal', 'Federal'),
  toebbe('industry', 'Industry'),
  {
    intake: {
      title: 'Training: threats to a co-worker after a domestic dispute',
      program: 'federal',
      subject: subject('Riley Quinn (fictional)', 'Facilities', 'Maintenance technician', 'Public trust'),
      report: {
        receivedOn: '2026-11-05',
        howReceived: 'in_person',
        reporter: 'Co-worker (potential victim)',
        reporterConfidential: true,
        narrative:
          'A co-worker reports that the subject, her former partner, has followed her to the parking lot twice and said she would regret leaving him. She fears for her safety at work.',
      },
      indicators: [],
    },
    indicators: [
      ind('criminal_violent', 'stressor', '2026-10-25', 'Recent break-up with a co-worker', 'Co-worker'),
      ind('criminal_violent', 'concerning_behavior', '2026-11-03', 'Followed the co-worker to the parking lot; veiled threat', 'Co-worker'),
    ],
    analysis: [
      { kind: 'goal', text: 'Is the co-worker in danger at work, and what protects her while the situation is assessed?' },
      { kind: 'question', text: 'Did anyone else witness the threat?', questionKind: 'definitive' },
    ],
    assessment: {
      interest: 'Focused on the former partner.',
      motive: 'Anger at the end of the relationship.',
      ability: 'Access to the building and parking at all hours.',
      imminence: 'moderate',
      risk: 'high',
      rationale: 'Domestic violence spilling into the workplace; safety of the potential victim comes first.',
    },
    determinations: [
      ['violence_threat', 'yes'],
      ['domestic_violence_spillover', 'yes'],
    ],
  },
];
