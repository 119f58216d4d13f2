import { cite } from '../citation';
import type { LawEnforcementCriterion } from './schema';

/**
 * "Consider requesting the assistance of local law enforcement when:" — the six
 * circumstances of the CISA page, each tied to the fact that states it.
 */
export const lawEnforcementCriteria: readonly LawEnforcementCriterion[] = [
  { fact: 'criminal_conduct', label: 'Actual criminal violations exist', source: cite.lawEnforcementUse },
  { fact: 'violence_imminent', label: 'A threat of violence is imminent or taking place', source: cite.lawEnforcementUse },
  { fact: 'involuntary_commitment_needed', label: 'An involuntary mental health commitment is necessary', source: cite.lawEnforcementUse },
  { fact: 'separation_of_potentially_violent_person', label: 'A potentially violent person is being suspended or terminated', source: cite.lawEnforcementUse },
  { fact: 'domestic_violence_spillover', label: 'An incident of domestic violence threatens the safety of the organization', source: cite.lawEnforcementUse },
  {
    fact: 'wellness_check_needed',
    label: 'Periodic or episodic wellness checks are needed to ensure the safety of a potential victim or the person of concern',
    source: cite.lawEnforcementUse,
  },
];
