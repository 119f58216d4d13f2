import { cite } from '../citation';
import type { Discipline } from '../ids';
import type { DisciplineEntry } from './schema';

/** The seven disciplines of a multidisciplinary insider threat team, in the guide's order. */
export const disciplineEntries: readonly DisciplineEntry[] = [
  { id: 'law_enforcement', label: 'Law enforcement', role: 'Referral for inquiry or investigation; criminal threat briefings and awareness materials.', source: cite.lawEnforcement },
  { id: 'security', label: 'Security', role: 'Security violations, counseling and awareness, bag checks, drug and alcohol testing, physical monitoring, SOP changes.', source: cite.security },
  { id: 'counterintelligence', label: 'Counterintelligence', role: 'Referral to the cognizant CI activity; training on foreign targeting; foreign travel briefs; threat awareness materials.', source: cite.counterintelligence },
  { id: 'cybersecurity', label: 'Cybersecurity', role: 'Privileges and system access, hardware configuration, download and print limits, phishing awareness, monitoring.', source: cite.cybersecurity },
  { id: 'behavioral_science', label: 'Behavioral science', role: 'Treatment recommendations and referrals to mental health, substance abuse and suicide prevention programs.', source: cite.behavioralScience },
  { id: 'hr', label: 'Human resources', role: 'Employee Assistance Program, medical referrals, mediation with supervisors, training, termination procedures, career opportunities.', source: cite.hr },
  { id: 'legal', label: 'Legal', role: 'Included in developing every response so it aligns with privacy protection requirements and other policies.', source: cite.legal },
];

export function disciplineLabel(id: Discipline): string {
  return disciplineEntries.find((d) => d.id === id)?.label ?? id;
}
