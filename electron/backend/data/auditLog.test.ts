import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { appendAudit } from '../vault/audit';
import { insertBareCase } from './bareCase.test-helper';
import { auditActorExists, auditActorNames, caseEventsOf, caseNumbersOf, lastEventOfCase, revealReasonsOf } from './auditLog';
import { orphanRows } from './integrity';
import { embeddedStore } from './sqlcipher';
import { currentUserNames, findCurrentUserNoCase, listCurrentUsers } from './users';

const freshDb = freshDatabases('offramp-data-audit-');
const at = new Date('2026-02-01T00:00:00.000Z');

describe('the audit log’s reads in the data layer', () => {
  it('tells who appears in the log, the numbers of the cases it names and a case’s last event of some kinds', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1', { number: 'OR-1' });
    appendAudit(db, { actor: 'zoe', action: 'case.view', caseId: 'c1' }, at);
    appendAudit(db, { actor: 'ana', action: 'retention.dispose', caseId: 'gone', detail: { n: 1 } }, at);
    appendAudit(db, { actor: 'ana', action: 'retention.dispose', caseId: 'gone', detail: { n: 2 } }, at);
    appendAudit(db, { actor: 'ana', action: 'audit.read' }, at);
    expect(await auditActorExists(q, 'zoe')).toBe(true);
    expect(await auditActorExists(q, 'Zoe')).toBe(false);
    expect(await auditActorNames(q)).toEqual(['ana', 'zoe']);
    expect(await caseNumbersOf(q, ['c1', 'gone', 'c1'])).toEqual(new Map([['c1', 'OR-1']]));
    expect(await caseNumbersOf(q, [])).toEqual(new Map());
    const last = await lastEventOfCase(q, 'gone', ['retention.dispose', 'retention.dispose_reapplied']);
    expect(last?.detail).toBe('{"n":2}');
    expect(await lastEventOfCase(q, 'c1', ['retention.dispose'])).toBeNull();
    expect((await caseEventsOf(q, ['retention.dispose'])).map((e) => [e.caseId, e.detail])).toEqual([
      ['gone', '{"n":1}'],
      ['gone', '{"n":2}'],
    ]);
    await q.insertInto('subject_reveals').values({ id: 'r1', case_id: 'c1', actor: 'zoe', at: at.toISOString(), reason: 'Interview scheduled today' }).execute();
    expect(await revealReasonsOf(q, ['r1', 'r2', 'r1'])).toEqual(new Map([['r1', 'Interview scheduled today']]));
  });

  it('finds no orphan rows in a sound vault, and lists current users without regard to letter case', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1');
    expect(await orphanRows(q, 10)).toEqual([]);
    for (const [name, removed] of [['bea', null], ['Al', null], ['cy', '2026-02-02T00:00:00.000Z']] as const) {
      await q.insertInto('users').values({ name, role: 'analyst', created_at: '2026-01-01T00:00:00.000Z', removed_at: removed }).execute();
    }
    expect((await currentUserNames(q)).sort()).toEqual(['Al', 'bea']);
    expect((await listCurrentUsers(q)).map((u) => u.name)).toEqual(['Al', 'bea']);
    expect(await findCurrentUserNoCase(q, 'AL')).toEqual({ name: 'Al', role: 'analyst' });
    expect(await findCurrentUserNoCase(q, 'cy')).toBeNull();
  });
});
