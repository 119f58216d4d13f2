import { buildTimeline, type TimelineEntry } from '../../../shared/model/timeline';
import { listAudit } from '../vault/audit';
import type { Db } from '../vault/database';
import { requireCase } from './cases';

/** Enough audit events for any one case's life; views are skipped by the builder. */
const MAX_EVENTS = 20_000;

export function caseTimeline(db: Db, caseId: string): TimelineEntry[] {
  const record = requireCase(db, caseId);
  return buildTimeline(record, listAudit(db, { caseId, limit: MAX_EVENTS }));
}
