import { type MeasuredFrom } from '../../../../shared/model/retention';
import { programLabels } from '../../labels';

export type Message = { kind: 'ok' | 'error' | 'info'; text: string };

export const measuredFromLabels: Record<MeasuredFrom, string> = { closure: 'Closure', last_activity: 'Last activity' };

export function programLabel(program: string): string {
  return program === 'any' ? 'Any program' : (programLabels[program as keyof typeof programLabels] ?? program);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function stamp(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
