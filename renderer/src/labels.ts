import type { Role } from '../../shared/domain/ids';

export const roleLabels: Record<Role, string> = {
  program_manager: 'Program manager',
  analyst: 'Analyst',
  legal: 'Legal',
  hr: 'Human resources',
  security: 'Security',
  cybersecurity: 'Cybersecurity',
  counterintelligence: 'Counterintelligence',
  law_enforcement: 'Law enforcement',
  behavioral_science: 'Behavioral science',
};
