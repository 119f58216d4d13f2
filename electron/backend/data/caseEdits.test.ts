import { describe, expect, it } from 'vitest';
import type { Indicator, Report } from '../../../shared/model/caseRecord';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import {
  caseEditToRow,
  caseEditsOfCase,
  indicatorVersionsOfCase,
  insertCaseEdit,
  rowToCaseEdit,
  setCaseTitleAndProgram,
  updateReportFields,
  updateSubjectOfCase,
  type CaseEdit,
} from './caseEdits';
import { insertIndicator, insertIndicatorVersion, insertReport } from './caseItems';
import { readCaseRecord } from './caseRecord';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-edits-');
const at = (minute: number) => `2026-02-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
const anEdit = (id: string, caseId: string, editedAt: string): CaseEdit => ({
  id,
  caseId,
  target: 'report',
  targetId: 'r1',
  changes: [
    { field: 'narrative', before: 'Old.', after: 'New.' },
    { field: 'reporterConfidential', before: true, after: false },
    { field: 'reporter', before: null, after: 'Supervisor' },
  ],
  reason: 'Corrected by the supervisor',
  editedBy: 'ana',
  editedAt,
});
const report = (id: string): Report => ({ id, receivedOn: '2026-01-30', howReceived: 'email', reporter: 'Supervisor', reporterConfidential: true, narrative: 'Borrowed money.', createdBy: 'ana', createdAt: at(0) });
const indicator = (id: string): Indicator => ({
  id,
  reportId: null,
  category: 'financial',
  stage: 'stressor',
  observedOn: '2026-01-30',
  summary: `Debt ${id}`,
  detail: '',
  source: 'Payroll',
  corroboration: 'corroborated',
  basis: 'fact',
  version: 1,
  createdBy: 'ana',
  createdAt: at(0),
  updatedAt: at(0),
});

async function store() {
  const db = freshDb();
  migrate(db);
  const { q } = embeddedStore(db);
  await insertBareCase(q, 'c1');
  await insertBareCase(q, 'c2');
  return { db, q };
}

describe('edits with reasons in the data layer', () => {
  it('maps an edit to its row and back unchanged, each value keeping its kind', () => {
    expect(rowToCaseEdit(caseEditToRow(anEdit('e1', 'c1', at(1))))).toEqual(anEdit('e1', 'c1', at(1)));
    expect(rowToCaseEdit({ ...caseEditToRow(anEdit('e1', 'c1', at(1))), target: 'case', target_id: null })).toMatchObject({ target: 'case', targetId: null });
  });

  it('refuses stored fields that are not a list of changes, and a target it does not know, as integrity errors', () => {
    const row = caseEditToRow(anEdit('e1', 'c1', at(1)));
    for (const changes of ['not json', '{"field": "title"}', '[{"field": "title", "before": 1, "after": "x"}]', '[{"before": "a", "after": "b"}]']) {
      expect(() => rowToCaseEdit({ ...row, changes }), changes).toThrow(expect.objectContaining({ code: 'integrity' }));
    }
    expect(() => rowToCaseEdit({ ...row, target: 'indicator' })).toThrow(expect.objectContaining({ code: 'integrity' }));
  });

  it('reads a case’s edits newest first, those of one instant newest written first, apart from other cases’', async () => {
    const { q } = await store();
    await insertCaseEdit(q, anEdit('early', 'c1', at(1)));
    await insertCaseEdit(q, anEdit('same-first', 'c1', at(5)));
    await insertCaseEdit(q, anEdit('same-second', 'c1', at(5)));
    await insertCaseEdit(q, anEdit('other', 'c2', at(9)));
    await insertCaseEdit(q, anEdit('middle', 'c1', at(3)));
    expect((await caseEditsOfCase(q, 'c1')).map((e) => e.id)).toEqual(['same-second', 'same-first', 'middle', 'early']);
    expect(await caseEditsOfCase(q, 'c2')).toEqual([anEdit('other', 'c2', at(9))]);
    expect(await caseEditsOfCase(q, 'none')).toEqual([]);
  });

  it('reads the earlier versions of a case’s indicators, by indicator and oldest first, and no other case’s', async () => {
    const { q } = await store();
    await insertIndicator(q, 'c1', indicator('i2'));
    await insertIndicator(q, 'c1', indicator('i1'));
    await insertIndicator(q, 'c2', indicator('i3'));
    const version = (indicatorId: string, n: number) => ({ indicatorId, version: n, changedAt: at(n), changedBy: 'ana', indicator: { ...indicator(indicatorId), version: n } });
    await insertIndicatorVersion(q, version('i2', 2));
    await insertIndicatorVersion(q, version('i1', 1));
    await insertIndicatorVersion(q, version('i3', 1));
    await insertIndicatorVersion(q, version('i2', 1));
    await insertIndicatorVersion(q, version('i1', 2));
    expect((await indicatorVersionsOfCase(q, 'c1')).map((v) => [v.indicatorId, v.version])).toEqual([
      ['i1', 1],
      ['i1', 2],
      ['i2', 1],
      ['i2', 2],
    ]);
    expect(await indicatorVersionsOfCase(q, 'c2')).toEqual([version('i3', 1)]);
  });

  it('corrects the case’s title and program, and the given details of its own subject only', async () => {
    const { q } = await store();
    await setCaseTitleAndProgram(q, 'c1', 'Corrected title', 'industry');
    await updateSubjectOfCase(q, 'c1', { position: 'Senior clerk', realName: 'Patricia Doe', orgUnit: undefined });
    // No detail given: nothing to write, and no error.
    await updateSubjectOfCase(q, 'c1', {});
    const c1 = await readCaseRecord(q, 'c1');
    expect(c1?.case).toMatchObject({ title: 'Corrected title', program: 'industry' });
    expect(c1?.subject).toMatchObject({ realName: 'Patricia Doe', position: 'Senior clerk', orgUnit: '', employeeId: '' });
    const c2 = await readCaseRecord(q, 'c2');
    expect(c2?.case).toMatchObject({ title: 'Case c2', program: 'dod' });
    expect(c2?.subject).toMatchObject({ realName: 'Pat Doe', position: '' });
  });

  it('corrects a report of the case named, and not one of another case', async () => {
    const { q } = await store();
    await insertReport(q, 'c1', report('r1'));
    await insertReport(q, 'c2', report('r2'));
    const fields = { receivedOn: '2026-01-29', howReceived: 'hotline', reporter: '', reporterConfidential: false, narrative: 'Borrowed from five.' } as const;
    expect(await updateReportFields(q, 'c1', 'r1', fields)).toBe(true);
    expect(await updateReportFields(q, 'c1', 'r2', fields)).toBe(false);
    expect((await readCaseRecord(q, 'c1'))?.reports).toEqual([{ ...report('r1'), ...fields }]);
    expect((await readCaseRecord(q, 'c2'))?.reports).toEqual([report('r2')]);
  });
});
