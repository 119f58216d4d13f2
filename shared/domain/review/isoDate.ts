import { z } from 'zod';

const msPerDay = 86_400_000;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?$/;

/** Day number (days since 1970-01-01, UTC) of an ISO date or date-time; null when invalid. */
export function dayNumber(iso: string): number | null {
  const match = datePattern.exec(iso);
  if (match === null) return null;
  if (match[4] !== undefined) {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? null : Math.floor(ms / msPerDay);
  }
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a real date survives the round trip.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return Math.floor(ms / msPerDay);
}

/** The ISO date (YYYY-MM-DD) of a day number. */
export function isoDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

/** An ISO 8601 date (YYYY-MM-DD) or date-time with an offset. */
export const isoDateSchema = z.string().refine((s) => dayNumber(s) !== null, 'expected an ISO date such as 2025-03-31');
