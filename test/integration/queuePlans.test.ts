import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planOf, recordingQueries, scansOf } from '../../electron/backend/data/queryPlans.test-helper';
import { awaitingSignOff, closuresToApprove, countPastDueActions, countReviewsDue, notAssessed, owedObligations, pastDueActions, pastDueOnCases, reviewsDue, usersChangedSince } from '../../electron/backend/data/queues';
import { workQueue } from '../../electron/backend/services/queues';
import type { Db } from '../../electron/backend/vault/database';
import { openWithRecoveryKey } from '../../electron/backend/vault/vault';
import { hubAnalysts, hubLegal, hubManager, SYNTH_NOW } from '../bench/hub';
import { seedVault } from '../bench/seed';

let root: string;
let db: Db;
const TODAY = SYNTH_NOW.toISOString().slice(0, 10);
const people = [hubManager.name, hubLegal, ...hubAnalysts.map((a) => a.name)];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'offramp-queue-plans-'));
  const dir = join(root, 'vault');
  const { recoveryKey } = await seedVault({ cases: 240, seed: 5, vaultDir: dir, passphrase: 'synthetic hub ledger quartz meadow', kdf: 'fast-insecure-for-tests' });
  db = openWithRecoveryKey(dir, recoveryKey);
  db.exec('ANALYZE');
}, 120_000);
afterAll(() => {
  db.close();
  rmSync(root, { recursive: true, force: true });
});

/** Every statement of a user's work queue, as data/queues.ts runs it. */
async function queueStatements(viewer: string) {
  const { q, ran } = recordingQueries(db);
  await reviewsDue(q, viewer, TODAY, 50);
  await countReviewsDue(q, viewer, TODAY, TODAY);
  await pastDueActions(q, viewer, TODAY, 50);
  await countPastDueActions(q, viewer, TODAY);
  await owedObligations(q, viewer, 500);
  await notAssessed(q, viewer, 50);
  await awaitingSignOff(q, viewer, 200);
  await closuresToApprove(q, 50);
  await usersChangedSince(q, '2026-10-21T00:00:00.000Z');
  await pastDueOnCases(q, ['a', 'b'], TODAY);
  return ran;
}

/** Who may see a case, worked out here on its own: its lead and the people on its team. */
function visibleTo(viewer: string): Set<string> {
  const rows = db.prepare('SELECT id FROM cases WHERE assigned_to = ? UNION SELECT case_id FROM case_members WHERE user_name = ?').pluck().all(viewer, viewer);
  return new Set(rows.map(String));
}

describe('the work queue', () => {
  it('reads no table that grows with the hub from end to end: its user\'s cases through their keys, the closures from the active cases', async () => {
    for (const viewer of people) {
      const ran = await queueStatements(viewer);
      expect(ran.length).toBeGreaterThanOrEqual(13);
      for (const statement of ran) {
        const plan = planOf(db, statement);
        // users: the hub's people, not its cases.
        expect(scansOf(plan, ['users']), `${statement.sql}: ${plan.join(' | ')}`).toEqual([]);
      }
    }
  });

  it('shows each user only cases they lead or are on the team of, and some of those', async () => {
    let seen = 0;
    for (const viewer of people) {
      const queue = await workQueue({ db }, { name: viewer, role: viewer === hubManager.name ? 'program_manager' : viewer === hubLegal ? 'legal' : 'analyst' }, TODAY, SYNTH_NOW);
      const visible = visibleTo(viewer);
      const personal = [...queue.reviews.items, ...queue.pastDueActions.items, ...queue.obligations, ...queue.notAssessed.items, ...(queue.signOff?.items ?? [])].map((i) => i.caseId);
      expect(personal.filter((id) => !visible.has(id)), viewer).toEqual([]);
      seen += personal.length;
    }
    expect(seen).toBeGreaterThan(0);
  });
});
