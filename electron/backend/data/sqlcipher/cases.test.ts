import { describe, expect, it, vi } from 'vitest';
import { migrate } from '../../vault/migrations';
import { freshDatabases } from '../../vault/migrations/freshDatabase.test-helper';
import { insertBareCase } from '../bareCase.test-helper';
import { embeddedStore } from '../sqlcipher';
import { caseIdByIdOrNumber, caseIdsInNumberOrder, insertSubjectReveal, subjectRevealsOf, touchCaseRow } from './cases';

const freshDb = freshDatabases('offramp-data-sync-cases-');

async function withCases() {
  const db = freshDb();
  migrate(db);
  const { q } = embeddedStore(db);
  await insertBareCase(q, 'c2', { number: 'OR-2026-0002' });
  await insertBareCase(q, 'c1', { number: 'OR-2026-0010' });
  await insertBareCase(q, 'c3', { number: 'OR-2025-0099' });
  return db;
}

describe('the case row and subject reveals, synchronously', () => {
  it('finds a case by its id or its number, and nothing for neither', async () => {
    const db = await withCases();
    const prepared = vi.spyOn(db, 'prepare');
    expect(caseIdByIdOrNumber(db, 'c1', 'c1')).toBe('c1');
    expect(caseIdByIdOrNumber(db, 'OR-2026-0002', 'OR-2026-0002')).toBe('c2');
    expect(caseIdByIdOrNumber(db, 'none', 'OR-2025-0099')).toBe('c3');
    expect(caseIdByIdOrNumber(db, 'none', 'OR-2026-9999')).toBeUndefined();
    // Prepared once on the connection; a seek of the key and of the number's unique index, never a walk of the cases.
    expect(prepared).toHaveBeenCalledTimes(1);
    const text = String(prepared.mock.calls[0]?.[0]);
    prepared.mockRestore();
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${text}`)
      .all('x', 'y')
      .map((r) => (typeof r === 'object' && r !== null && 'detail' in r ? String(r.detail) : ''));
    expect(plan.join(' | ')).toMatch(/MULTI-INDEX OR/);
    expect(plan.join(' | ')).not.toMatch(/SCAN/);
  });

  it('lists every case id in number order', async () => {
    const db = await withCases();
    expect(caseIdsInNumberOrder(db)).toEqual(['c3', 'c2', 'c1']);
  });

  it('stamps one case’s updated and last-activity times', async () => {
    const db = await withCases();
    touchCaseRow(db, 'c2', '2026-11-20T10:00:00.000Z');
    touchCaseRow(db, 'c2', '2026-11-21T10:00:00.000Z');
    const stamps = db.prepare('SELECT id, updated_at, last_activity_at FROM cases ORDER BY id').all();
    expect(stamps).toEqual([
      { id: 'c1', updated_at: '2026-01-01T00:00:00.000Z', last_activity_at: '2026-01-01T00:00:00.000Z' },
      { id: 'c2', updated_at: '2026-11-21T10:00:00.000Z', last_activity_at: '2026-11-21T10:00:00.000Z' },
      { id: 'c3', updated_at: '2026-01-01T00:00:00.000Z', last_activity_at: '2026-01-01T00:00:00.000Z' },
    ]);
  });

  it('keeps each reveal with its reason, and lists a case’s reveals newest first (the later written first at the same time)', async () => {
    const db = await withCases();
    insertSubjectReveal(db, { id: 'r1', caseId: 'c1', actor: 'ana', at: '2026-11-01T09:00:00.000Z', reason: 'Interview' });
    insertSubjectReveal(db, { id: 'r2', caseId: 'c1', actor: 'bo', at: '2026-11-02T09:00:00.000Z', reason: 'Referral' });
    insertSubjectReveal(db, { id: 'r3', caseId: 'c1', actor: 'cy', at: '2026-11-02T09:00:00.000Z', reason: 'Same moment' });
    insertSubjectReveal(db, { id: 'r4', caseId: 'c2', actor: 'ana', at: '2026-11-03T09:00:00.000Z', reason: 'Other case' });
    expect(subjectRevealsOf(db, 'c1').map((r) => r.id)).toEqual(['r3', 'r2', 'r1']);
    expect(subjectRevealsOf(db, 'c1')[2]).toEqual({ id: 'r1', caseId: 'c1', actor: 'ana', at: '2026-11-01T09:00:00.000Z', reason: 'Interview' });
    expect(subjectRevealsOf(db, 'c3')).toEqual([]);
  });
});
