import { describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from './audit';
import { migrate } from './migrations';
import { freshDatabases } from './migrations/freshDatabase.test-helper';

const freshDb = freshDatabases('offramp-audit-detail-');

describe('the audit log’s stored details', () => {
  it('reads back each event’s detail as it was recorded, and names an event whose stored detail is not an object as an integrity failure', () => {
    const db = freshDb();
    migrate(db);
    const at = new Date('2026-11-20T10:00:00Z');
    appendAudit(db, { actor: 'ana', action: 'case.view', caseId: null, detail: { shown: 3, searched: false } }, at);
    appendAudit(db, { actor: 'ana', action: 'vault.lock' }, at);
    expect(listAudit(db, { limit: 10 }).map((e) => e.detail)).toEqual([{}, { shown: 3, searched: false }]);

    // Written outside Offramp (the chain would not verify either): an array, then text that is not JSON.
    const raw = db.prepare("INSERT INTO audit_events (seq, at, actor, action, case_id, detail, prev_hash, hash) VALUES (?, 't', 'x', 'case.view', NULL, ?, 'p', 'h')");
    raw.run(3, '[1, 2]');
    expect(() => listAudit(db, { limit: 10 })).toThrow(expect.objectContaining({ code: 'integrity', message: expect.stringContaining('Audit event 3') as unknown }));
    expect(listAudit(db, { limit: 10, beforeSeq: 3 })).toHaveLength(2);
    raw.run(4, '{"shown": 3');
    expect(() => listAudit(db, { limit: 1 })).toThrow(expect.objectContaining({ code: 'integrity', message: expect.stringContaining('Audit event 4') as unknown }));
  });
});
