import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../../vault/migrations';
import {
  auditDetailsOfAction,
  auditEventPage,
  auditEventsAfter,
  auditEventsOfActionSql,
  auditHashAt,
  countAuditEvents,
  firstAuditDetailOfAction,
  insertAuditEvent,
  lastAuditEvent,
} from './auditEvents';

const freshDb = freshDatabases('offramp-data-audit-');

const event = (seq: number, action: string, fields: { actor?: string; caseId?: string | null } = {}) => ({
  seq,
  at: `2026-01-0${seq}T00:00:00.000Z`,
  actor: fields.actor ?? 'ana',
  action,
  case_id: fields.caseId ?? null,
  detail: JSON.stringify({ n: seq }),
  prev_hash: `h${seq - 1}`,
  hash: `h${seq}`,
});

function logOf(...events: ReturnType<typeof event>[]) {
  const db = freshDb();
  migrate(db);
  for (const e of events) insertAuditEvent(db, e);
  return db;
}

describe('the audit log’s rows on the embedded engine', () => {
  it('appends rows and reads the head, a hash, the count and the walk after an event', () => {
    const empty = logOf();
    expect(lastAuditEvent(empty)).toBeUndefined();
    expect(countAuditEvents(empty)).toBe(0);
    const db = logOf(event(1, 'vault.create'), event(2, 'case.view'), event(3, 'case.view'));
    expect(lastAuditEvent(db)).toEqual({ seq: 3, hash: 'h3' });
    expect(auditHashAt(db, 2)).toBe('h2');
    expect(auditHashAt(db, 9)).toBeUndefined();
    expect(countAuditEvents(db)).toBe(3);
    expect([...auditEventsAfter(db, 1)]).toEqual([event(2, 'case.view'), event(3, 'case.view')]);
    expect([...auditEventsAfter(db, 3)]).toEqual([]);
    // Append-only: the table's triggers refuse a change.
    expect(() => db.prepare("UPDATE audit_events SET actor = 'x' WHERE seq = 1").run()).toThrow();
  });

  it('pages events newest first by case, actor and a condition on the action', () => {
    const db = logOf(event(1, 'vault.create'), event(2, 'case.view', { caseId: null, actor: 'bo' }), event(3, 'case.edit'), event(4, 'case.view'), event(5, 'user.add'));
    const seqs = (rows: { seq: number }[]) => rows.map((r) => r.seq);
    expect(seqs(auditEventPage(db, { limit: 10 }))).toEqual([5, 4, 3, 2, 1]);
    expect(seqs(auditEventPage(db, { limit: 2, beforeSeq: 5 }))).toEqual([4, 3]);
    expect(seqs(auditEventPage(db, { limit: 10, actor: 'bo' }))).toEqual([2]);
    expect(seqs(auditEventPage(db, { limit: 10, action: { sql: 'action IN (?, ?)', params: ['case.view', 'user.add'] } }))).toEqual([5, 4, 2]);
    expect(seqs(auditEventPage(db, { limit: 10, actor: 'ana', action: { sql: 'action NOT IN (?)', params: ['case.view'] } }))).toEqual([5, 3, 1]);
    expect(auditEventPage(db, { limit: 1 })).toEqual([{ seq: 5, at: event(5, '').at, actor: 'ana', action: 'user.add', case_id: null, detail: '{"n":5}' }]);
    expect(() => auditEventPage(db, { limit: 1, action: { sql: 'action = ?', params: [] } })).toThrow(/number of values/);
  });

  it('reads one action’s events in order through its index', () => {
    const db = logOf(event(1, 'grants.signed'), event(2, 'case.view'), event(3, 'grants.signed'));
    expect(auditDetailsOfAction(db, 'grants.signed')).toEqual(['{"n":1}', '{"n":3}']);
    expect(firstAuditDetailOfAction(db, 'grants.signed')).toBe('{"n":1}');
    expect(firstAuditDetailOfAction(db, 'none')).toBeUndefined();
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${auditEventsOfActionSql}`).all('grants.signed');
    expect(JSON.stringify(plan)).toContain('audit_action');
  });
});
