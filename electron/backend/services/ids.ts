import { randomBytes, randomUUID } from 'node:crypto';
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
    if (db.prepare('SELECT 1 FROM subjects WHERE display_id = ?').get(id) === undefined) return id;
  }
}

/** The next case number of the year, e.g. OR-2026-0042. */
export function nextCaseNumber(db: Db, year: number): string {
  const prefix = `OR-${year}-`;
  const row = db.prepare('SELECT max(CAST(substr(number, ?) AS INTEGER)) AS n FROM cases WHERE number LIKE ?').get(prefix.length + 1, `${prefix}%`) as { n: number | null };
  return `${prefix}${String((row.n ?? 0) + 1).padStart(4, '0')}`;
}
