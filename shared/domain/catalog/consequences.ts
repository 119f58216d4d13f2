import { cite } from '../citation';
import type { ConsequenceAreaEntry } from './schema';

/** The four areas where a response can have unintended, negative consequences. */
export const consequenceAreaEntries: readonly ConsequenceAreaEntry[] = [
  {
    id: 'individuals',
    label: 'Individuals',
    impacts: [
      'Disgruntlement from an overly aggressive response that makes the individual feel poorly treated, which increases risk',
      'Effects on the career or life of the individual from poor information handling that persist even if the individual is exonerated or was falsely accused',
    ],
    source: cite.consequencesIndividuals,
  },
  {
    id: 'morale',
    label: 'Morale',
    impacts: [
      'Disgruntlement throughout the organization if others learn of an overly aggressive response, reducing vigilance and willingness to report',
      'Overly weak responses that make reporting feel pointless',
      'Seeing a colleague charged with or convicted of a crime, even when necessary',
    ],
    source: cite.consequencesMorale,
  },
  {
    id: 'mission',
    label: 'Mission',
    impacts: ['Personnel circumventing the rules to get their work done because of onerous rule or procedure changes'],
    source: cite.consequencesMission,
  },
  {
    id: 'public_perception',
    label: 'Public perception',
    impacts: ['Low morale and diminished future recruitment capability due to media coverage of the situation and the response'],
    source: cite.consequencesPublic,
  },
];
