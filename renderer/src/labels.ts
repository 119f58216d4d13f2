import type { CaseRisk } from '../../shared/model/schedule';
import type { CaseRole } from '../../shared/security/permissions';
import { catalog } from '../../shared/domain';
import type { FactId, IndicatorStage, PriCategory, ProgramType, Recipient } from '../../shared/domain/ids';

/** A vault role in words: the same words the audit log and the CLI use (shared/labels). */
export { roleValueLabels as roleLabels } from '../../shared/labels';

/** A case role in words, and the lead's. */
export const caseRoleLabels: Record<CaseRole | 'lead', string> = { lead: 'Lead', member: 'Member', legal: 'Legal', viewer: 'Viewer (read only)' };


export const programLabels: Record<ProgramType, string> = { dod: 'DOD', federal: 'Federal', industry: 'Industry' };

/** A case's risk in words; "Not assessed" until its first assessment (shared/model/schedule.ts). */
export const riskLabels: Record<CaseRisk, string> = { not_assessed: 'Not assessed', low: 'Low', moderate: 'Moderate', high: 'High', critical: 'Critical' };

export const stageLabels: Record<IndicatorStage, string> = {
  predisposition: 'Personal predispositions',
  stressor: 'Stressors',
  concerning_behavior: 'Concerning behaviors',
};

export const categoryLabels = Object.fromEntries(catalog.priCategories.map((c) => [c.id, c.label])) as Record<PriCategory, string>;

export const factLabels = Object.fromEntries(catalog.facts.map((f) => [f.id, f.label])) as Record<FactId, string>;

export { warningLabels } from '../../shared/domain/catalog/warnings';

export const recipientLabels: Record<Recipient, string> = {
  fbi: 'FBI',
  ditmac: 'DITMAC',
  mildep_ci: 'MILDEP counterintelligence',
  dcsa: 'DCSA',
  diss: 'DISS',
  law_enforcement: 'Law enforcement',
  internal: 'Internal procedures',
};

export const statusLabels = { open: 'Open', monitoring: 'Monitoring', closed: 'Closed' } as const;

export { corroborationLabels, howReceivedLabels } from '../../shared/labels';

export function formatDate(iso: string | null): string {
  if (iso === null || iso === '') return '—';
  return iso.slice(0, 10);
}
