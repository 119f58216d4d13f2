import type { Selectable } from 'kysely';
import { AppError } from '../../../shared/contract';
import type { Database } from './schema';
import type { Queries } from './store';

/**
 * The custody log of a case's evidence (table custody_events, migration 0001):
 * intake, hand-overs and copies into packets, each with its details as JSON.
 * Events are only ever added; the case record reads and writes them with the
 * rest of the record (data/caseRecord.ts, data/sqlcipher/caseRecord.ts).
 */
export type CustodyEventRow = Selectable<Database['custody_events']>;

export interface CustodyEvent {
  caseId: string;
  /** Null for an event of the case as a whole (a packet exported or imported). */
  evidenceId: string | null;
  at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown>;
}

/** A stored detail that is not a JSON object is an integrity error, never a guess. */
export function rowToCustodyEvent(r: CustodyEventRow): CustodyEvent {
  const detail: unknown = JSON.parse(r.detail);
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) throw new AppError('integrity', `Custody event ${r.id} in the vault has details that are not an object.`);
  return { caseId: r.case_id, evidenceId: r.evidence_id, at: r.at, actor: r.actor, action: r.action, detail: Object.fromEntries(Object.entries(detail)) };
}

/** The row to insert (the engine numbers it). */
export function custodyEventToRow(x: CustodyEvent): Omit<CustodyEventRow, 'id'> {
  return { case_id: x.caseId, evidence_id: x.evidenceId, at: x.at, actor: x.actor, action: x.action, detail: JSON.stringify(x.detail) };
}

export async function insertCustodyEvent(q: Queries, x: CustodyEvent): Promise<void> {
  await q.insertInto('custody_events').values(custodyEventToRow(x)).execute();
}

/** A case's custody log in the order it was written. */
export async function custodyEventsOfCase(q: Queries, caseId: string): Promise<CustodyEvent[]> {
  const rows = await q.selectFrom('custody_events').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  return rows.map(rowToCustodyEvent);
}
