import { cite } from '../citation';
import type { PreventionFocusArea, StrategyCharacteristic } from './schema';

/** The major focus areas of effective prevention capabilities. */
export const preventionFocusAreas: readonly PreventionFocusArea[] = [
  {
    id: 'train_recognition',
    label: 'Train personnel to recognize behaviors',
    description: 'Train personnel to recognize behaviors that indicate a person of concern is progressing toward a malicious incident; every person can provide helpful information.',
    source: cite.prevention,
  },
  {
    id: 'reporting_culture',
    label: 'Instill a positive culture for reporting',
    description: 'Make sure people know the program is designed to help them and the potential person of concern.',
    source: cite.prevention,
  },
  {
    id: 'threat_management_team',
    label: 'Establish a multi-disciplinary threat management team',
    description: 'A team with the multi-disciplinary capabilities needed to assess all the facts related to a potential insider threat.',
    source: cite.prevention,
  },
  {
    id: 'respectful_interventions',
    label: 'Develop respectful intervention capabilities',
    description: 'Intervention capabilities and management actions that are respectful and consider the dignity and privacy of every employee.',
    source: cite.prevention,
  },
];

/** The characteristics of effective management strategies. */
export const strategyCharacteristics: readonly StrategyCharacteristic[] = [
  { id: 'holistic', text: 'Holistic: consider the person of concern, potential victims or targets, and the organizational setting or environment.', source: cite.managementStrategies },
  { id: 'concurrent', text: 'Sometimes require multiple, concurrent intervention strategies.', source: cite.managementStrategies },
  { id: 'communication', text: 'Accurate and effective communication with affected stakeholders.', source: cite.managementStrategies },
  { id: 'duration', text: 'Can be short-term or long-term.', source: cite.managementStrategies },
  { id: 'active_or_passive', text: 'Active (directly engaging with a subject) or passive (such as monitoring a person of concern).', source: cite.managementStrategies },
  { id: 'reassessment', text: 'Require continual reassessment, adjustment and follow-through.', source: cite.managementStrategies },
  { id: 'every_discipline', text: 'Let each team member offer a solution based on their discipline and resources.', source: cite.managementStrategies },
  { id: 'may_not_work', text: 'May not work as planned.', source: cite.managementStrategies },
  { id: 'flexible', text: 'Must be flexible: there is no one-size-fits-all approach.', source: cite.managementStrategies },
];
