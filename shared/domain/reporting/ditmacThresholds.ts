import { cite } from '../citation';
import type { DitmacThreshold } from '../catalog/schema';

/**
 * The DITMAC reporting thresholds the guide names (its Lesson 5 review activity:
 * all four meet DITMAC requirements). DITMAC updates its thresholds; a program adds
 * newer ones as extra reporting rules.
 */
export const ditmacThresholds: readonly DitmacThreshold[] = [
  {
    id: 'unauthorized_disclosure',
    label: 'Unauthorized disclosure',
    facts: ['classified_disclosure'],
    note: 'Classified information is being, or may have been, disclosed without authorization.',
    source: cite.answerKeyLesson5,
  },
  {
    id: 'allegiance',
    label: 'Allegiance to the United States',
    facts: ['allegiance_concern', 'espionage', 'sabotage', 'terrorism', 'subversion'],
    note: 'Conduct that raises doubt about allegiance to the United States, including actual, probable or possible espionage, sabotage, terrorism or subversion.',
    source: cite.answerKeyLesson5,
  },
  {
    id: 'serious_threat',
    label: 'Serious threat',
    facts: ['violence_threat', 'violence_imminent', 'self_harm_risk'],
    note: 'A threat of violence to self or others (including a risk of self-harm), or violence that is imminent or taking place.',
    source: cite.answerKeyLesson5,
  },
  {
    id: 'criminal_conduct_affiliation',
    label: 'Criminal conduct and affiliation',
    facts: ['criminal_conduct'],
    note: 'An actual criminal violation, or affiliation with criminal activity.',
    source: cite.answerKeyLesson5,
  },
];
