import { afterEach, describe, expect, it } from 'vitest';
import { createCase, requireCase } from '../../electron/backend/services/cases';
import {
  addIndicator,
  evaluateCase,
  indicatorHistory,
  recordAssessment,
  saveAnalysisItem,
  setChecklistItem,
  setDeterminations,
  updateIndicator,
} from '../../electron/backend/services/casework';
import { homeSummary } from '../../electron/backend/services/home';
import { verifyAudit } from '../../electron/backend/vault/audit';
import { analysisInputSchema } from '../../shared/contract/casework';
import { createTestVault, gamblingIntake, type TestVault } from '../helpers/vault';

let vault: TestVault;
afterEach(() => vault.cleanup());

const behavior = { category: 'financial', stage: 'concerning_behavior', observedOn: '2026-11-10', summary: 'Borrowed money from three colleagues', detail: '', source: 'Co-workers', corroboration: 'corroborated', basis: 'fact' } as const;

describe('casework services on a real vault', () => {
  it('records indicators, moves the furthest stage, and keeps edit history', async () => {
    vault = await createTestVault();
    const { id } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const indicatorId = await addIndicator(vault.session, id, null, behavior, vault.now());
    expect(requireCase(vault.session.db, id).case.furthestStage).toBe('concerning_behavior');
    expect(await updateIndicator(vault.session, id, indicatorId, { ...behavior, summary: 'Borrowed money from four colleagues' }, vault.now())).toBe(2);
    const history = await indicatorHistory(vault.session.db, id, indicatorId);
    expect(history).toHaveLength(1);
    expect(history[0]?.indicator.summary).toBe('Borrowed money from three colleagues');
    // Unchanged saves do not add versions.
    expect(await updateIndicator(vault.session, id, indicatorId, { ...behavior, summary: 'Borrowed money from four colleagues' }, vault.now())).toBe(2);
    await expect(addIndicator(vault.session, id, null, { ...behavior, observedOn: '2030-01-01' }, vault.now())).rejects.toThrow(/future/);
    expect(verifyAudit(vault.session.db).ok).toBe(true);
  });

  it('rewrites the case row\'s risk, review date and furthest stage only when they change (every sort index holds the risk)', async () => {
    vault = await createTestVault();
    const db = vault.session.db;
    const { id } = createCase(db, vault.session.user, gamblingIntake(), vault.now());
    await addIndicator(vault.session, id, null, behavior, vault.now());
    db.exec('CREATE TEMP TABLE sort_rewrites (n INTEGER)');
    db.exec("CREATE TEMP TRIGGER count_sort_rewrites AFTER UPDATE OF risk, next_review, furthest_stage ON main.cases BEGIN INSERT INTO sort_rewrites VALUES (1); END");
    const rewrites = () => (db.prepare('SELECT count(*) AS n FROM sort_rewrites').get() as { n: number }).n;
    // A second indicator at the same stage changes none of them.
    await addIndicator(vault.session, id, null, { ...behavior, summary: 'Asked a fourth colleague' }, vault.now());
    expect(rewrites()).toBe(0);
    // An indicator at a later stage still moves the furthest stage.
    const before = requireCase(db, id).case.furthestStage;
    await addIndicator(vault.session, id, null, { ...behavior, stage: 'predisposition', summary: 'Long-standing gambling' }, vault.now());
    expect(requireCase(db, id).case.furthestStage).toBe(before);
    expect(rewrites()).toBe(0);
    db.prepare("UPDATE cases SET furthest_stage = 'stressor' WHERE id = ?").run(id);
    const afterManual = rewrites();
    await addIndicator(vault.session, id, null, behavior, vault.now());
    expect(requireCase(db, id).case.furthestStage).toBe('concerning_behavior');
    expect(rewrites()).toBe(afterManual + 1);
    db.exec('DROP TRIGGER temp.count_sort_rewrites');
  });

  it('validates analysis items: a question needs its kind, a viewpoint its discipline', () => {
    const bad = analysisInputSchema.safeParse({ caseId: 'x', kind: 'question', text: 'Did he have access to the safe?' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('Say what kind of question this is');
    expect(analysisInputSchema.safeParse({ caseId: 'x', kind: 'question', text: 'Q', questionKind: 'definitive' }).success).toBe(true);
    expect(analysisInputSchema.safeParse({ caseId: 'x', kind: 'viewpoint', text: 'Late-night logins are patching' }).success).toBe(false);
  });

  it('refuses unknown checklist items and changes to closed cases', async () => {
    vault = await createTestVault();
    const { id } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    await expect(setChecklistItem(vault.session, id, 'nope', true, '', vault.now(), ['state_goal'])).rejects.toThrow(/Unknown checklist item/);
    vault.session.db.prepare("UPDATE cases SET status = 'closed' WHERE id = ?").run(id);
    const item = analysisInputSchema.parse({ caseId: id, kind: 'goal', text: 'Is Ted harming the organization?' });
    await expect(saveAnalysisItem(vault.session, item, vault.now())).rejects.toThrow(/closed/);
  });

  it('sets risk and the next review from an assessment', async () => {
    vault = await createTestVault();
    const { id } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const result = await recordAssessment(vault.session, { caseId: id, interest: '', motive: 'Debt', ability: 'Access to petty cash', imminence: 'low', risk: 'moderate', rationale: 'Stressor with a concerning behaviour; no criminal nexus.', leCriteria: [] }, vault.now());
    expect(result.nextReview).toBe('2026-12-20');
    expect(requireCase(vault.session.db, id).case).toMatchObject({ risk: 'moderate', nextReview: '2026-12-20' });
  });

  it('computes obligations from determinations and reports what changed (Toebbe-style disclosure, DOD)', async () => {
    vault = await createTestVault();
    const { id } = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const first = await setDeterminations(vault.session, id, [
      { factId: 'classified_disclosure', value: 'yes', note: '' },
      { factId: 'foreign_recipient', value: 'yes', note: '' },
    ], vault.now());
    expect(first.added).toEqual(expect.arrayContaining(['fbi', 'ditmac', 'internal']));
    const fbi = requireCase(vault.session.db, id).obligations.find((o) => o.recipient === 'fbi');
    expect(fbi).toMatchObject({ timing: 'immediately' });
    expect(fbi?.citation).toContain('Section 811');
    const second = await setDeterminations(vault.session, id, [{ factId: 'foreign_recipient', value: 'no', note: 'recipient was a journalist' }], vault.now());
    expect(second.removed).toContain('fbi');
    expect((await evaluateCase(requireCase(vault.session.db, id), vault.session.db)).obligations.some((o) => o.recipient === 'fbi')).toBe(false);
  });

  it('puts unmet immediate obligations first on the home summary', async () => {
    vault = await createTestVault();
    const a = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    const b = createCase(vault.session.db, vault.session.user, gamblingIntake(), vault.now());
    await setDeterminations(vault.session, a.id, [{ factId: 'criminal_conduct', value: 'yes', note: '' }], vault.now());
    await setDeterminations(vault.session, b.id, [{ factId: 'classified_disclosure', value: 'yes', note: '' }, { factId: 'foreign_recipient', value: 'yes', note: '' }], vault.now());
    const home = await homeSummary(vault.session.db, vault.session.user, '2026-11-20');
    expect(home.counts.open).toBe(2);
    expect(home.myCases).toHaveLength(2);
    expect(home.pendingObligations[0]).toMatchObject({ number: b.number, recipient: 'fbi', timing: 'immediately' });
    expect(home.pendingObligations.every((o) => o.recipient !== 'internal')).toBe(true);
  });
});
