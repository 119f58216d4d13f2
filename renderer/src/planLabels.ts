import { catalog, citationText, type ResponseOption } from '../../shared/domain';
import type { Discipline, ResponseTarget, ResponseType } from '../../shared/domain/ids';
import type { ActionStatus } from '../../shared/model/actionStatus';

/** Labels of the mitigation, reporting and monitoring screens. */
export const actionStatusLabels: Record<ActionStatus, string> = {
  proposed: 'Proposed',
  legal_review: 'Legal review',
  approved: 'Approved',
  in_progress: 'In progress',
  done: 'Done',
  discontinued: 'Discontinued',
};

export const disciplineLabels = Object.fromEntries(catalog.disciplines.map((d) => [d.id, d.label])) as Record<Discipline, string>;

export const typeLabels: Record<ResponseType, string> = { individual: 'Individual', organizational: 'Organizational' };

export const targetLabels: Record<ResponseTarget, string> = { person: 'Person of concern', victim: 'Potential victims', environment: 'Organizational environment' };

const optionsById = new Map<string, ResponseOption>(catalog.responseOptions.map((o) => [o.id, o]));

export function optionOf(id: string): ResponseOption | undefined {
  return optionsById.get(id);
}

export function optionText(id: string): string {
  return optionsById.get(id)?.label ?? id;
}

export function optionSource(id: string): string {
  const option = optionsById.get(id);
  return option === undefined ? '' : citationText(option.source);
}

export function timingLabel(timing: string): string {
  return timing === 'immediately' ? 'Immediately' : timing === 'promptly' ? 'Promptly' : timing === 'per_internal_procedures' ? 'Per internal procedures' : timing.replaceAll('_', ' ');
}
