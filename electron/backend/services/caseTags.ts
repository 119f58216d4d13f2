import { AppError } from '../../../shared/contract';
import { savedViewFiltersSchema, type SavedView, type SavedViewFilters } from '../../../shared/contract/caseTags';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { normalTag, tagsOf } from './caseList';
import { newId } from './ids';

function requireCaseRow(db: Db, caseId: string): void {
  if (db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId) === undefined) throw new AppError('not_found', 'There is no such case.');
}

/**
 * Puts a tag on a case. The tag's words stay with the case (case_tags, disposed
 * of with it); the audit event records who tagged which case, not the words,
 * as for a reveal's reason.
 */
export function addTag(session: VaultSession, caseId: string, tag: string, now: Date): string[] {
  const db = session.db;
  const normal = normalTag(tag);
  return db.transaction(() => {
    requireCaseRow(db, caseId);
    const added = db.prepare('INSERT OR IGNORE INTO case_tags (case_id, tag, added_by, added_at) VALUES (?, ?, ?, ?)').run(caseId, normal, session.user.name, now.toISOString());
    if (added.changes > 0) appendAudit(db, { actor: session.user.name, action: 'case.tag_add', caseId }, now);
    return tagsOf(db, [caseId]).get(caseId) ?? [];
  })();
}

export function removeTag(session: VaultSession, caseId: string, tag: string, now: Date): string[] {
  const db = session.db;
  return db.transaction(() => {
    requireCaseRow(db, caseId);
    const removed = db.prepare('DELETE FROM case_tags WHERE case_id = ? AND tag = ?').run(caseId, normalTag(tag));
    if (removed.changes === 0) throw new AppError('not_found', 'The case does not carry that tag.');
    appendAudit(db, { actor: session.user.name, action: 'case.tag_remove', caseId }, now);
    return tagsOf(db, [caseId]).get(caseId) ?? [];
  })();
}

export function caseTagsOf(db: Db, caseId: string): string[] {
  requireCaseRow(db, caseId);
  return tagsOf(db, [caseId]).get(caseId) ?? [];
}

export function allTags(db: Db): { tag: string; cases: number }[] {
  return db.prepare('SELECT tag, count(*) AS cases FROM case_tags GROUP BY tag ORDER BY tag').all() as { tag: string; cases: number }[];
}

function toView(r: { id: string; name: string; filters: string; created_at: string }): SavedView {
  const parsed = savedViewFiltersSchema.safeParse(JSON.parse(r.filters));
  return { id: r.id, name: r.name, filters: parsed.success ? parsed.data : {}, createdAt: r.created_at };
}

export function listViews(db: Db, owner: string): SavedView[] {
  return (db.prepare('SELECT id, name, filters, created_at FROM saved_views WHERE owner = ? ORDER BY name').all(owner) as Parameters<typeof toView>[0][]).map(toView);
}

/** Saves a view under a name; a view of the same name is replaced. */
export function saveView(db: Db, owner: string, name: string, filters: SavedViewFilters, now: Date): SavedView {
  const clean = savedViewFiltersSchema.parse({ ...filters, ...(filters.tag === undefined ? {} : { tag: normalTag(filters.tag) }) });
  const id = newId();
  db.prepare(
    `INSERT INTO saved_views (id, owner, name, filters, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (owner, name) DO UPDATE SET filters = excluded.filters, created_at = excluded.created_at`,
  ).run(id, owner, name.trim(), JSON.stringify(clean), now.toISOString());
  const row = db.prepare('SELECT id, name, filters, created_at FROM saved_views WHERE owner = ? AND name = ?').get(owner, name.trim()) as Parameters<typeof toView>[0];
  return toView(row);
}

export function deleteView(db: Db, owner: string, id: string): boolean {
  return db.prepare('DELETE FROM saved_views WHERE id = ? AND owner = ?').run(id, owner).changes > 0;
}
