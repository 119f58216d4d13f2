import { cite } from '../citation';
import type { PriCategory } from '../ids';
import type { PriCategoryEntry } from './schema';

/**
 * The nine categories of potential risk indicators (PRIs) the mitigation guide
 * lists, in its order. Examples are only those the guides themselves give (the
 * Ted, Domingo and Toebbe cases and the threat-analysis questions).
 */
export const priCategoryEntries: readonly PriCategoryEntry[] = [
  {
    id: 'access',
    label: 'Access attributes',
    examples: [
      { text: 'Holds the highest levels of national security eligibility with access to highly classified information (Toebbe)', source: cite.toebbeCase },
      { text: 'Had access to the safe', source: cite.analysisGoal },
    ],
    source: cite.pris,
  },
  {
    id: 'professional',
    label: 'Professional lifecycle and performance',
    examples: [
      { text: 'Involuntarily discharged and separated from service on disciplinary grounds (Domingo)', stage: 'stressor', source: cite.criticalPathway },
      { text: 'Interpersonal problems or disgruntlement at work', source: cite.mitigationOverview },
    ],
    source: cite.pris,
  },
  {
    id: 'foreign',
    label: 'Foreign considerations',
    examples: [
      { text: 'Sent a package to a foreign government offering classified data and a covert relationship (Toebbe)', stage: 'concerning_behavior', source: cite.toebbeCase },
      { text: 'Corresponded by encrypted email with a representative of a foreign government (Toebbe)', stage: 'concerning_behavior', source: cite.toebbeCase },
    ],
    source: cite.pris,
  },
  {
    id: 'security_compliance',
    label: 'Security compliance and incidents',
    examples: [
      { text: 'Delivered stolen Top Secret data through dead drops (Toebbe)', stage: 'concerning_behavior', source: cite.toebbeCase },
    ],
    source: cite.pris,
  },
  {
    id: 'technical',
    label: 'Technical activity',
    examples: [
      { text: 'Late-night activity on an information system (which may have a plausible explanation, such as scheduled batch patching)', source: cite.analysisGoal },
      { text: "The individual's credentials were used to log onto the system on a specific date", source: cite.analysisGoal },
    ],
    source: cite.pris,
  },
  {
    id: 'criminal_violent',
    label: 'Criminal, violent, or abusive conduct',
    examples: [
      { text: 'Social media and forum posts advocating violence and terrorism (Domingo)', stage: 'concerning_behavior', source: cite.domingoCase },
      { text: 'Plan to detonate improvised explosive devices at a public rally (Domingo)', stage: 'concerning_behavior', source: cite.domingoCase },
    ],
    source: cite.pris,
  },
  {
    id: 'financial',
    label: 'Financial considerations',
    examples: [
      { text: 'A large debt he needs to resolve (Ted)', stage: 'stressor', source: cite.answerKeyLesson2 },
      { text: 'Frequently asks colleagues to loan him money (Ted)', stage: 'concerning_behavior', source: cite.answerKeyLesson2 },
      { text: 'Unexplained affluence', source: cite.analysisGoal },
      { text: 'Offered $100,000 in cryptocurrency for more data (Toebbe)', stage: 'concerning_behavior', source: cite.toebbeCase },
    ],
    source: cite.pris,
  },
  {
    id: 'substance',
    label: 'Substance abuse and addictive behaviors',
    examples: [{ text: 'An admitted gambling addiction (Ted)', stage: 'predisposition', source: cite.answerKeyLesson2 }],
    source: cite.pris,
  },
  {
    id: 'judgment_psychological',
    label: 'Judgment, character, and psychological conditions',
    examples: [
      { text: 'Difficulty socializing; often felt mocked, criticized and unfairly treated (Domingo)', stage: 'predisposition', source: cite.criticalPathway },
      { text: 'Felt angry, frustrated and ostracized (Domingo)', stage: 'stressor', source: cite.criticalPathway },
      { text: 'Anger and depression (Domingo)', source: cite.domingoResponses },
    ],
    source: cite.pris,
  },
];

export function priCategoryLabel(id: PriCategory): string {
  const entry = priCategoryEntries.find((c) => c.id === id);
  return entry?.label ?? id;
}
