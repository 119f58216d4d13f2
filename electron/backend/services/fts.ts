import type { Db } from '../vault/database';

/**
 * Rewrites a case's row in the full-text index from everything written about it.
 * One row per case (rowid = the case's rowid), so updating or removing it is a
 * keyed operation however large the vault grows.
 */
export function reindexCase(db: Db, caseId: string): void {
  const row = db.prepare('SELECT rowid AS rid, number, title, subject_id FROM cases WHERE id = ?').get(caseId) as { rid: number; number: string; title: string; subject_id: string } | undefined;
  if (row === undefined) return;
  const parts: string[] = [row.number, row.title];
  // Names are not search terms: of the subject only the pseudonymous display id
  // is indexed; subject lookup (services/subjectLookup.ts) matches the rest.
  const subject = db.prepare('SELECT display_id, real_name, employee_id FROM subjects WHERE id = ?').get(row.subject_id) as { display_id: string; real_name: string; employee_id: string } | undefined;
  if (subject !== undefined) parts.push(subject.display_id);
  const collect = (sql: string) => {
    for (const r of db.prepare(sql).iterate(caseId) as IterableIterator<Record<string, string | null>>) {
      for (const v of Object.values(r)) if (v) parts.push(v);
    }
  };
  collect('SELECT narrative FROM reports WHERE case_id = ?');
  collect('SELECT summary, detail, source FROM indicators WHERE case_id = ?');
  collect('SELECT text, answer, impact FROM analysis_items WHERE case_id = ?');
  collect('SELECT interest, motive, ability, rationale FROM assessments WHERE case_id = ?');
  collect('SELECT notes FROM actions WHERE case_id = ?');
  collect('SELECT what_changed, new_indicators, coordination FROM reviews WHERE case_id = ?');
  collect('SELECT name FROM evidence WHERE case_id = ?');
  db.prepare('DELETE FROM case_fts WHERE rowid = ?').run(row.rid);
  const body = subject === undefined ? parts.join('\n') : withoutIdentifiers(parts.join('\n'), [subject.real_name, subject.employee_id]);
  db.prepare('INSERT INTO case_fts (rowid, body) VALUES (?, ?)').run(row.rid, body);
}

const wordPattern = /[\p{L}\p{N}]+/gu;
const fold = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The text with every word of the subject's real name and employee id taken
 * out, wherever it was written (a narrative that names the person), so the
 * index can never answer a search for them.
 */
export function withoutIdentifiers(text: string, identifiers: readonly string[]): string {
  const secret = new Set(identifiers.flatMap((value) => value.match(wordPattern) ?? []).map(fold));
  if (secret.size === 0) return text;
  return text.replace(wordPattern, (word) => (secret.has(fold(word)) ? '' : word));
}

export function unindexCase(db: Db, caseRowid: number): void {
  db.prepare('DELETE FROM case_fts WHERE rowid = ?').run(caseRowid);
}

/**
 * Turns what a person typed into a safe FTS5 query: each word quoted (so no FTS
 * syntax can be injected), all words required, the last one as a prefix.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu);
  if (words === null || words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((w, i, all) => `"${w}"${i === all.length - 1 ? '*' : ''}`)
    .join(' ');
}
