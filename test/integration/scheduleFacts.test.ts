import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeOf } from '../../electron/backend/data';
import { readScheduleFacts } from '../../electron/backend/data/caseRecord';
import { readCaseRecord } from '../../electron/backend/services/caseStore';
import { furthestStage } from '../../electron/backend/services/cases';
import { addIndicator, addReport } from '../../electron/backend/services/casework';
import { scheduleFacts } from '../../electron/backend/services/schedule';
import type { Db } from '../../electron/backend/vault/database';
import { openWithRecoveryKey } from '../../electron/backend/vault/vault';
import { caseRisk, reviewDue, type ScheduleFacts } from '../../shared/model/schedule';
import { SYNTH_NOW } from '../bench/hub';
import { seedVault } from '../bench/seed';
import { newIndicator, plainSession } from '../bench/worker';

let root: string;
let db: Db;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'offramp-schedule-'));
  const dir = join(root, 'vault');
  const { recoveryKey } = await seedVault({ cases: 60, seed: 4, vaultDir: dir, passphrase: 'synthetic hub ledger quartz meadow', kdf: 'fast-insecure-for-tests' });
  db = openWithRecoveryKey(dir, recoveryKey);
}, 60_000);
afterAll(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

/** Only what the schedule reads, from facts of either source. */
const projected = (f: ScheduleFacts) => ({
  status: f.status,
  assessments: f.assessments.map((a) => ({ risk: a.risk, assessedAt: a.assessedAt })),
  reviews: f.reviews.map((r) => ({ heldOn: r.heldOn })),
  actions: f.actions.map((a) => ({ id: a.id, status: a.status, dueOn: a.dueOn })),
  determinations: f.determinations.map((d) => ({ factId: d.factId, value: d.value })),
});

describe('the schedule facts a change reads', () => {
  it('are the whole record\'s, in its order, for every case of a seeded hub', async () => {
    const { q } = storeOf({ db });
    const ids = (db.prepare('SELECT id FROM cases ORDER BY number').all() as { id: string }[]).map((r) => r.id);
    let withEverything = 0;
    for (const id of ids) {
      const record = readCaseRecord(db, id);
      if (record === null) throw new Error('a listed case has no record');
      const lean = await readScheduleFacts(q, id);
      if (lean === null) throw new Error('a listed case has no schedule facts');
      expect(projected(lean)).toEqual(projected(scheduleFacts(record)));
      expect(caseRisk(lean)).toBe(caseRisk(scheduleFacts(record)));
      expect(reviewDue(lean)).toEqual(reviewDue(scheduleFacts(record)));
      if (record.assessments.length > 0 && record.reviews.length > 0 && record.actions.length > 0 && record.determinations.length > 0) withEverything += 1;
    }
    // The seeded hub has cases with every kind of fact, so the comparison covers each.
    expect(withEverything).toBeGreaterThan(0);
    expect(await readScheduleFacts(q, 'no-such-case')).toBeNull();
  });

  /** Runs `change` on a connection that records every statement it prepares. */
  const preparedBy = async (change: (spy: Db) => Promise<unknown>): Promise<string[]> => {
    const sql: string[] = [];
    const spy = new Proxy(db, {
      get(t, key, receiver) {
        if (key === 'prepare') return (text: string) => {
          sql.push(text);
          return t.prepare(text);
        };
        return Reflect.get(t, key, receiver) as unknown;
      },
    });
    await change(spy);
    return sql;
  };
  const openCases = () => (db.prepare("SELECT id FROM cases WHERE status <> 'closed' ORDER BY number").all() as { id: string }[]).map((r) => r.id);

  it('are read without the case\'s texts when a report is added', async () => {
    const id = openCases()[0] ?? '';
    const sql = await preparedBy((spy) => addReport(plainSession(spy), id, { receivedOn: '2026-11-18', howReceived: 'email', reporter: 'Supervisor', reporterConfidential: false, narrative: 'Asked a colleague for a loan again.' }, SYNTH_NOW));
    expect(sql.some((text) => /FROM "?assessments\b/i.test(text))).toBe(true);
    // No report narrative, analysis text or evidence is read to keep the schedule right.
    for (const text of sql) expect(text).not.toMatch(/FROM "?(reports|analysis_items|evidence|subjects|custody_events)\b|SELECT \* FROM/i);
    const record = readCaseRecord(db, id);
    if (record === null) throw new Error('the case is gone');
    expect(record.case.risk).toBe(caseRisk(scheduleFacts(record)));
    expect(record.case.nextReview).toBe(reviewDue(scheduleFacts(record)).nextReview);
  });

  it('are not read at all when an indicator is added, nor are the case\'s other indicators: neither can move what is stored', async () => {
    const id = openCases()[1] ?? '';
    const stored = () => db.prepare('SELECT risk, next_review, furthest_stage FROM cases WHERE id = ?').get(id) as { risk: string; next_review: string | null; furthest_stage: string | null };
    const before = stored();
    const sql = await preparedBy((spy) => addIndicator(plainSession(spy), id, null, { ...newIndicator, stage: 'predisposition' }, SYNTH_NOW));
    expect(sql.some((text) => /INSERT INTO "?indicators\b/i.test(text))).toBe(true);
    for (const text of sql) expect(text).not.toMatch(/FROM "?(assessments|reviews|actions|determinations|indicators|reports|analysis_items|evidence|subjects|custody_events)\b|SELECT \* FROM/i);
    const record = readCaseRecord(db, id);
    if (record === null) throw new Error('the case is gone');
    // The furthest stage is still the furthest of all the case's indicators; risk and review date are as they were.
    expect(record.case.furthestStage).toBe(furthestStage(record.indicators.map((i) => i.stage)));
    expect(stored()).toEqual({ ...before, furthest_stage: record.case.furthestStage });
  });
});
