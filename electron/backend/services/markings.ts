import { defaultMarkings, markingsSchema, type Markings } from '../../../shared/model/markings';
import { appendAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import type { VaultSession } from '../vault/session';
import { getSetting, setSetting } from '../vault/settings';
import { requireManager } from '../vault/vault';

const MARKINGS_KEY = 'markings';

/**
 * The vault's markings. Until a program manager sets them, the defaults apply, so
 * nothing is ever printed unmarked. A stored value that no longer parses (written
 * by a newer app, or damaged) also falls back to the defaults rather than printing
 * without markings.
 */
export function getMarkings(db: Db): Markings {
  const raw = getSetting(db, MARKINGS_KEY);
  if (raw === undefined) return defaultMarkings;
  try {
    const parsed = markingsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : defaultMarkings;
  } catch {
    return defaultMarkings;
  }
}

const fields = ['banner', 'categories', 'disseminationControls', 'designation', 'portionMark', 'watermarkWithUserName'] as const;

/** Sets the markings (program manager only), audited with the names of the fields that changed. */
export function setMarkings(session: VaultSession, raw: Markings, now: Date): Markings {
  requireManager(session);
  const next = markingsSchema.parse(raw);
  const previous = getMarkings(session.db);
  const changed = fields.filter((f) => JSON.stringify(previous[f]) !== JSON.stringify(next[f]));
  session.db.transaction(() => {
    setSetting(session.db, MARKINGS_KEY, JSON.stringify(next));
    appendAudit(session.db, { actor: session.user.name, action: 'settings.markings', detail: { changed } }, now);
  })();
  return next;
}
