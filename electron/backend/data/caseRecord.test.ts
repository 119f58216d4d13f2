import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../shared/model/caseRecord';
import { freshDatabases } from '../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../vault/migrations';
import { insertBareCase } from './bareCase.test-helper';
import { insertAction, insertAnalysisItem, insertAssessment, insertReport, markAssessmentFinal, moveAction, replaceObligations, upsertDetermination } from './caseItems';
import { readCaseRecord, readScheduleFacts, rowToAction, actionToRow, rowToAnalysisItem, analysisItemToRow, rowToAssessment, assessmentToRow, rowToReport, reportToRow } from './caseRecord';
import { caseFurthestStage, caseStatus, closeCaseRow, setCaseFurthestStage, setCaseSchedule, touchCase } from './cases';
import { embeddedStore } from './sqlcipher';

const freshDb = freshDatabases('offramp-data-record-');
const at = '2026-02-01T00:00:00.000Z';
type Rec = CaseRecord;
const report: Rec['reports'][number] = { id: 'r1', receivedOn: '2026-01-30', howReceived: 'email', reporter: 'Supervisor', reporterConfidential: true, narrative: 'Borrowed money.', createdBy: 'ana', createdAt: at };
const analysis: Rec['analysis'][number] = { id: 'a1', kind: 'goal', text: 'Is Ted harming the organization?', questionKind: null, answer: '', sources: '', status: 'open', justified: null, impact: '', discipline: null, createdBy: 'ana', createdAt: at, updatedAt: at };
const assessment: Rec['assessments'][number] = { id: 's1', interest: '', motive: 'Debt', ability: 'Access', imminence: 'low', risk: 'moderate', rationale: 'Stressor.', leCriteria: ['criminal_conduct'], isFinal: false, assessedBy: 'ana', assessedAt: at };
const action: Rec['actions'][number] = { id: 'x1', strategyId: null, optionId: 'eap_referral', ownerDiscipline: 'hr', ownerPerson: '', status: 'proposed', dueOn: null, notes: '', legalSignoffBy: null, legalSignoffAt: null, warningJustification: '' };

describe('the case record in the data layer', () => {
  it('maps each item to its row and back unchanged, NULL staying null', () => {
    expect(rowToReport(reportToRow('c1', report))).toEqual(report);
    expect(rowToAnalysisItem(analysisItemToRow('c1', analysis))).toEqual(analysis);
    expect(rowToAnalysisItem(analysisItemToRow('c1', { ...analysis, justified: false }))).toEqual({ ...analysis, justified: false });
    expect(rowToAssessment(assessmentToRow('c1', assessment))).toEqual(assessment);
    expect(rowToAction(actionToRow('c1', action, 'ana', at, at))).toEqual(action);
  });

  it('reads a whole case with its items, and the schedule facts alone; a stored code it does not know is an integrity error', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    expect(await readCaseRecord(q, 'c1')).toBeNull();
    expect(await readScheduleFacts(q, 'c1')).toBeNull();
    await insertBareCase(q, 'c1');
    await insertReport(q, 'c1', report);
    await insertAnalysisItem(q, 'c1', analysis);
    await insertAssessment(q, 'c1', assessment);
    await insertAssessment(q, 'c1', { ...assessment, id: 's2', assessedAt: '2026-02-02T00:00:00.000Z' });
    await markAssessmentFinal(q, 'c1', 's2');
    await insertAction(q, 'c1', action, 'ana', at);
    expect(await moveAction(q, 'c1', 'x1', 'legal_review', 'approved', '', at)).toBe(false);
    expect(await moveAction(q, 'c1', 'x1', 'proposed', 'legal_review', '', at)).toBe(true);
    await upsertDetermination(q, 'c1', { factId: 'criminal_conduct', value: 'yes', note: '' }, 'ana', at);
    await upsertDetermination(q, 'c1', { factId: 'criminal_conduct', value: 'no', note: 'on reflection' }, 'ana', at);
    await replaceObligations(q, 'c1', [{ recipient: 'internal', basis: 'b', citation: 'c', timing: 't' }], at);
    const record = await readCaseRecord(q, 'c1');
    expect(record?.case).toMatchObject({ id: 'c1', status: 'open', furthestStage: null, assignedTo: null, nextReview: null, closedAt: null, legalHold: false, members: [] });
    expect(record?.reports).toEqual([report]);
    expect(record?.analysis).toEqual([analysis]);
    expect(record?.assessments.map((a) => [a.id, a.isFinal])).toEqual([['s1', false], ['s2', true]]);
    expect(record?.actions).toEqual([{ ...action, status: 'legal_review' }]);
    expect(record?.determinations).toEqual([{ factId: 'criminal_conduct', value: 'no', note: 'on reflection' }]);
    expect(record?.obligations).toEqual([{ recipient: 'internal', basis: 'b', citation: 'c', timing: 't' }]);
    expect(await readScheduleFacts(q, 'c1')).toEqual({
      status: 'open',
      assessments: [{ risk: 'moderate', assessedAt: at }, { risk: 'moderate', assessedAt: '2026-02-02T00:00:00.000Z' }],
      reviews: [],
      actions: [{ id: 'x1', status: 'legal_review', dueOn: null }],
      determinations: [{ factId: 'criminal_conduct', value: 'no' }],
    });
    db.prepare("UPDATE reports SET how_received = 'pigeon' WHERE id = 'r1'").run();
    await expect(readCaseRecord(q, 'c1')).rejects.toThrow(expect.objectContaining({ code: 'integrity' }));
  });

  it('updates the case row: status, activity, furthest stage and schedule only when they change', async () => {
    const db = freshDb();
    migrate(db);
    const { q } = embeddedStore(db);
    await insertBareCase(q, 'c1');
    expect(await caseStatus(q, 'c1')).toBe('open');
    expect(await caseStatus(q, 'nope')).toBeNull();
    await touchCase(q, 'c1', at);
    expect(await q.selectFrom('cases').select(['updated_at', 'last_activity_at']).executeTakeFirst()).toEqual({ updated_at: at, last_activity_at: at });
    db.exec('CREATE TEMP TABLE rewrites (n INTEGER)');
    db.exec('CREATE TEMP TRIGGER count_rewrites AFTER UPDATE OF risk, next_review, furthest_stage ON main.cases BEGIN INSERT INTO rewrites VALUES (1); END');
    const rewrites = () => (db.prepare('SELECT count(*) AS n FROM rewrites').get() as { n: number }).n;
    await setCaseFurthestStage(q, 'c1', 'stressor');
    await setCaseFurthestStage(q, 'c1', 'stressor');
    expect(await caseFurthestStage(q, 'c1')).toBe('stressor');
    await setCaseSchedule(q, 'c1', 'moderate', '2026-03-01');
    await setCaseSchedule(q, 'c1', 'moderate', '2026-03-01');
    await setCaseSchedule(q, 'c1', 'moderate', null);
    expect(rewrites()).toBe(3);
    await closeCaseRow(q, 'c1', at, 'done');
    expect(await q.selectFrom('cases').select(['status', 'closed_at', 'closure_reason', 'next_review']).executeTakeFirst()).toEqual({ status: 'closed', closed_at: at, closure_reason: 'done', next_review: null });
  });
});
