import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../../shared/model/caseRecord';
import { freshDatabases } from '../../vault/migrations/freshDatabase.test-helper';
import { migrate } from '../../vault/migrations';
import { readCaseRecord } from '../caseRecord';
import { embeddedStore } from '../sqlcipher';
import { insertCaseRecordNow, readCaseRecordNow } from './caseRecord';
import type { Db } from './connection';

const freshDb = freshDatabases('offramp-data-sync-record-');
const t = (day: number) => `2026-03-${String(day).padStart(2, '0')}T09:00:00.000Z`;

/**
 * A record with an item of every kind, the nullable fields both null and set,
 * and each list given out of the order it is read in (so the order read back is
 * the query's, not the insertion's).
 */
function fullRecord(): CaseRecord {
  return {
    format: 'offramp-case',
    version: 1,
    case: {
      id: 'c1',
      number: 'OR-2026-0001',
      title: 'Borrowing from colleagues',
      program: 'federal',
      status: 'monitoring',
      risk: 'moderate',
      furthestStage: 'stressor',
      assignedTo: 'ana',
      members: ['hana', 'ben'],
      createdBy: 'pm',
      createdAt: t(1),
      updatedAt: t(9),
      lastActivityAt: t(9),
      nextReview: '2026-06-01',
      legalHold: true,
      closedAt: null,
      closureReason: null,
      sourcePacketId: 'pkt-1',
    },
    subject: { displayId: 'S-ABCDE', realName: 'Pat Doe', employeeId: 'E-1', orgUnit: 'Logistics', position: 'Clerk', clearance: 'Secret', facilityAccess: 'HQ', systemAccess: 'ERP' },
    reports: [
      { id: 'r2', receivedOn: '2026-03-05', howReceived: 'hotline', reporter: '', reporterConfidential: false, narrative: 'Second.', createdBy: 'ana', createdAt: t(5) },
      { id: 'r1', receivedOn: '2026-03-02', howReceived: 'email', reporter: 'Supervisor', reporterConfidential: true, narrative: 'First.', createdBy: 'ana', createdAt: t(2) },
    ],
    indicators: [
      { id: 'i2', reportId: null, category: 'financial', stage: 'stressor', observedOn: '2026-03-04', summary: 'Debt', detail: '', source: 'HR', corroboration: 'uncorroborated', basis: 'opinion', version: 2, createdBy: 'ana', createdAt: t(4), updatedAt: t(6) },
      { id: 'i1', reportId: 'r1', category: 'access', stage: 'predisposition', observedOn: '2026-03-01', summary: 'Access', detail: 'After hours.', source: 'Logs', corroboration: 'corroborated', basis: 'fact', version: 1, createdBy: 'ana', createdAt: t(2), updatedAt: t(2) },
    ],
    analysis: [
      { id: 'a2', kind: 'question', text: 'Why?', questionKind: 'opinion', answer: 'Debt.', sources: 'HR', status: 'answered', justified: false, impact: 'High', discipline: 'hr', createdBy: 'ana', createdAt: t(4), updatedAt: t(5) },
      { id: 'a1', kind: 'goal', text: 'Harm?', questionKind: null, answer: '', sources: '', status: 'open', justified: null, impact: '', discipline: null, createdBy: 'ana', createdAt: t(3), updatedAt: t(3) },
    ],
    checklist: [
      { itemId: 'z-last', addressed: false, note: '' },
      { itemId: 'a-first', addressed: true, note: 'Done.' },
    ],
    assessments: [
      { id: 's2', interest: '', motive: 'Debt', ability: 'Access', imminence: 'low', risk: 'moderate', rationale: 'Later.', leCriteria: [], isFinal: true, assessedBy: 'ana', assessedAt: t(7) },
      { id: 's1', interest: 'Some', motive: '', ability: '', imminence: 'none', risk: 'low', rationale: 'First.', leCriteria: ['criminal_conduct', 'violence_threat'], isFinal: false, assessedBy: 'ana', assessedAt: t(6) },
    ],
    determinations: [
      { factId: 'violence_threat', value: 'no', note: '' },
      { factId: 'criminal_conduct', value: 'unknown', note: 'Asked legal.' },
    ],
    strategies: [{ id: 'st1', title: 'Support' }],
    actions: [
      { id: 'x1', strategyId: 'st1', optionId: 'eap_referral', ownerDiscipline: 'hr', ownerPerson: 'Lee', status: 'approved', dueOn: '2026-04-01', notes: 'n', legalSignoffBy: 'legal', legalSignoffAt: t(8), warningJustification: '' },
    ],
    obligations: [
      { recipient: 'internal', basis: 'b2', citation: 'c2', timing: 'later' },
      { recipient: 'dcsa', basis: 'b1', citation: 'c1', timing: 'now' },
    ],
    reportingRecords: [
      { id: 'rr2', recipient: 'internal', outcome: 'not_required', reportedOn: null, method: '', reference: '', reportedBy: '', justification: 'Not met.', recordedBy: 'ana', recordedAt: t(8) },
      { id: 'rr1', recipient: 'dcsa', outcome: 'reported', reportedOn: '2026-03-07', method: 'Portal', reference: 'REF-1', reportedBy: 'ana', justification: '', recordedBy: 'ana', recordedAt: t(7) },
    ],
    reviews: [
      { id: 'v2', heldOn: '2026-03-08', whatChanged: 'Less.', effectiveness: {}, newIndicators: '', coordination: '', nextReview: null, reviewedBy: 'ana' },
      { id: 'v1', heldOn: '2026-03-06', whatChanged: 'More.', effectiveness: { x1: 'working' }, newIndicators: 'None', coordination: 'HR', nextReview: '2026-06-01', reviewedBy: 'ana' },
    ],
    evidence: [{ id: 'e1', name: 'log.txt', mediaType: 'text/plain', size: 12, sha256: 'a'.repeat(64), receivedOn: '2026-03-03', source: 'IT' }],
    custody: [
      { at: t(3), actor: 'ana', action: 'received', evidenceId: 'e1', detail: { from: 'IT', pages: 2 } },
      { at: t(9), actor: 'ana', action: 'packet.exported', evidenceId: null, detail: {} },
    ],
  };
}

/** The same record as another case, every id its own. */
function otherCase(r: CaseRecord): CaseRecord {
  const id = (x: string) => `${x}-b`;
  const idOrNull = (x: string | null) => (x === null ? null : id(x));
  return {
    ...r,
    case: { ...r.case, id: 'c2', number: 'OR-2026-0002', sourcePacketId: null },
    subject: { ...r.subject, displayId: 'S-FGHJK' },
    reports: r.reports.map((x) => ({ ...x, id: id(x.id) })),
    indicators: r.indicators.map((x) => ({ ...x, id: id(x.id), reportId: idOrNull(x.reportId) })),
    analysis: r.analysis.map((x) => ({ ...x, id: id(x.id) })),
    assessments: r.assessments.map((x) => ({ ...x, id: id(x.id) })),
    strategies: r.strategies.map((x) => ({ ...x, id: id(x.id) })),
    actions: r.actions.map((x) => ({ ...x, id: id(x.id), strategyId: idOrNull(x.strategyId) })),
    reportingRecords: r.reportingRecords.map((x) => ({ ...x, id: id(x.id) })),
    reviews: r.reviews.map((x) => ({ ...x, id: id(x.id) })),
    evidence: r.evidence.map((x) => ({ ...x, id: id(x.id) })),
    custody: r.custody.map((x) => ({ ...x, evidenceId: idOrNull(x.evidenceId) })),
  };
}

/** The record as it reads back: every list in the order its query gives. */
function inReadOrder(r: CaseRecord): CaseRecord {
  const by = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    ...r,
    case: { ...r.case, members: [...r.case.members].sort() },
    reports: [...r.reports].sort(by((x) => x.receivedOn + x.createdAt)),
    indicators: [...r.indicators].sort(by((x) => x.observedOn + x.createdAt)),
    analysis: [...r.analysis].sort(by((x) => x.createdAt)),
    checklist: [...r.checklist].sort(by((x) => x.itemId)),
    assessments: [...r.assessments].sort(by((x) => x.assessedAt)),
    determinations: [...r.determinations].sort(by((x) => x.factId)),
    obligations: [...r.obligations].sort(by((x) => x.recipient)),
    reportingRecords: [...r.reportingRecords].sort(by((x) => x.recordedAt)),
    reviews: [...r.reviews].sort(by((x) => x.heldOn)),
  };
}

/** The connection, with the SQL of every statement prepared on it recorded in `prepared`. */
function recording(db: Db): { spy: Db; prepared: string[] } {
  const prepared: string[] = [];
  const spy = new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'prepare') {
        return (text: string) => {
          prepared.push(text);
          return target.prepare(text);
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { spy, prepared };
}

describe('the whole case record, synchronously on the connection', () => {
  it('writes a record and reads it back as written, in each list’s order, NULL staying null, the same as the store reads it', async () => {
    const db = freshDb();
    migrate(db);
    expect(readCaseRecordNow(db, 'c1')).toBeNull();
    const record = fullRecord();
    insertCaseRecordNow(db, record);
    const read = readCaseRecordNow(db, 'c1');
    expect(read).toEqual(inReadOrder(record));
    expect(await readCaseRecord(embeddedStore(db).q, 'c1')).toEqual(read);
    // What the record leaves out is taken from the case: the subject's id and time, the creator, an empty evidence body.
    expect(db.prepare('SELECT id, created_at FROM subjects').all()).toEqual([{ id: 'subj-c1', created_at: t(1) }]);
    expect(db.prepare('SELECT created_by, created_at, length(content) AS bytes FROM evidence').get()).toEqual({ created_by: 'pm', created_at: t(1), bytes: 0 });
    expect(db.prepare('SELECT updated_by, updated_at FROM checklist_items').all()).toEqual([
      { updated_by: 'pm', updated_at: t(9) },
      { updated_by: 'pm', updated_at: t(9) },
    ]);
  });

  it('keeps a team member named twice once', () => {
    const db = freshDb();
    migrate(db);
    const record = fullRecord();
    insertCaseRecordNow(db, { ...record, case: { ...record.case, members: ['ben', 'ben', 'hana'] } });
    expect(readCaseRecordNow(db, 'c1')?.case.members).toEqual(['ben', 'hana']);
  });

  it('refuses a stored code or a JSON column it does not know as an integrity error, naming no content', () => {
    const corruptions = [
      "UPDATE cases SET status = 'archived'",
      "UPDATE cases SET furthest_stage = 'crisis'",
      "UPDATE reports SET how_received = 'pigeon' WHERE id = 'r1'",
      "UPDATE indicators SET basis = 'hunch' WHERE id = 'i1'",
      "UPDATE analysis_items SET discipline = 'astrology' WHERE id = 'a2'",
      "UPDATE assessments SET le_criteria = '[\"no_such_fact\"]' WHERE id = 's1'",
      "UPDATE assessments SET le_criteria = 'not json' WHERE id = 's1'",
      "UPDATE actions SET status = 'stalled'",
      "UPDATE reviews SET effectiveness = '{\"x1\": 3}' WHERE id = 'v1'",
      "UPDATE reviews SET effectiveness = '' WHERE id = 'v1'",
      "UPDATE custody_events SET detail = '[1, 2]' WHERE action = 'received'",
      "UPDATE obligations SET recipient = 'press' WHERE recipient = 'internal'",
    ];
    const db = freshDb();
    migrate(db);
    insertCaseRecordNow(db, fullRecord());
    for (const corruption of corruptions) {
      db.exec('BEGIN');
      db.exec(corruption);
      expect(() => readCaseRecordNow(db, 'c1'), corruption).toThrow(expect.objectContaining({ code: 'integrity' }));
      db.exec('ROLLBACK');
    }
    expect(readCaseRecordNow(db, 'c1')).toEqual(inReadOrder(fullRecord()));
  });

  it('reports a case whose subject is missing as an integrity error', () => {
    const db = freshDb();
    migrate(db);
    insertCaseRecordNow(db, fullRecord());
    db.pragma('foreign_keys = OFF');
    db.exec("DELETE FROM subjects WHERE id = 'subj-c1'");
    expect(() => readCaseRecordNow(db, 'c1')).toThrow(expect.objectContaining({ code: 'integrity' }));
  });

  it('prepares each statement once per connection: writing or opening another case prepares nothing new', () => {
    const db = freshDb();
    migrate(db);
    const { spy, prepared } = recording(db);
    const record = fullRecord();
    insertCaseRecordNow(spy, record);
    const inserts = prepared.length;
    // Subject, case, and one insert per kind of item.
    expect(inserts).toBe(16);
    insertCaseRecordNow(spy, otherCase(record));
    expect(prepared.length).toBe(inserts);
    readCaseRecordNow(spy, 'c1');
    // The case, its subject, its team and one read per kind of item.
    expect(prepared.length - inserts).toBe(16);
    readCaseRecordNow(spy, 'c2');
    readCaseRecordNow(spy, 'c1');
    expect(prepared.length - inserts).toBe(16);
    expect(readCaseRecordNow(spy, 'c2')).toEqual(inReadOrder(otherCase(record)));
  });
});
