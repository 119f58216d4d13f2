import { randomBytes, randomUUID } from 'node:crypto';
import { displayIdTaken, highestCaseSequence } from '../data/sqlcipher/caseNumbers';
import type { Db } from '../vault/database';

export function newId(): string {
  return randomUUID();
}

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A pseudonymous subject id such as S-7F3K2, unique in the vault. */
export function newDisplayId(db: Db): string {
  for (;;) {
    const bytes = randomBytes(5);
    const id = `S-${[...bytes].map((b) => alphabet[b % 32]).join('')}`;
    if (!displayIdTaken(db, id)) return id;
  }
}

/** The next case number of the year, e.g. OR-2026-0042. */
export function nextCaseNumber(db: Db, year: number): string {
  const prefix = `OR-${year}-`;
  return `${prefix}${String(highestCaseSequence(db, prefix) + 1).padStart(4, '0')}`;
}
