import { describe, expect, it } from 'vitest';
import { auditEventsOfActionSql, GRANT_SIGNED } from '../grants';
import { freshDatabases, versionBefore } from './freshDatabase.test-helper';
import { migration0021 } from './0021-audit-action-index';
import { migrate, schemaVersion } from './index';

const freshDb = freshDatabases('offramp-mig21-');

describe('migration 0021 (audit events by action)', () => {
  it('indexes the log by action, so reading the signed grants at unlock seeks them instead of reading every event', () => {
    const before = versionBefore(migration0021);
    const db = freshDb(before);
    const insert = db.prepare("INSERT INTO audit_events (seq, at, actor, action, case_id, detail, prev_hash, hash) VALUES (?, 't', 'u', ?, NULL, ?, ?, ?)");
    const actions = ['case.view', GRANT_SIGNED, 'case.view', 'indicator.add', GRANT_SIGNED];
    actions.forEach((action, i) => insert.run(i + 1, action, `{"n":${i + 1}}`, `h${i}`, `h${i + 1}`));

    expect(migrate(db, migration0021.version)).toEqual({ from: before, to: migration0021.version });
    expect(schemaVersion(db)).toBe(migration0021.version);
    // The events are untouched, and the grants' events are read through the index, in order.
    expect(db.prepare('SELECT count(*) FROM audit_events').pluck().get()).toBe(5);
    expect(db.prepare(auditEventsOfActionSql).all(GRANT_SIGNED)).toEqual([{ detail: '{"n":2}' }, { detail: '{"n":5}' }]);
    db.exec('ANALYZE');
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${auditEventsOfActionSql}`).all(GRANT_SIGNED) as { detail: string }[]).map((r) => r.detail);
    expect(plan.some((d) => d.includes('USING INDEX audit_action'))).toBe(true);
    expect(plan.filter((d) => d.startsWith('SCAN') || d.includes('TEMP B-TREE'))).toEqual([]);
    // The log stays append-only with the index in place.
    expect(() => db.prepare("UPDATE audit_events SET action = 'x' WHERE seq = 2").run()).toThrow();
  });
});
