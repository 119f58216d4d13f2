import { describe, expect, it } from 'vitest';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { insertIndicator, indicatorVersions, insertIndicatorVersion, rowToIndicatorVersion, indicatorVersionToRow, type IndicatorVersion } from './caseItems';
import { decisionReasonToRow, decisionReasonsOfCase, insertDecisionReason, rowToDecisionReason, type DecisionReason } from './decisionReasons';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-decisions-');
const at = '2026-02-01T00:00:00.000Z';
const reason = (id: string, caseId: string): DecisionReason => ({ id, caseId, kind: 'case.close', targetId: null, reason: 'The support worked.', actor: 'pm', at });
const indicator = { id: 'i1', reportId: null, category: 'financial', stage: 'stressor', observedOn: '2026-01-30', summary: 'Debt', detail: '', source: 'Payroll', corroboration: 'corroborated', basis: 'fact', version: 1, createdBy: 'ana', createdAt: at, updatedAt: at } as const;

describe('decision reasons and indicator versions in the data layer', () => {
  it('maps a reason and a version to their rows and back unchanged', () => {
    expect(rowToDecisionReason(decisionReasonToRow(reason('d1', 'c1')))).toEqual(reason('d1', 'c1'));
    const version: IndicatorVersion = { indicatorId: 'i1', version: 1, changedAt: at, changedBy: 'ana', indicator };
    expect(rowToIndicatorVersion({ id: 1, ...indicatorVersionToRow(version) })).toEqual(version);
  });

  it('keeps a case’s reasons in the order given, apart from other cases’, and an indicator’s versions in either order', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1');
    await insertBareCase(q, 'c2');
    await insertDecisionReason(q, reason('d2', 'c1'));
    await insertDecisionReason(q, reason('d1', 'c1'));
    await insertDecisionReason(q, reason('d3', 'c2'));
    expect((await decisionReasonsOfCase(q, 'c1')).map((r) => r.id)).toEqual(['d2', 'd1']);
    await insertIndicator(q, 'c1', indicator);
    await insertIndicatorVersion(q, { indicatorId: 'i1', version: 1, changedAt: at, changedBy: 'ana', indicator });
    await insertIndicatorVersion(q, { indicatorId: 'i1', version: 2, changedAt: at, changedBy: 'ana', indicator: { ...indicator, version: 2 } });
    expect((await indicatorVersions(q, 'i1', 'desc')).map((v) => v.version)).toEqual([2, 1]);
    expect((await indicatorVersions(q, 'i1', 'asc')).map((v) => v.indicator.version)).toEqual([1, 2]);
  });
});
