import { cite } from '../citation';
import { pathwayStages, type PathwayStage } from '../ids';
import type { PathwayStageEntry } from './schema';

/** Dr. Eric Shaw's critical pathway, in order, as the mitigation guide presents it. */
export const pathwayStageEntries: readonly PathwayStageEntry[] = [
  {
    id: 'predisposition',
    order: 1,
    label: 'Personal Predispositions',
    description:
      'Characteristics of the person that the pathway begins with, such as an addiction or difficulty socializing; with stressors they often correspond to behaviors that emerge as PRIs.',
    indicatorStage: true,
    source: cite.criticalPathway,
  },
  {
    id: 'stressor',
    order: 2,
    label: 'Stressors',
    description: 'Pressures on the person, such as a large debt or a disciplinary separation, that combine with predispositions over time.',
    indicatorStage: true,
    source: cite.criticalPathway,
  },
  {
    id: 'concerning_behavior',
    order: 3,
    label: 'Concerning Behaviors',
    description: 'Observable behaviors that predispositions and stressors lead to, such as borrowing money from colleagues or voicing support for violence.',
    indicatorStage: true,
    source: cite.criticalPathway,
  },
  {
    id: 'organizational_response',
    order: 4,
    label: 'Organizational Response',
    description:
      "The organization's response to the person; the model shows multiple opportunities to redirect the person off the pathway, and an inappropriate response can escalate risk.",
    indicatorStage: false,
    source: cite.criticalPathway,
  },
  {
    id: 'insider_attack',
    order: 5,
    label: 'Insider Attack',
    description: 'Without intervention, concerning behavior may escalate into an attack that damages national security, personnel, facilities or other resources.',
    indicatorStage: false,
    source: cite.effectiveMitigation,
  },
];

/** Position of a stage on the pathway, for sorting. */
export function pathwayOrder(stage: PathwayStage): number {
  return pathwayStages.indexOf(stage);
}
