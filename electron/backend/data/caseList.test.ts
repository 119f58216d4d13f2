import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { countListedCases, listCasePage, tagsOfCases, type CaseListFilters, type CasePage } from './caseList';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-list-');
const every: CaseListFilters = { viewer: null };
const page = (fields: Partial<CasePage> = {}): CasePage => ({ sort: 'number', direction: 'asc', limit: 10, offset: 0, walk: false, ...fields });

describe('the case list in the data layer', () => {
  it('counts and pages the cases a filter and a viewer keep, in either plan, after a cursor, with their tags', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1', { number: 'OR-1', assignedTo: 'ana' });
    await insertBareCase(q, 'c2', { number: 'OR-2', status: 'closed', assignedTo: 'bo' });
    await insertBareCase(q, 'c3', { number: 'OR-3' });
    await q.insertInto('case_members').values({ case_id: 'c3', user_name: 'ana' }).execute();
    await q.insertInto('case_tags').values([
      { case_id: 'c1', tag: 'travel', added_by: 'pm', added_at: '2026-02-01T00:00:00.000Z' },
      { case_id: 'c1', tag: 'loan', added_by: 'pm', added_at: '2026-02-01T00:00:00.000Z' },
    ]).execute();
    expect(await countListedCases(q, every, null)).toBe(3);
    expect(await countListedCases(q, { ...every, status: 'open' }, null)).toBe(2);
    expect(await countListedCases(q, { viewer: 'ana' }, null)).toBe(2);
    expect(await countListedCases(q, { ...every, tag: 'travel' }, null)).toBe(1);
    expect(await countListedCases(q, { ...every, team: 'ana' }, null)).toBe(2);
    expect(await countListedCases(q, { ...every, stage: 'none' }, null)).toBe(3);
    for (const walk of [false, true]) {
      const rows = await listCasePage(q, every, null, page({ direction: 'desc', walk }));
      expect(rows.map((r) => r.number)).toEqual(['OR-3', 'OR-2', 'OR-1']);
      expect(rows[0]).toMatchObject({ id: 'c3', subjectDisplayId: 'SUBJ-c3', status: 'open', risk: 'low', furthestStage: null, sortKey: 'OR-3' });
      const after = await listCasePage(q, { viewer: 'ana' }, null, page({ sort: 'assignedTo', walk, after: { key: null, number: 'OR-3' } }));
      expect(after.map((r) => r.number)).toEqual(['OR-1']);
    }
    expect((await listCasePage(q, every, null, page({ sort: 'subject', walk: true, limit: 2, offset: 1 }))).map((r) => r.number)).toEqual(['OR-2', 'OR-3']);
    expect(await tagsOfCases(q, ['c1', 'c2'])).toEqual(new Map([['c1', ['loan', 'travel']]]));
    expect(await tagsOfCases(q, [])).toEqual(new Map());
  });
});
