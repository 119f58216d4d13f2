import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { caseExists, countCases } from './cases';
import { caseTagToRow, deleteCaseTag, insertCaseTag, rowToCaseTag, tagCounts, tagsOfCase, type CaseTag } from './caseTags';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-tags-');
const tag = (caseId: string, t: string): CaseTag => ({ caseId, tag: t, addedBy: 'ana', addedAt: '2026-02-01T00:00:00.000Z' });

describe('case tags in the data layer', () => {
  it('maps a tag to its row and back unchanged', () => {
    expect(rowToCaseTag(caseTagToRow(tag('c1', 'travel')))).toEqual(tag('c1', 'travel'));
  });

  it('adds a tag once, lists a case’s tags and every tag’s count in order, and removes a tag', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1');
    await insertBareCase(q, 'c2');
    expect(await insertCaseTag(q, tag('c1', 'usb exfil'))).toBe(true);
    expect(await insertCaseTag(q, tag('c1', 'travel'))).toBe(true);
    expect(await insertCaseTag(q, { ...tag('c1', 'travel'), addedBy: 'someone else' })).toBe(false);
    expect(await insertCaseTag(q, tag('c2', 'usb exfil'))).toBe(true);
    expect(await tagsOfCase(q, 'c1')).toEqual(['travel', 'usb exfil']);
    expect(await tagCounts(q)).toEqual([
      { tag: 'travel', cases: 1 },
      { tag: 'usb exfil', cases: 2 },
    ]);
    expect(await q.selectFrom('case_tags').select('added_by').where('tag', '=', 'travel').execute()).toEqual([{ added_by: 'ana' }]);
    expect(await deleteCaseTag(q, 'c1', 'travel')).toBe(true);
    expect(await deleteCaseTag(q, 'c1', 'travel')).toBe(false);
    expect(await tagsOfCase(q, 'c1')).toEqual(['usb exfil']);
    expect(await tagsOfCase(q, 'nope')).toEqual([]);
  });

  it('refuses a tag on a case that does not exist and one the table’s check refuses', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await expect(insertCaseTag(q, tag('nope', 'travel'))).rejects.toThrow(/FOREIGN KEY/);
    await insertBareCase(q, 'c1');
    await expect(insertCaseTag(q, tag('c1', 'x'.repeat(41)))).rejects.toThrow(/CHECK/);
    expect(await tagsOfCase(q, 'c1')).toEqual([]);
  });

  it('tells whether a case exists and counts the cases', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    expect(await countCases(q)).toBe(0);
    await insertBareCase(q, 'c1');
    await insertBareCase(q, 'c2');
    expect(await countCases(q)).toBe(2);
    expect(await caseExists(q, 'c1')).toBe(true);
    expect(await caseExists(q, 'c3')).toBe(false);
  });
});
