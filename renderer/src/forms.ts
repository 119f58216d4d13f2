import { localToday } from '../../shared/model/schedule';
import type { ZodError } from 'zod';

/** Maps a zod error to one message per field path ("report.narrative" → message). */
export function fieldErrors(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.');
    if (out[key] === undefined) out[key] = issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
  }
  return out;
}

/** Adds "cannot be in the future" errors for the given date fields. */
export function futureDateErrors(dates: Record<string, string>, what: Record<string, string>): Record<string, string> {
  const today = localToday();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(dates)) if (value > today) out[key] = `${what[key] ?? 'The date'} cannot be in the future.`;
  return out;
}
