import type { Queries } from './store';

/**
 * The reads of the audit log in words (table audit_events, and the numbers of
 * the cases its events name). Appending to the chain and verifying it stay in
 * vault/audit.ts, which every write calls synchronously inside its own work.
 */

/** Whether anyone of exactly that name appears in the audit log. */
export async function auditActorExists(q: Queries, actor: string): Promise<boolean> {
  const row = await q.selectFrom('audit_events').select('seq').where('actor', '=', actor).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Everyone who appears in the audit log, by name. */
export async function auditActorNames(q: Queries): Promise<string[]> {
  const rows = await q.selectFrom('audit_events').select('actor').distinct().orderBy('actor').execute();
  return rows.map((r) => r.actor);
}

/** The newest `limit` events, of one case when `caseId` is given: newest first, as stored (detail is JSON text). */
export async function newestAuditEvents(q: Queries, options: { caseId?: string | undefined; limit: number }): Promise<{ seq: number; at: string; actor: string; action: string; case_id: string | null; detail: string }[]> {
  let query = q.selectFrom('audit_events').select(['seq', 'at', 'actor', 'action', 'case_id', 'detail']).orderBy('seq', 'desc').limit(options.limit);
  if (options.caseId !== undefined) query = query.where('case_id', '=', options.caseId);
  return query.execute();
}

/** The number of each of these cases that still exists (a disposed case has none). */
export async function caseNumbersOf(q: Queries, caseIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(caseIds)];
  const out = new Map<string, string>();
  // A few hundred ids per statement, well below the engine's limit on bound values.
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await q.selectFrom('cases').select(['id', 'number']).where('id', 'in', unique.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r.number);
  }
  return out;
}

/**
 * The newest disposition event of a case (one of `actions`): all that remains
 * of a disposed case, from which its certificate is built. Null when none.
 */
export async function lastEventOfCase(q: Queries, caseId: string, actions: readonly string[]): Promise<{ seq: number; at: string; detail: string; prevHash: string; hash: string } | null> {
  const row = await q
    .selectFrom('audit_events')
    .select(['seq', 'at', 'detail', 'prev_hash', 'hash'])
    .where('case_id', '=', caseId)
    .where('action', 'in', [...actions])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : { seq: row.seq, at: row.at, detail: row.detail, prevHash: row.prev_hash, hash: row.hash };
}

/** Every event of one of `actions` that names a case, oldest first (the dispositions a restore carries forward). */
export async function caseEventsOf(q: Queries, actions: readonly string[]): Promise<{ caseId: string; seq: number; detail: string }[]> {
  const rows = await q
    .selectFrom('audit_events')
    .select(['case_id', 'seq', 'detail'])
    .where('action', 'in', [...actions])
    .where('case_id', 'is not', null)
    .orderBy('seq')
    .execute();
  return rows.flatMap((r) => (r.case_id === null ? [] : [{ caseId: r.case_id, seq: r.seq, detail: r.detail }]));
}

/** The reason given for each of these subject reveals (table subject_reveals), by reveal id. */
export async function revealReasonsOf(q: Queries, revealIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(revealIds)];
  const out = new Map<string, string>();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await q.selectFrom('subject_reveals').select(['id', 'reason']).where('id', 'in', unique.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r.reason);
  }
  return out;
}
