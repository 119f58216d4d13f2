import { describe, expect, it } from 'vitest';
import type { StoredRetentionRule } from '../../../shared/model/retention';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { caseExists, caseIdByNumber } from './cases';
import { checkpointTruncate, purgeCase } from './disposal';
import {
  caseRetentionFacts,
  dispositionCandidates,
  legalHoldOfCase,
  listRetentionRules,
  replaceRetentionRules,
  retentionRuleToRow,
  rowToRetentionRule,
  writeLegalHold,
} from './retention';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-retention-');
const rule = (program: StoredRetentionRule['program'], years: number): StoredRetentionRule => ({
  status: 'closed',
  program,
  years,
  measuredFrom: 'closure',
  authority: 'Schedule 5.6',
  updatedBy: 'pm',
  updatedAt: '2026-02-01T00:00:00.000Z',
});

describe('retention in the data layer', () => {
  it('maps a rule to its row and back unchanged, and replaces the rule set', async () => {
    expect(rowToRetentionRule(retentionRuleToRow(rule('dod', 5)))).toEqual(rule('dod', 5));
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await replaceRetentionRules(q, [rule('industry', 3), rule('any', 5)]);
    expect(await listRetentionRules(q)).toEqual([rule('any', 5), rule('industry', 3)]);
    await replaceRetentionRules(q, []);
    expect(await listRetentionRules(q)).toEqual([]);
  });

  it('reads a case’s facts, places and clears its hold, and finds the cases closed or idle before a date', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1', { number: 'OR-1', status: 'closed' });
    await insertBareCase(q, 'c2', { number: 'OR-2' });
    await q.updateTable('cases').set({ closed_at: '2019-05-01T00:00:00.000Z' }).where('id', '=', 'c1').execute();
    expect(await caseRetentionFacts(q, 'c1')).toMatchObject({ number: 'OR-1', status: 'closed', closedAt: '2019-05-01T00:00:00.000Z', legalHold: false });
    expect(await caseRetentionFacts(q, 'nope')).toBeNull();
    await writeLegalHold(q, 'c1', { reference: 'Matter 7', placedBy: 'legal' }, '2026-02-01T00:00:00.000Z');
    await writeLegalHold(q, 'c1', { reference: 'Matter 8', placedBy: 'pm' }, '2026-02-02T00:00:00.000Z');
    expect(await legalHoldOfCase(q, 'c1')).toEqual({ caseId: 'c1', legalHold: true, reference: 'Matter 8', placedBy: 'pm', placedAt: '2026-02-02T00:00:00.000Z' });
    await writeLegalHold(q, 'c1', null, '2026-02-03T00:00:00.000Z');
    expect(await legalHoldOfCase(q, 'c1')).toEqual({ caseId: 'c1', legalHold: false, reference: '', placedBy: null, placedAt: null });
    expect(await legalHoldOfCase(q, 'nope')).toBeNull();
    expect((await dispositionCandidates(q, '2021-01-01')).map((c) => c.id)).toEqual(['c1']);
    expect((await dispositionCandidates(q, '2027-01-01')).map((c) => c.id).sort()).toEqual(['c1', 'c2']);
  });

  it('deletes every row of a case and its subject, leaving the other case alone', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1', { number: 'OR-1' });
    await insertBareCase(q, 'c2', { number: 'OR-2' });
    await q.insertInto('case_tags').values({ case_id: 'c1', tag: 'travel', added_by: 'pm', added_at: '2026-02-01T00:00:00.000Z' }).execute();
    const purged = db.transaction(() => purgeCase(db, 'c1'))();
    expect(purged.number).toBe('OR-1');
    expect(purged.rows).toBeGreaterThanOrEqual(3);
    expect(await caseExists(q, 'c1')).toBe(false);
    expect(await caseIdByNumber(q, 'OR-2')).toBe('c2');
    expect(await caseIdByNumber(q, 'OR-1')).toBeNull();
    expect(await q.selectFrom('subjects').select('id').execute()).toEqual([{ id: 's-c2' }]);
    expect(() => purgeCase(db, 'c1')).toThrow(/no such case/);
    expect(checkpointTruncate(db)).toBe(true);
  });
});
