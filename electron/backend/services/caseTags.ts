import { AppError } from '../../../shared/contract';
import { savedViewFiltersSchema, type SavedView, type SavedViewFilters } from '../../../shared/contract/caseTags';
import { storeOf, type Queries } from '../data';
import { caseExists } from '../data/cases';
import { deleteCaseTag, insertCaseTag, tagCounts, tagsOfCase } from '../data/caseTags';
import { deleteOwnedView, findOwnedViewByName, listOwnedViews, upsertOwnedView, type OwnedView } from '../data/savedViews';
import { appendAudit } from '../vault/audit';
import type { VaultSession } from '../vault/session';
import { normalTag } from './caseList';
import { newId } from './ids';

type Session = Pick<VaultSession, 'db' | 'user'>;

async function requireCase(q: Queries, caseId: string): Promise<void> {
  if (!(await caseExists(q, caseId))) throw new AppError('not_found', 'There is no such case.');
}

/**
 * Puts a tag on a case. The tag's words stay with the case (case_tags, disposed
 * of with it); the audit event records who tagged which case, not the words,
 * as for a reveal's reason.
 */
export async function addTag(session: Session, caseId: string, tag: string, now: Date): Promise<string[]> {
  const { db, user } = session;
  const normal = normalTag(tag);
  return storeOf(session).transaction(async (tx) => {
    await requireCase(tx, caseId);
    const added = await insertCaseTag(tx, { caseId, tag: normal, addedBy: user.name, addedAt: now.toISOString() });
    if (added) appendAudit(db, { actor: user.name, action: 'case.tag_add', caseId }, now);
    return tagsOfCase(tx, caseId);
  });
}

export async function removeTag(session: Session, caseId: string, tag: string, now: Date): Promise<string[]> {
  const { db, user } = session;
  return storeOf(session).transaction(async (tx) => {
    await requireCase(tx, caseId);
    if (!(await deleteCaseTag(tx, caseId, normalTag(tag)))) throw new AppError('not_found', 'The case does not carry that tag.');
    appendAudit(db, { actor: user.name, action: 'case.tag_remove', caseId }, now);
    return tagsOfCase(tx, caseId);
  });
}

export async function caseTagsOf(session: Pick<VaultSession, 'db'>, caseId: string): Promise<string[]> {
  const { q } = storeOf(session);
  await requireCase(q, caseId);
  return tagsOfCase(q, caseId);
}

export async function allTags(session: Pick<VaultSession, 'db'>): Promise<{ tag: string; cases: number }[]> {
  return tagCounts(storeOf(session).q);
}

/** A view as its owner sees it. */
const shown = ({ owner: _owner, ...view }: OwnedView): SavedView => view;

export async function listViews(session: Session): Promise<SavedView[]> {
  return (await listOwnedViews(storeOf(session).q, session.user.name)).map(shown);
}

/** Saves a view under a name; a view of the same name is replaced. */
export async function saveView(session: Session, name: string, filters: SavedViewFilters, now: Date): Promise<SavedView> {
  const clean = savedViewFiltersSchema.parse({ ...filters, ...(filters.tag === undefined ? {} : { tag: normalTag(filters.tag) }) });
  const view: OwnedView = { id: newId(), owner: session.user.name, name: name.trim(), filters: clean, createdAt: now.toISOString() };
  return storeOf(session).transaction(async (tx) => {
    await upsertOwnedView(tx, view);
    const saved = await findOwnedViewByName(tx, view.owner, view.name);
    if (saved === null) throw new AppError('internal', 'The saved view could not be read back.');
    return shown(saved);
  });
}

export async function deleteView(session: Session, id: string): Promise<boolean> {
  return deleteOwnedView(storeOf(session).q, session.user.name, id);
}
