import { cite, within, type SeedCitation } from './citation';
import type { ConsequenceAreaEntry, DitmacThreshold, ProgramFunctionEntry, TenetEntry } from './catalog/schema';
import type { Discipline, FactId, IndicatorStage, OptionId, ProgramType, Recipient, ResponseType } from './ids';

/**
 * The review activities of the mitigation guide with its Appendix A answer key, as
 * data for a training feature. Choices carry links into the catalog and the rules
 * (`links`) so tests can check that the engine agrees with the answer key.
 */

export interface ChoiceLinks {
  /** Pathway stages the choice stands for. */
  readonly stages?: readonly IndicatorStage[];
  /** Response options the choice stands for. */
  readonly options?: readonly OptionId[];
  readonly functions?: readonly ProgramFunctionEntry['id'][];
  readonly tenets?: readonly TenetEntry['id'][];
  readonly consequenceAreas?: readonly ConsequenceAreaEntry['id'][];
  readonly disciplines?: readonly Discipline[];
  readonly ditmacThreshold?: DitmacThreshold['id'];
  /** Facts that describe the situation of the choice. */
  readonly facts?: Readonly<Partial<Record<FactId, boolean>>>;
}

export interface Choice {
  readonly id: string;
  readonly text: string;
  readonly correct: boolean;
  readonly links?: ChoiceLinks;
}

interface ExerciseBase {
  readonly id: string;
  readonly lesson: 2 | 3 | 4 | 5;
  readonly activity: number;
  readonly prompt: string;
  /** The question as asked in the lesson, and the answer key entry. */
  readonly source: SeedCitation;
  readonly answerSource: SeedCitation;
}

export interface ChoiceExercise extends ExerciseBase {
  readonly kind: 'single_choice' | 'multiple_choice';
  readonly choices: readonly Choice[];
  readonly feedback: string;
}

export interface ClassifyItem {
  readonly id: string;
  readonly text: string;
  /** The category ids the answer key marks correct (one, or several for "select all"). */
  readonly answers: readonly string[];
  readonly feedback: string;
  /** For response classification: the catalog options the item names. */
  readonly options?: readonly OptionId[];
  /**
   * For reporting classification: the facts and the recipient the requirement is
   * about, and, where the recipient may receive the same facts under another
   * authority, the citation that names this requirement.
   */
  readonly reporting?: { readonly facts: Readonly<Partial<Record<FactId, boolean>>>; readonly recipient: Recipient; readonly citation?: string };
}

export interface ClassifyExercise extends ExerciseBase {
  readonly kind: 'classify';
  readonly categories: readonly { readonly id: string; readonly label: string }[];
  /** Whether an item may belong to several categories. */
  readonly multiple: boolean;
  readonly items: readonly ClassifyItem[];
}

export type Exercise = ChoiceExercise | ClassifyExercise;

const activity = (lesson: string, n: number): SeedCitation => ({ seed: '001_125ae4b7b39543f2', section: `${lesson} > Review Activities > Review Activity ${n}` });
const answer = (key: SeedCitation, n: number): SeedCitation => within(key, `Review Activity ${n}`);

const l2 = 'Lesson 2: Mitigation Overview';
const l3 = 'Lesson 3: Response Planning';
const l4 = 'Lesson 4: Multidisciplinary Mitigation Responses';
const l5 = 'Lesson 5: Reporting Requirements';

const tedPrompt =
  "You receive a report that Ted, an employee in your organization, frequently asks colleagues to loan him money. Ted told one of his colleagues that he has a large gambling problem and a large debt he needs to resolve.";

const responseTypeCategories: readonly { id: ResponseType; label: string }[] = [
  { id: 'organizational', label: 'Organizational' },
  { id: 'individual', label: 'Individual' },
];

const programCategories: readonly { id: ProgramType; label: string }[] = [
  { id: 'dod', label: 'DOD' },
  { id: 'federal', label: 'Federal' },
  { id: 'industry', label: 'Industry' },
];

export const exercises: readonly Exercise[] = [
  {
    id: 'l2_ra1_pathway_placement',
    lesson: 2,
    activity: 1,
    kind: 'single_choice',
    prompt: `${tedPrompt} Where on the insider threat critical pathway is Ted's situation, based on this report?`,
    choices: [
      { id: 'predisposition', text: 'Personal Predispositions', correct: false, links: { stages: ['predisposition'] } },
      { id: 'stressor', text: 'Stressors', correct: false, links: { stages: ['stressor'] } },
      { id: 'concerning_behavior', text: 'Concerning Behaviors', correct: false, links: { stages: ['concerning_behavior'] } },
      { id: 'all', text: 'All of the Above', correct: true, links: { stages: ['predisposition', 'stressor', 'concerning_behavior'] } },
    ],
    feedback:
      "Ted's situation falls under all stages of the critical pathway. He has an admitted gambling addiction (personal predisposition), a large debt (stressor), and frequently tries to borrow money from friends/colleagues (concerning behavior).",
    source: activity(l2, 1),
    answerSource: answer(cite.answerKeyLesson2, 1),
  },
  {
    id: 'l2_ra2_best_mitigation',
    lesson: 2,
    activity: 2,
    kind: 'single_choice',
    prompt: "Which of the following is an effective way to mitigate a potential insider threat based upon what you know about Ted's situation?",
    choices: [
      { id: 'refer_law_enforcement', text: 'Refer Ted to law enforcement', correct: false, links: { options: ['refer_law_enforcement'] } },
      { id: 'colleagues_loan', text: "Tell Ted's colleagues to loan money to him", correct: false },
      {
        id: 'support_resources',
        text: 'Provide him with support and resources to deal with his addiction',
        correct: true,
        links: { options: ['employee_assistance_program', 'treatment_recommendations'] },
      },
      { id: 'terminate', text: "Terminate Ted's employment", correct: false, links: { options: ['terminate_employment'] } },
    ],
    feedback: "In Ted's situation, mitigation is best achieved through providing him with support and resources to deal with his addiction.",
    source: activity(l2, 2),
    answerSource: answer(cite.answerKeyLesson2, 2),
  },
  {
    id: 'l2_ra3_program_functions',
    lesson: 2,
    activity: 3,
    kind: 'multiple_choice',
    prompt: 'What functions do Insider Threat Programs perform to reduce the risks posed by insider threats?',
    choices: [
      { id: 'inform_leaders', text: 'Provide leaders with information about the threat landscape', correct: true, links: { functions: ['prevent'] } },
      { id: 'awareness_training', text: 'Mandate security awareness training for employees', correct: true, links: { functions: ['deter'] } },
      { id: 'user_activity_monitoring', text: 'Conduct user activity monitoring', correct: true, links: { functions: ['detect'] } },
      { id: 'consequences', text: 'Document and make available the consequences of insider threat activity', correct: true, links: { functions: ['deter'] } },
    ],
    feedback: 'These are all examples of functions performed by Insider Threat Programs, including prevention, deterrence, detection, and mitigation.',
    source: activity(l2, 3),
    answerSource: answer(cite.answerKeyLesson2, 3),
  },
  {
    id: 'l3_ra1_toebbe_considerations',
    lesson: 3,
    activity: 1,
    kind: 'multiple_choice',
    prompt:
      "Put yourself into the Insider Threat Program at Jonathan Toebbe's organization. In planning a mitigation response to what you have learned about his actions, which of the following should you consider?",
    choices: [
      { id: 'active_transmittal', text: 'There is an active transmittal of classified information.', correct: true, links: { tenets: ['do_no_harm'], facts: { active_transmission: true } } },
      { id: 'notify', text: 'Toebbe should be notified that he has been identified as a risk.', correct: false, links: { tenets: ['avoid_alerting'], options: ['notify_subject'] } },
      { id: 'personal_information', text: "Toebbe's personal information must be properly handled.", correct: true, links: { tenets: ['privacy_civil_liberties'] } },
      {
        id: 'coordinate_evidence',
        text: 'You should coordinate with law enforcement or counterintelligence to properly handle evidence.',
        correct: true,
        links: { tenets: ['chain_of_custody'], options: ['preserve_evidence'] },
      },
    ],
    feedback:
      "In assessing the situation, it is necessary to consider the amount of risk, including whether classified information is actively being transmitted. Although you should avoid alerting the individual, it is also still necessary to ensure the subject's privacy and civil liberties are preserved, and that any actions taken by the Insider Threat Program do not hinder later actions by law enforcement or counterintelligence.",
    source: activity(l3, 1),
    answerSource: answer(cite.answerKeyLesson3, 1),
  },
  {
    id: 'l3_ra2_planning',
    lesson: 3,
    activity: 2,
    kind: 'single_choice',
    prompt: 'How can an Insider Threat Program effectively plan mitigation response options?',
    choices: [
      { id: 'case_by_case_roles', text: 'Establish the roles and responsibilities for involved personnel on a case-by-case basis', correct: false },
      { id: 'act_quickly', text: 'Act as quickly as possible to minimize how long the risk persists', correct: false },
      { id: 'procedures', text: 'Establish procedures, authorities, and a general response plan', correct: true, links: { tenets: ['procedures_and_authorities'] } },
      { id: 'any_means', text: 'Gather evidence by any means necessary', correct: false },
    ],
    feedback:
      'Insider Threat Programs should maintain detailed procedures and authorities for mitigation response options, as well as a general response plan that outlines roles and responsibilities.',
    source: activity(l3, 2),
    answerSource: answer(cite.answerKeyLesson3, 2),
  },
  {
    id: 'l3_ra3_not_a_consequence',
    lesson: 3,
    activity: 3,
    kind: 'single_choice',
    prompt: 'Which of the following is NOT a potential unintended consequence of a failed organizational mitigation response to a possible insider threat?',
    choices: [
      { id: 'public_perception', text: 'Poor public perception of the organization', correct: false, links: { consequenceAreas: ['public_perception'] } },
      { id: 'morale', text: 'Reduced employee morale', correct: false, links: { consequenceAreas: ['morale'] } },
      { id: 'federal_monitoring', text: 'Monitoring of organization by federal law enforcement', correct: true },
      { id: 'circumvention', text: 'Circumvention of rules by personnel due to procedure changes', correct: false, links: { consequenceAreas: ['mission'] } },
    ],
    feedback:
      "The unintended circumstances of a failed mitigation response by an organization can affect the individual, the organization's morale, the mission, and public perception.",
    source: activity(l3, 3),
    answerSource: answer(cite.answerKeyLesson3, 3),
  },
  {
    id: 'l3_ra4_effective_approach',
    lesson: 3,
    activity: 4,
    kind: 'single_choice',
    prompt: 'An insider threat incident occurred at your facility. Which of these approaches would support an effective mitigation response?',
    choices: [
      { id: 'act_quickly', text: 'Act as quickly as possible to put the incident behind your organization.', correct: false },
      { id: 'simplest', text: 'Look for the simplest explanation, as this is most likely to be accurate.', correct: false },
      { id: 'smaller_questions', text: 'Ask smaller questions to differentiate fact from opinion.', correct: true },
    ],
    feedback:
      'When performing analysis for a mitigation response, take the time to plan thoroughly, clarify and be specific with your goals, and strive for a fair and balanced assessment of the case.',
    source: activity(l3, 4),
    answerSource: answer(cite.answerKeyLesson3, 4),
  },
  {
    id: 'l4_ra1_response_types',
    lesson: 4,
    activity: 1,
    kind: 'classify',
    prompt: 'For each mitigation response, select whether it is an organizational or individual response.',
    categories: responseTypeCategories,
    multiple: false,
    items: [
      {
        id: 'referral_ci_le',
        text: 'Referral to counterintelligence or law enforcement',
        answers: ['individual'],
        feedback: 'A referral to counterintelligence addresses a specific incident and aims to mitigate the risk associated with the individual.',
        options: ['refer_counterintelligence', 'refer_law_enforcement'],
      },
      {
        id: 'threat_awareness',
        text: 'Provide threat awareness materials',
        answers: ['organizational'],
        feedback: 'Training and awareness campaigns address systemic issues across the organization.',
        options: ['threat_awareness_materials'],
      },
      {
        id: 'security_violation',
        text: 'Issue a security violation',
        answers: ['individual'],
        feedback: 'A logged security violation addresses a specific incident and aims to mitigate the risk associated with the individual.',
        options: ['security_violation'],
      },
      {
        id: 'terminate',
        text: 'Terminate employment',
        answers: ['individual'],
        feedback: 'Termination of employment is a punitive action that addresses a specific incident and aims to mitigate the risk associated with the individual.',
        options: ['terminate_employment'],
      },
      {
        id: 'career_path',
        text: 'Offer career path options',
        answers: ['organizational'],
        feedback: 'A program offering career opportunities is an organizational response.',
        options: ['career_path_options'],
      },
      {
        id: 'eap',
        text: 'Provide an Employee Assistance Program',
        answers: ['organizational'],
        feedback: 'An Employee Assistance Program is an organizational response.',
        options: ['employee_assistance_program'],
      },
      {
        id: 'uam',
        text: 'Conduct user activity monitoring of information technology systems',
        answers: ['organizational'],
        feedback: 'User activity monitoring is a way to mitigate risk across the organization.',
        options: ['user_activity_monitoring'],
      },
      {
        id: 'mental_health',
        text: 'Referral to mental health counseling',
        answers: ['individual'],
        feedback: 'A referral to mental health counseling aims to mitigate the risk associated with the individual.',
        options: ['mental_health_counseling_referral'],
      },
    ],
    source: activity(l4, 1),
    answerSource: answer(cite.answerKeyLesson4, 1),
  },
  {
    id: 'l4_ra2_toebbe_disciplines',
    lesson: 4,
    activity: 2,
    kind: 'multiple_choice',
    prompt: 'In the Jonathan Toebbe case study, which of the following disciplines were instrumental in detection and mitigation?',
    choices: [
      { id: 'law_enforcement', text: 'Law Enforcement', correct: true, links: { disciplines: ['law_enforcement'] } },
      { id: 'hr', text: 'Human Resources', correct: false, links: { disciplines: ['hr'] } },
      { id: 'counterintelligence', text: 'Counterintelligence', correct: true, links: { disciplines: ['counterintelligence'] } },
      { id: 'behavioral_science', text: 'Behavioral Science', correct: false, links: { disciplines: ['behavioral_science'] } },
    ],
    feedback:
      'Toebbe was prevented from disclosing unauthorized information as a result of a multidisciplinary response comprised by counterintelligence and law enforcement. This includes his contact with a foreign country and the resulting investigation by the Federal Bureau of Investigation.',
    source: activity(l4, 2),
    answerSource: answer(cite.answerKeyLesson4, 2),
  },
  {
    id: 'l5_ra1_requirements_by_program',
    lesson: 5,
    activity: 1,
    kind: 'classify',
    prompt: 'For each requirement, select whether it applies to DOD, Federal, and industry Insider Threat Programs.',
    categories: programCategories,
    multiple: true,
    items: [
      {
        id: 'fbi_foreign_disclosure',
        text: 'Report to the FBI when classified information is disclosed in an unauthorized manner to a foreign power',
        answers: ['dod', 'federal'],
        feedback:
          'DOD and Federal Insider Threat Programs must report to the FBI when classified information is or may have been disclosed in an unauthorized manner to a foreign power, per the Intelligence Authorization Act. Industry must report the loss of classified information to DCSA, and espionage, sabotage, or terrorism to both the FBI and DCSA, per the NISPOM Rule.',
        // Industry reports the same disclosure to the FBI as possible espionage (32 CFR 117.8(b)), not under Section 811.
        reporting: { facts: { classified_disclosure: true, foreign_recipient: true }, recipient: 'fbi', citation: 'Section 811' },
      },
      {
        id: 'ditmac',
        text: 'Report to the DITMAC',
        answers: ['dod'],
        feedback: 'DOD Insider Threat Programs must report information that meets DITMAC reporting thresholds to the DITMAC.',
        reporting: { facts: { classified_disclosure: true, allegiance_concern: true, violence_threat: true, criminal_conduct: true }, recipient: 'ditmac' },
      },
      {
        id: 'dcsa_adverse',
        text: 'Report adverse information to DCSA',
        answers: ['industry'],
        feedback: 'Industry Insider Threat Programs must report adverse information as listed in the NISPOM Rule to DCSA.',
        reporting: { facts: { adverse_information: true }, recipient: 'dcsa' },
      },
    ],
    source: activity(l5, 1),
    answerSource: answer(cite.answerKeyLesson5, 1),
  },
  {
    id: 'l5_ra2_section_811',
    lesson: 5,
    activity: 2,
    kind: 'single_choice',
    prompt: 'Which would you report under Section 811 of the Intelligence Authorization Act?',
    choices: [
      {
        id: 'authorized_unclassified_foreign',
        text: 'Authorized disclosure of unclassified information to a foreign government',
        correct: false,
        links: { facts: { classified_disclosure: false, foreign_recipient: true } },
      },
      {
        id: 'unauthorized_classified_foreign',
        text: 'Unauthorized disclosure of classified information to a foreign government',
        correct: true,
        links: { facts: { classified_disclosure: true, foreign_recipient: true } },
      },
      {
        id: 'unauthorized_classified_domestic',
        text: 'Unauthorized disclosure of classified information to a domestic-owned company',
        correct: false,
        links: { facts: { classified_disclosure: true, foreign_recipient: false } },
      },
      {
        id: 'authorized_unclassified_media',
        text: 'Authorized disclosure of unclassified documents to a domestic media outlet',
        correct: false,
        links: { facts: { classified_disclosure: false, foreign_recipient: false } },
      },
    ],
    feedback: 'Section 811 of the Intelligence Authorization Act concerns the unauthorized release of classified information to foreign powers or agents.',
    source: activity(l5, 2),
    answerSource: answer(cite.answerKeyLesson5, 2),
  },
  {
    id: 'l5_ra3_ditmac_thresholds',
    lesson: 5,
    activity: 3,
    kind: 'multiple_choice',
    prompt: 'Which reporting thresholds meet DITMAC requirements?',
    choices: [
      { id: 'unauthorized_disclosure', text: 'Unauthorized disclosure', correct: true, links: { ditmacThreshold: 'unauthorized_disclosure' } },
      { id: 'allegiance', text: 'Allegiance to the United States', correct: true, links: { ditmacThreshold: 'allegiance' } },
      { id: 'serious_threat', text: 'Serious threat', correct: true, links: { ditmacThreshold: 'serious_threat' } },
      { id: 'criminal_conduct', text: 'Criminal conduct and affiliation', correct: true, links: { ditmacThreshold: 'criminal_conduct_affiliation' } },
    ],
    feedback:
      'All of these thresholds act as a guide for DOD Component Hubs to use when determining whether an incident involved a DOD covered person and should be reported as an insider threat to the DITMAC.',
    source: activity(l5, 3),
    answerSource: answer(cite.answerKeyLesson5, 3),
  },
];

export function exerciseById(id: string): Exercise | undefined {
  return exercises.find((e) => e.id === id);
}
