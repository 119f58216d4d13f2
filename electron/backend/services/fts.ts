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
  const subject = db.prepare('SELECT display_id, real_name, org_unit, position FROM subjects WHERE id = ?').get(row.subject_id) as Record<string, string> | undefined;
  if (subject !== undefined) parts.push(...Object.values(subject));
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
  db.prepare('INSERT INTO case_fts (rowid, body) VALUES (?, ?)').run(row.rid, parts.join('\n'));
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
